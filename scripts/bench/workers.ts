/**
 * The workers a benchmark compares, all under the same harness: workerd through the
 * Miniflare API on 127.0.0.1 (no wrangler proxy in the way, see TOOLCHAIN.md).
 */
import path from "node:path";
import { Miniflare } from "miniflare";

const FLOOR_MEMORY = `export default { fetch(request, env) {
  return new Response(env.BODY, { headers: { "Content-Type": "text/html; charset=UTF-8" } });
} };`;

// What the Cache API alone costs: the same bytes, stored once, then matched per request.
const FLOOR_CACHE = `export default { async fetch(request, env) {
  const key = "https://floor.example/page";
  let hit = await caches.default.match(key);
  if (!hit) {
    await caches.default.put(key, new Response(env.BODY, { headers: { "Content-Type": "text/html; charset=UTF-8", "Cache-Control": "public, max-age=86400" } }));
    hit = await caches.default.match(key);
  }
  return new Response(hit.body, hit);
} };`;

// The cache-miss floor: the same single-row D1 read the share page makes, returned raw.
const FLOOR_D1 = `export default { async fetch(request, env) {
  const code = new URL(request.url).pathname.split("/").pop();
  const row = await env.DB.prepare("SELECT * FROM articles WHERE info_code = ?").bind(code).first();
  return Response.json(row);
} };`;

export type Started = { mf: Miniflare; url: URL; startupMs: number };

async function start(options: ConstructorParameters<typeof Miniflare>[0]): Promise<Started> {
  const t0 = performance.now();
  const mf = new Miniflare({ host: "127.0.0.1", port: 0, ...options });
  const url = await mf.ready;
  await (await mf.dispatchFetch(new URL("/", url))).arrayBuffer();
  return { mf, url, startupMs: performance.now() - t0 };
}

export function startFloorMemory(body: string): Promise<Started> {
  return start({ modules: true, script: FLOOR_MEMORY, compatibilityDate: "2026-04-26", bindings: { BODY: body } });
}

export function startFloorCache(body: string): Promise<Started> {
  return start({ modules: true, script: FLOOR_CACHE, compatibilityDate: "2026-04-26", bindings: { BODY: body }, cachePersist: false });
}

export function startFloorD1(stateDir: string, databaseId: string): Promise<Started> {
  return start({
    modules: true,
    script: FLOOR_D1,
    compatibilityDate: "2026-04-26",
    d1Databases: { DB: databaseId },
    d1Persist: path.join(stateDir, "d1"),
  });
}

/** The real bundle with wrangler.toml's bindings on the benchmark's own state folder. */
export async function startReal(scriptPath: string, workerOptions: Record<string, unknown>, stateDir: string, bindings: Record<string, string>): Promise<Started> {
  return start({
    ...workerOptions,
    modules: true,
    scriptPath,
    bindings: { ...(workerOptions.bindings as Record<string, unknown>), ...bindings },
    d1Persist: path.join(stateDir, "d1"),
    cachePersist: false,
  } as ConstructorParameters<typeof Miniflare>[0]);
}
