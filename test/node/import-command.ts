/**
 * `npm run import` as a user runs it, for the node tests: a child process on a local D1 of
 * its own (EDGEWIRE_PERSIST_TO), read back through Miniflare from the file it wrote.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Miniflare } from "miniflare";

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** wrangler.toml's database_id: the local D1 file the import command writes. */
const DATABASE_ID = "00000000-0000-0000-0000-000000000000";

export type ImportCommand = {
  /** The persisted state folder the command writes into. */
  state: string;
  run: (...args: string[]) => SpawnSyncReturns<string>;
  /** Rows of a query against the D1 the command wrote. */
  rows: (sql: string) => Promise<Record<string, unknown>[]>;
  /** Removes the state folder (afterAll). */
  cleanUp: () => void;
};

/** `script`: another command run the same way (scripts/sync.ts); `env`: more variables for it. */
export function importCommand(prefix: string, timeoutMs = 90_000, options: { script?: string; env?: Record<string, string> } = {}): ImportCommand {
  const state = mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    state,
    run: (...args) =>
      spawnSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), options.script ?? "scripts/import.ts", ...args], {
        cwd: ROOT,
        env: { ...process.env, ...options.env, EDGEWIRE_PERSIST_TO: state },
        encoding: "utf8",
        timeout: timeoutMs,
      }),
    rows: async (sql) => {
      const mf = new Miniflare({ modules: true, script: "export default {}", d1Databases: { DB: DATABASE_ID }, d1Persist: path.join(state, "v3/d1") });
      try {
        const db = await mf.getD1Database("DB");
        return (await db.prepare(sql).all<Record<string, unknown>>()).results;
      } finally {
        await mf.dispose();
      }
    },
    cleanUp: () => rmSync(state, { recursive: true, force: true }),
  };
}
