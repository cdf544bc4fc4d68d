/**
 * `wrangler deploy --dry-run`: a Worker bundled exactly as deploy would upload it, with no
 * network (no telemetry, no update check, no Request.cf lookup). The main, cards and ingest
 * Workers are all built through this.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { ROOT } from "./env";

export const WRANGLER = path.join(ROOT, "node_modules/wrangler/bin/wrangler.js");

/** Bundles the Worker that `args` name (`-c wrangler.cards.toml`, an entry file, or nothing for wrangler.toml) into `outdir`. */
export function dryRunBuild(outdir: string, args: readonly string[] = []): void {
  execFileSync(process.execPath, [WRANGLER, "deploy", "--dry-run", ...args, "--outdir", outdir], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_HIDE_BANNER: "true", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
  });
}
