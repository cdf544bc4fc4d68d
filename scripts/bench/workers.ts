/**
 * The workers a benchmark compares, all under the same harness: workerd through the
 * Miniflare API on 127.0.0.1 (no wrangler proxy in the way, see TOOLCHAIN.md).
 */
import path from "node:path";
import { Miniflare } from "miniflare";
import { buildCardsWorker, cardsWorkerOptions } from "../lib/cards-worker";
import { buildIngestWorker, ingestWorkerOptions } from "../lib/ingest-worker";
import { ROOT } from "../lib/env";

// The same bytes as the share page's HIT, headers included (a floor without our security
// headers would send less): built once, returned from memory.
const FLOOR_MEMORY = `let body, headers;
export default { fetch(request, env) {
  body ??= new TextEncoder().encode(env.BODY);
  headers ??= Object.entries(JSON.parse(env.HEADERS));
  return new Response(body, { headers });
} };`;

// What the Cache API alone costs: the same bytes, stored once, then matched per request.
const FLOOR_CACHE = `export default { async fetch(request, env) {
  const key = "https://floor.example/page";
  let hit = await caches.default.match(key);
  if (!hit) {
    await caches.default.put(key, new Response(env.BODY, { headers: { ...JSON.parse(env.HEADERS), "Cache-Control": "public, max-age=86400" } }));
    hit = await caches.default.match(key);
  }
  return new Response(hit.body, hit);
} };`;

// The cache-miss floor: the same single-row D1 read the share page makes, returned raw.
// With PUT, plus what any cache must add: its bytes put to the Cache API, off the response
// path as the edge cache does ("waitUntil") or before answering ("await").
const FLOOR_D1 = `export default { async fetch(request, env, ctx) {
  const url = new URL(request.url);
  const code = url.pathname.split("/").pop();
  const row = await env.DB.prepare("SELECT * FROM articles WHERE info_code = ?").bind(code).first();
  const body = JSON.stringify(row);
  if (env.PUT) {
    const put = caches.default.put("https://floor.example" + url.pathname, new Response(body, { headers: { "Content-Type": "application/json", "Cache-Control": "public, max-age=86400" } }));
    if (env.PUT === "await") await put;
    else ctx.waitUntil(put);
  }
  return new Response(body, { headers: { "Content-Type": "application/json" } });
} };`;

export type Started = { mf: Miniflare; url: URL; startupMs: number };

async function start(options: ConstructorParameters<typeof Miniflare>[0]): Promise<Started> {
  const t0 = performance.now();
  const mf = new Miniflare({ host: "127.0.0.1", port: 0, compatibilityDate: "2026-04-26", ...options });
  const url = await mf.ready;
  await (await mf.dispatchFetch(new URL("/", url))).arrayBuffer();
  return { mf, url, startupMs: performance.now() - t0 };
}

/** Headers a floor sends along with the body: what the real page sends, minus framing. */
export type FloorHeaders = Record<string, string>;

export function startFloorMemory(body: string, headers: FloorHeaders = { "Content-Type": "text/html; charset=UTF-8" }): Promise<Started> {
  return start({ modules: true, script: FLOOR_MEMORY, bindings: { BODY: body, HEADERS: JSON.stringify(headers) } });
}

export function startFloorCache(body: string, headers: FloorHeaders): Promise<Started> {
  return start({ modules: true, script: FLOOR_CACHE, bindings: { BODY: body, HEADERS: JSON.stringify(headers) }, cachePersist: false });
}

/**
 * The D1 floor, with `put` the Cache API put a miss adds. `d1Databases` exactly as
 * wrangler.toml gives them to the real worker, so both read one database.
 */
export function startFloorD1(stateDir: string, d1Databases: unknown, put: "" | "waitUntil" | "await" = ""): Promise<Started> {
  return start({
    modules: true,
    script: FLOOR_D1,
    bindings: { PUT: put },
    d1Databases: d1Databases as Record<string, string>,
    d1Persist: path.join(stateDir, "d1"),
    cachePersist: false,
  });
}

/** The cards Worker, built once per bench run: the real worker's CARDS binding names it. */
let cardsDir: string | undefined;
/** The ingest Worker, likewise (the INGEST binding): every write's posts are parsed there. */
let ingestScript: string | undefined;

/** The real bundle with wrangler.toml's bindings on the benchmark's own state folder, and the cards and ingest Workers beside it. */
export async function startReal(scriptPath: string, workerOptions: Record<string, unknown>, stateDir: string, bindings: Record<string, string>, scratch?: string): Promise<Started> {
  const cards = (cardsDir ??= process.env.EDGEWIRE_CARDS_DIR ?? buildCardsWorker(path.join(ROOT, ".bench/cards-dist")));
  const ingest = (ingestScript ??= process.env.EDGEWIRE_INGEST_BUNDLE ?? buildIngestWorker(path.join(ROOT, ".bench/ingest-dist")));
  const t0 = performance.now();
  const mf = inScratch(scratch, () => new Miniflare({
    host: "127.0.0.1",
    port: 0,
    workers: [
      {
        ...workerOptions,
        name: "edgewire",
        modules: true,
        scriptPath,
        bindings: { ...(workerOptions.bindings as Record<string, unknown>), ...bindings },
      },
      cardsWorkerOptions(cards),
      ingestWorkerOptions(ingest),
    ],
    d1Persist: path.join(stateDir, "d1"),
    cachePersist: false,
    r2Persist: false,
  } as ConstructorParameters<typeof Miniflare>[0]));
  const url = await mf.ready;
  await (await mf.dispatchFetch(new URL("/", url))).arrayBuffer();
  return { mf, url, startupMs: performance.now() - t0 };
}

/**
 * Makes a Miniflare whose scratch state is under `dir`. Miniflare keeps what is not persisted
 * (cachePersist: false: the emulated Cache API's entries, in SQLite and a file per body)
 * in a folder under os.tmpdir(), which it reads from TMPDIR when it is constructed.
 */
function inScratch<T>(dir: string | undefined, make: () => T): T {
  if (dir === undefined) return make();
  const before = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    return make();
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  }
}
