/**
 * The edge cache in front of the app, over the Workers Cache API (caches.default).
 * It sits around app.fetch rather than inside it so the app only ever sees the normalized
 * request (site origin, key path, declared parameters, no client headers): what is
 * rendered cannot depend on anything outside the cache key.
 *
 * The Cache API ignores stale-while-revalidate and stale-if-error, so entries are kept for
 * the policy's staleIfError and their age is judged here against a soft TTL.
 *
 * In front of the Cache API sits a one-second micro-cache in isolate memory (hot-pages.ts):
 * a page read many times a second is answered from memory, not looked up each time.
 */
import type { Bindings } from "../env";
import { hotPages, type HotPages } from "./hot-pages";
import { entryRecorder, purgeEpoch, purgedSince } from "./purge";
import { browserCacheControl, cacheTags, etagMatches, freshness, resolve, storableFor, type CachePolicy } from "./policy";
import { logError } from "../lib/log";

type Handler = (request: Request, env: Bindings, ctx: ExecutionContext) => Response | Promise<Response>;

/** A rendered response held in memory, so concurrent waiters each build their own Response. */
type Rendered = { status: number; headers: [string, string][]; body: ArrayBuffer | ReadableStream | null; etag: string; softTtl: number; store: boolean };

const STORED_AT = "X-Edge-Stored-At";
const SOFT_TTL = "X-Edge-Soft-Ttl";
const INTERNAL = [STORED_AT, SOFT_TTL, "X-Request-Id"];

export type EdgeCacheOptions = { now?: () => number; cache?: () => Cache; hot?: HotPages };

async function strongEtag(body: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
  return `"${[...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("")}"`;
}

/** The headers a reader gets: internal ones removed, the ETag, X-Cache and the browser's Cache-Control. */
function readerHeaders(stored: HeadersInit, etag: string, status: number, label: "HIT" | "MISS" | "STALE", policy: CachePolicy): Headers {
  const headers = new Headers(stored);
  for (const name of INTERNAL) headers.delete(name);
  headers.set("ETag", etag);
  headers.set("X-Cache", label);
  if (status < 500) headers.set("Cache-Control", browserCacheControl(status, policy));
  return headers;
}

function respond(request: Request, r: Rendered, label: "HIT" | "MISS" | "STALE", policy: CachePolicy): Response {
  const headers = readerHeaders(r.headers, r.etag, r.status, label, policy);
  if (r.status < 400 && etagMatches(request.headers.get("If-None-Match"), r.etag)) {
    for (const name of ["Content-Length", "Content-Type"]) headers.delete(name);
    discard(r);
    return new Response(null, { status: 304, headers });
  }
  if (request.method === "HEAD") discard(r);
  return new Response(request.method === "HEAD" ? null : r.body, { status: r.status, headers });
}

/** Releases an unread cached body (a 304, a HEAD, or a copy replaced by a fresh render). */
function discard(r: Rendered): void {
  if (r.body instanceof ReadableStream) r.body.cancel().catch(() => undefined);
}

/** A cached entry, its body streamed straight through: a HIT never buffers the page. */
function fromCache(res: Response): Rendered {
  return {
    status: res.status,
    headers: [...res.headers],
    body: res.body,
    etag: res.headers.get("ETag") ?? "",
    softTtl: Number(res.headers.get(SOFT_TTL) ?? 0),
    store: true,
  };
}

export function withEdgeCache(handler: Handler, options: EdgeCacheOptions = {}): Handler {
  const now = options.now ?? Date.now;
  const cacheOf = options.cache ?? (() => caches.default);
  const hot = options.hot ?? hotPages;
  // One render per key per isolate at a time: concurrent misses and refreshes share it,
  // unless a purge has begun since it started (then it may hold what the write replaced).
  const inflight = new Map<string, { epoch: number; work: Promise<Rendered> }>();
  const recordEntry = entryRecorder();

  async function renderOnce(key: string, renderUrl: string, policy: CachePolicy, env: Bindings, ctx: ExecutionContext, persist = true): Promise<Rendered> {
    const epoch = purgeEpoch();
    const running = inflight.get(key);
    if (running && running.epoch === epoch) return running.work;
    let stored: Promise<unknown> = Promise.resolve();
    const work = (async (): Promise<Rendered> => {
      const res = await handler(new Request(renderUrl), env, ctx);
      const body = await res.arrayBuffer();
      const { store, softTtl } = storableFor(res, policy);
      const rendered: Rendered = { status: res.status, headers: [...res.headers], body, etag: await strongEtag(body), softTtl, store };
      const tags = cacheTags(res);
      // A purge of this page's tags that began during the render: answer, do not store.
      if (store && persist && !purgedSince(epoch, tags)) {
        const storedAt = now();
        const hitHeaders = [...readerHeaders(res.headers, rendered.etag, res.status, "HIT", policy)];
        hot.set(key, { status: res.status, headers: hitHeaders, body, etag: rendered.etag, storedAt, softTtl }, tags, storedAt);
        const headers = new Headers(res.headers);
        headers.set("ETag", rendered.etag);
        headers.set(STORED_AT, String(storedAt));
        headers.set(SOFT_TTL, String(softTtl));
        // What the Cache API reads to keep the entry; readers get browserCacheControl instead.
        headers.set("Cache-Control", `public, max-age=${softTtl + policy.staleIfError}`);
        for (const name of ["X-Request-Id", "Set-Cookie"]) headers.delete(name);
        stored = Promise.all([
          cacheOf().put(key, new Response(body, { status: res.status, headers })),
          recordEntry(env.DB, key, tags),
        ]).catch((err: unknown) => logError("cache_store_failed", { error: String(err) }));
      }
      return rendered;
    })();
    inflight.set(key, { epoch, work });
    // The reader is answered as soon as the render is done; the entry is written off the
    // response path, and until it is, later requests share this render instead of a miss.
    const release = work
      .then(() => stored, () => undefined)
      .finally(() => {
        if (inflight.get(key)?.work === work) inflight.delete(key);
      });
    ctx.waitUntil(release);
    return work;
  }

  return async (request, env, ctx) => {
    const resolved = resolve(request.method, request.url, env.SITE_URL);
    if (!resolved) {
      const res = await handler(request, env, ctx);
      const out = new Response(res.body, res);
      out.headers.set("X-Cache", "BYPASS");
      return out;
    }
    const { key, renderUrl, policy } = resolved;
    if (!key) {
      const rendered = await renderOnce(`uncached:${renderUrl}`, renderUrl, policy, env, ctx, false);
      return respond(request, { ...rendered, store: false }, "MISS", policy);
    }
    const at = now();
    const held = hot.get(key, at);
    if (held && freshness((at - held.storedAt) / 1000, held.softTtl, policy) === "fresh") {
      // The hottest path of all: the headers were made once, when the page was held.
      if (request.method === "GET" && !request.headers.has("If-None-Match")) return new Response(held.body, { status: held.status, headers: held.headers });
      return respond(request, { ...held, store: true }, "HIT", policy);
    }
    const epoch = purgeEpoch();
    const cached = await cacheOf().match(key);
    if (cached) {
      const storedAt = Number(cached.headers.get(STORED_AT) ?? 0);
      const age = (now() - storedAt) / 1000;
      const softTtl = Number(cached.headers.get(SOFT_TTL) ?? 0);
      const state = freshness(age, softTtl, policy);
      if (state === "fresh" && hot.fits(cached.headers.get("Content-Length"))) {
        // A small fresh page is read whole and held in memory for the next second's readers,
        // unless a purge of it began since the lookup (the copy may be what it removed).
        const body = await cached.arrayBuffer();
        const etag = cached.headers.get("ETag") ?? "";
        const page = { status: cached.status, headers: [...readerHeaders(cached.headers, etag, cached.status, "HIT", policy)], body, etag, storedAt, softTtl };
        const tags = cacheTags(cached);
        if (!purgedSince(epoch, tags)) hot.set(key, page, tags, now());
        return respond(request, { ...page, store: true }, "HIT", policy);
      }
      const entry = fromCache(cached);
      if (state === "fresh") return respond(request, entry, "HIT", policy);
      if (state === "stale") {
        ctx.waitUntil(renderOnce(key, renderUrl, policy, env, ctx).then(() => undefined, () => undefined));
        return respond(request, entry, "STALE", policy);
      }
      const fresh = await renderOnce(key, renderUrl, policy, env, ctx).catch(() => null);
      if (!fresh || fresh.status >= 500) return respond(request, entry, "STALE", policy);
      discard(entry);
      return respond(request, fresh, "MISS", policy);
    }
    const rendered = await renderOnce(key, renderUrl, policy, env, ctx);
    if (rendered.status >= 500) {
      const res = new Response(request.method === "HEAD" ? null : rendered.body, { status: rendered.status, headers: rendered.headers });
      res.headers.set("Cache-Control", "no-store");
      res.headers.set("X-Cache", "MISS");
      return res;
    }
    return respond(request, rendered, "MISS", policy);
  };
}
