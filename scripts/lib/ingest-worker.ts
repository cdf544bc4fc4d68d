/**
 * The ingest Worker (wrangler.ingest.toml, src/ingest/worker.ts) built as `wrangler deploy`
 * would and described as a Miniflare worker, so the test pool, the local scripts and the bench
 * run the same bundle beside the main Worker (its INGEST service binding names it).
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { ROOT } from "./env";

export const INGEST_WORKER_NAME = "edgewire-ingest";
const WRANGLER = path.join(ROOT, "node_modules/wrangler/bin/wrangler.js");

/** Bundles src/ingest/worker.ts into `outdir`; returns the path of worker.js. */
export function buildIngestWorker(outdir = path.join(ROOT, ".wrangler/ingest-dist")): string {
  execFileSync(process.execPath, [WRANGLER, "deploy", "--dry-run", "-c", "wrangler.ingest.toml", "--outdir", outdir], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_HIDE_BANNER: "true", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
  });
  return path.join(outdir, "worker.js");
}

/** Miniflare options for the built ingest Worker. It has no bindings and makes no calls out. */
export function ingestWorkerOptions(scriptPath: string) {
  return {
    name: INGEST_WORKER_NAME,
    modules: true,
    scriptPath,
    compatibilityDate: "2026-04-26",
    compatibilityFlags: ["nodejs_compat"],
    outboundService: () => new Response("the ingest Worker makes no network calls", { status: 502 }),
  };
}
