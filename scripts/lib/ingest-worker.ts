/**
 * The ingest Worker (wrangler.ingest.toml, src/ingest/worker.ts) built as `wrangler deploy`
 * would and described as a Miniflare worker, so the test pool, the local scripts and the bench
 * run the same bundle beside the main Worker (its INGEST service binding names it).
 */
import path from "node:path";
import { ROOT } from "./env";
import { dryRunBuild } from "./wrangler-build";

export const INGEST_WORKER_NAME = "edgewire-ingest";

/** Bundles src/ingest/worker.ts into `outdir`; returns the path of worker.js. */
export function buildIngestWorker(outdir = path.join(ROOT, ".wrangler/ingest-dist")): string {
  dryRunBuild(outdir, ["-c", "wrangler.ingest.toml"]);
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
