/**
 * npm start: local, no account, no network.
 * 1. .dev.vars with a random admin token, created once and never committed;
 * 2. migrations applied to the local D1;
 * 3. the sample corpus imported (unchanged posts are skipped, so a second start is quick);
 * 4. wrangler dev on http://127.0.0.1:8787: the app and, in the same process, the cards Worker
 *    (wrangler.cards.toml) that its CARDS binding reaches; share cards are kept in the local R2.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEV_VARS, OFFLINE_ENV, ROOT } from "./lib/env";
import { runImport } from "./lib/import-run";
import { applyLocalMigrations } from "./lib/local-worker";

const WRANGLER = path.join(ROOT, "node_modules/wrangler/bin/wrangler.js");

function ensureDevVars(): void {
  if (existsSync(DEV_VARS)) return;
  const token = randomBytes(24).toString("base64url");
  writeFileSync(DEV_VARS, `# Local secrets for wrangler dev; never commit this file.\nADMIN_TOKEN=${token}\n`, { mode: 0o600 });
  console.log(`start: wrote .dev.vars with a new random ADMIN_TOKEN`);
}

async function main(): Promise<void> {
  ensureDevVars();
  applyLocalMigrations();
  await runImport({ paths: [path.join(ROOT, "content/posts")], quiet: true });

  const dev = spawn(process.execPath, [WRANGLER, "dev", "-c", "wrangler.toml", "-c", "wrangler.cards.toml", "--ip", "127.0.0.1", "--port", "8787"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, ...OFFLINE_ENV },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => dev.kill(signal));
  dev.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((err: unknown) => {
  console.error(`start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
