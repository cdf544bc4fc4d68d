/**
 * What `npm start` may skip: migrating and importing the sample corpus take two wrangler
 * runs (migrations apply, then a build for the in-process import). When the migrations
 * and content/posts hash the same as at the last successful start, and that start's
 * local D1 is still there, neither can change a row, so both are skipped. The stamp lives
 * inside the state folder: deleting .wrangler/state forgets it too.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./env";
import { PERSIST_TO, STATE_DIR } from "./local-worker";

const STAMP = path.join(PERSIST_TO, "edgewire-start.json");
const INPUTS = ["migrations", "content/posts"];

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const full = path.join(dir, entry);
      return statSync(full).isDirectory() ? filesUnder(full) : [full];
    });
}

/** A digest of every file name and byte that migrating and importing read. */
export function startInputsHash(): string {
  const hash = createHash("sha256");
  for (const file of INPUTS.flatMap((dir) => filesUnder(path.join(ROOT, dir)))) {
    hash.update(path.relative(ROOT, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

function localD1Exists(): boolean {
  return filesUnder(path.join(STATE_DIR, "d1")).some((file) => file.endsWith(".sqlite"));
}

export function upToDate(hash: string): boolean {
  if (!existsSync(STAMP) || !localD1Exists()) return false;
  try {
    return (JSON.parse(readFileSync(STAMP, "utf8")) as { inputs?: unknown }).inputs === hash;
  } catch {
    return false;
  }
}

export function writeStamp(hash: string): void {
  writeFileSync(STAMP, JSON.stringify({ inputs: hash }) + "\n");
}
