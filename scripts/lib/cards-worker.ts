/**
 * The cards Worker (wrangler.cards.toml) built as `wrangler deploy` would and described as a
 * Miniflare worker, so the test pool, the local scripts and the bench run the same bundle
 * beside the main Worker (its CARDS service binding names it).
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./env";
import { dryRunBuild } from "./wrangler-build";

export const CARDS_WORKER_NAME = "edgewire-cards";
export const CARDS_BUCKET = "edgewire-cards";

/** Bundles src/cards/worker.ts into `outdir` (worker.js plus its .woff and .wasm modules). */
export function buildCardsWorker(outdir = path.join(ROOT, ".wrangler/cards-dist")): string {
  dryRunBuild(outdir, ["-c", "wrangler.cards.toml"]);
  return outdir;
}

type ModuleDef = { type: "ESModule" | "Data" | "CompiledWasm"; path: string };

/** Miniflare options for the built cards Worker: its modules listed one by one (no module rules needed). */
export function cardsWorkerOptions(outdir: string) {
  const modules: ModuleDef[] = [{ type: "ESModule", path: path.join(outdir, "worker.js") }];
  for (const file of readdirSync(outdir)) {
    if (file.endsWith(".woff")) modules.push({ type: "Data", path: path.join(outdir, file) });
    else if (file.endsWith(".wasm")) modules.push({ type: "CompiledWasm", path: path.join(outdir, file) });
  }
  return {
    name: CARDS_WORKER_NAME,
    modules,
    modulesRoot: outdir,
    compatibilityDate: "2026-04-26",
    compatibilityFlags: ["nodejs_compat"],
    r2Buckets: { CARDS_BUCKET },
    // Local runs (import, soak, browser tests, bench) make no calls out: an article image on
    // another host is answered 502 here, and the card is drawn without it (and not stored as
    // complete). Loopback hosts (a test's own image server) are reached as usual.
    outboundService: (request: Request) => {
      const host = new URL(request.url).hostname;
      if (host === "127.0.0.1" || host === "localhost" || host === "[::1]") return fetch(request);
      return new Response("local runs make no network calls", { status: 502 });
    },
  };
}
