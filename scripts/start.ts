/**
 * npm start: local, no account, no network. `npm start -- --port N` or `PORT=N npm start`
 * (default 8787), always on 127.0.0.1.
 * 1. .dev.vars with a random admin token, created once and never committed;
 * 2. migrations applied to the local D1 and the sample corpus imported, both skipped when
 *    neither changed since the last start (scripts/lib/start-stamp.ts);
 * 3. wrangler dev on http://127.0.0.1:<port>, with SITE_URL following the port: the app and, in
 *    the same process, the cards Worker (wrangler.cards.toml) its CARDS binding reaches and the
 *    ingest Worker (wrangler.ingest.toml) its INGEST binding calls to parse posts; share cards
 *    are kept in the local R2 under .wrangler/state.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { choosePort, forgetDevServer, portIsFree, recordDevServer } from "./lib/dev-server";
import { DEV_VARS, OFFLINE_ENV, ROOT } from "./lib/env";
import { runImport } from "./lib/import-run";
import { applyLocalMigrations } from "./lib/local-worker";
import { startInputsHash, upToDate, writeStamp } from "./lib/start-stamp";

const WRANGLER = path.join(ROOT, "node_modules/wrangler/bin/wrangler.js");

class StartError extends Error {}

function ensureDevVars(): void {
  if (existsSync(DEV_VARS)) return;
  const token = randomBytes(24).toString("base64url");
  writeFileSync(DEV_VARS, `# Local secrets for wrangler dev; never commit this file.\nADMIN_TOKEN=${token}\n`, { mode: 0o600 });
  console.log(`start: wrote .dev.vars with a new random ADMIN_TOKEN`);
}

async function prepareLocalD1(): Promise<void> {
  const inputs = startInputsHash();
  if (upToDate(inputs)) {
    console.log("start: migrations and content/posts unchanged since the last start; local D1 kept as is");
    return;
  }
  applyLocalMigrations();
  const counts = await runImport({ paths: [path.join(ROOT, "content/posts")], quiet: true });
  // Only a clean import is remembered: a rejected or failed post is tried again next start.
  if (counts.rejected === 0 && counts.failed === 0) writeStamp(inputs);
}

async function main(): Promise<void> {
  const port = choosePort(process.argv.slice(2));
  if (port === null) throw new StartError("--port (or PORT) must be a whole number from 1 to 65535.");
  // Checked before any work, so a taken port is one line, not a workerd stack trace.
  if (!(await portIsFree(port))) {
    throw new StartError(`port ${port} on 127.0.0.1 is in use (another npm start?); stop it, or run: npm start -- --port ${port + 1}`);
  }
  ensureDevVars();
  await prepareLocalD1();

  const site = `http://127.0.0.1:${port}`;
  const dev = spawn(process.execPath, [WRANGLER, "dev", "-c", "wrangler.toml", "-c", "wrangler.cards.toml", "-c", "wrangler.ingest.toml", "--ip", "127.0.0.1", "--port", String(port), "--var", `SITE_URL:${site}`], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, ...OFFLINE_ENV },
  });
  recordDevServer(port);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => dev.kill(signal));
  dev.on("exit", (code) => {
    forgetDevServer();
    process.exit(code ?? 0);
  });
}

main().catch((err: unknown) => {
  console.error(`start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
