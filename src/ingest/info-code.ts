/**
 * Generated info codes for posts that carry none. The rule for reading a code is in
 * src/lib/info-code.ts (re-exported here for ingest's callers).
 */
import { sha256 } from "./hash";

export { INFO_CODE_RULE, isInfoCode, parseInfoCode, type InfoCode } from "../lib/info-code";

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

/**
 * A stable code for a post that carries none: "EW" + its date + 10 digits of
 * SHA-256(date text + "\n" + title), so re-importing the same post finds the same
 * article. The title is part of the key, so a partner who corrects a headline on a
 * post without an info code creates a second article; such partners should send
 * `info_code` in front matter.
 */
export async function generateInfoCode(
  dateText: string,
  title: string,
  day: { year: number; month: number; day: number },
): Promise<string> {
  const digest = await sha256(`${dateText}\n${title}`);
  let n = 0n;
  for (const byte of digest.subarray(0, 8)) n = (n << 8n) | BigInt(byte);
  const digits = (n % 10_000_000_000n).toString().padStart(10, "0");
  return `EW${pad(day.year, 4)}${pad(day.month, 2)}${pad(day.day, 2)}${digits}`;
}

/**
 * The code of a post without one that comes from a site: "EW" + its date + 10 digits of
 * SHA-256(site URL + "\n" + site-relative path). The path is what identifies a Jekyll
 * post (its URL comes from it), so correcting a title or date keeps the article, and two
 * posts of one site never share a code by accident.
 */
export async function infoCodeFromPath(
  site: string,
  postPath: string,
  day: { year: number; month: number; day: number },
): Promise<string> {
  const digest = await sha256(`${site}\n${postPath}`);
  let n = 0n;
  for (const byte of digest.subarray(0, 8)) n = (n << 8n) | BigInt(byte);
  const digits = (n % 10_000_000_000n).toString().padStart(10, "0");
  return `EW${pad(day.year, 4)}${pad(day.month, 2)}${pad(day.day, 2)}${digits}`;
}
