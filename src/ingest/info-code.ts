/**
 * Generated info codes for posts that carry none. The rule for reading a code is in
 * src/lib/info-code.ts (re-exported here for ingest's callers).
 */
import { sha256 } from "./hash";

export { INFO_CODE_RULE, isInfoCode, parseInfoCode, type InfoCode } from "../lib/info-code";

export type Day = { year: number; month: number; day: number };

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

/** "EW" + the day + 10 digits of SHA-256(key). */
async function codeOf(key: string, day: Day): Promise<string> {
  const digest = await sha256(key);
  let n = 0n;
  for (const byte of digest.subarray(0, 8)) n = (n << 8n) | BigInt(byte);
  const digits = (n % 10_000_000_000n).toString().padStart(10, "0");
  return `EW${pad(day.year, 4)}${pad(day.month, 2)}${pad(day.day, 2)}${digits}`;
}

/**
 * The code of a post without one whose file is named like a Jekyll post
 * (`2021-12-01-init.md`): "EW" + the file name's date + 10 digits of SHA-256("file\n" +
 * file name). The file name is what a post has the same however it is sent (in its site,
 * alone, through the API with only a name): no folder, no site, no title or time, so a
 * corrected headline or time keeps the article too. Two posts sharing a file name (two
 * sites' `init.md`) are told apart when written (src/db/post-identity.ts): the second
 * takes its earlier, site-qualified code (infoCodeFromPath).
 */
export async function infoCodeFromFileName(fileName: string, day: Day): Promise<string> {
  return codeOf(`file\n${fileName}`, day);
}

/**
 * The code of a post without one and without a dated file name: "EW" + its date + 10
 * digits of SHA-256(date text + "\n" + title), so re-importing the same post finds the
 * same article. The title is part of the key, so a partner who corrects a headline on such
 * a post creates a second article; such partners should send `info_code` in front matter.
 * Until file names decided, it was also the code of a loose file with a dated name: it is
 * still tried for those, so articles stored under it keep their code.
 */
export async function generateInfoCode(dateText: string, title: string, day: Day): Promise<string> {
  return codeOf(`${dateText}\n${title}`, day);
}

/**
 * The code a site's post without one had before file names decided: "EW" + its date + 10
 * digits of SHA-256(site URL + "\n" + site-relative path). Still what a site post without
 * a dated file name gets; for the others it is tried first among earlier codes (articles
 * stored under it keep their code), and it is the way out when another source's post has
 * the same file name.
 */
export async function infoCodeFromPath(site: string, postPath: string, day: Day): Promise<string> {
  return codeOf(`${site}\n${postPath}`, day);
}
