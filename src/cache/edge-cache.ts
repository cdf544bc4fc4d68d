/**
 * The edge cache in front of the app, over the Workers Cache API (caches.default). It sits
 * around app.fetch rather than inside it so the app only ever sees the normalized request
 * (site origin, canonical path, declared parameters, no client headers): what is rendered
 * cannot depend on anything outside the cache key.
 *
 * One request, top to bottom: resolve the key (policy.ts) → keepCurrent (learn other
 * isolates' purges) → lookup (memory, then the Cache API, each copy judged against the
 * purges and its age) → answer a HIT, or a STALE copy while revalidate refreshes it, or on
 * a miss renderAndStore (the first request) or wait for that render (the others).
 *
 * Nothing here hands one request's promise, stream or I/O object to another (Workers
 * forbid it): requests share only plain data, the pages' bytes, the purge times and the
 * render leases, and each awaits only its own I/O and timers.
 */
import type { Bindings } from "../env";
import { declaredLength, gzipBytes, negotiateHeaders } from "./encoding";
import { answer, discard, fromCache, raiseLastModified, readerHeaders, storedHeaders, strongEtag, type CacheLabel, type Entry } from "./entry";
import { answerHeaders, HotPages, type HotPage } from "./hot-pages";
import { Invalidations } from "./invalidations";
import { freshness, storableFor, type CachePolicies, type CachePolicy, type Freshness } from "./policy";
import { RenderLeases, sleep } from "./render-leases";
import { tagsOf } from "./tags";
import { logError } from "../lib/log";

type Handler = (request: Request, env: Bindings, ctx: ExecutionContext) => Response | Promise<Response>;

/** What one isolate knows about its cache: shared by the edge cache and the purger, made once in src/index.ts. */
export type CacheState = { invalidations: Invalidations; hot: HotPages; leases: RenderLeases };

export function createCacheState(): CacheState {
  return { invalidations: new Invalidations(), hot: new HotPages(), leases: new RenderLeases() };
}

export type EdgeCacheOptions = { policies: CachePolicies; state: CacheState; now?: () => number; cache?: () => Cache };

/** How long a request of a new isolate waits for the first purge sync another request started. */
const FIRST_SYNC_WAIT_MS = 500;

/**
 * Cache API puts one isolate keeps under way at once. Past it a miss storm would queue puts
 * faster than the cache takes them, and every later request would wait behind the queue;
 * instead a render is then held in memory only (its next miss stores it).
 */
export const MAX_PUTS_IN_FLIGHT = 16;

/**
 * How long a miss waits for its Cache API put before answering. Waiting is backpressure: a
 * miss storm cannot pile up stores behind the answers it has already sent. Under Miniflare,
 * 9,999 distinct misses at 32 connections had a p99 of 1.0 to 1.3 s with every put left to
 * waitUntil and 0.5 to 0.6 s with the put awaited (BENCHMARKS.md section 2 has the floors);
 * on Cloudflare a put to the data center's cache takes milliseconds, and once answered the
 * page is already there for the colo's other isolates. The bound keeps a sick cache from
 * holding readers: past it the put goes on in waitUntil and the page is answered.
 */
export const PUT_WAIT_MS = 250;

const logFailure = (event: string) => (err: unknown) => logError(event, { error: String(err) });

export function withEdgeCache(handler: Handler, options: EdgeCacheOptions): Handler {
  const { policies, state } = options;
  const now = options.now ?? Date.now;
  const cacheOf = options.cache ?? (() => caches.default);
  const { invalidations, hot, leases } = state;
  // A count, not a queue: each request awaits only its own put.
  let putsInFlight = 0;

  /** Other isolates' purges: read once a second per isolate, in the background after the first. */
  async function keepCurrent(env: Bindings, ctx: ExecutionContext): Promise<void> {
    const at = now();
    const need = invalidations.syncNeeded(at);
    if (need === "background") ctx.waitUntil(invalidations.sync(env.DB, at));
    else if (need === "sync") await invalidations.sync(env.DB, at);
    else if (need === "wait") {
      const deadline = at + FIRST_SYNC_WAIT_MS;
      while (!invalidations.primed && now() < deadline) await sleep(leases.limits.pollMs);
      if (!invalidations.primed) await invalidations.sync(env.DB, now());
    }
  }

  /**
   * A held page to a plain GET. A gzip reader gets the page's gzip bytes as they are
   * (`encodeBody: "manual"`: the runtime sends them without compressing again) once one
   * request has made them in its own waitUntil; until then the runtime compresses. Other
   * requests only read the finished bytes, plain memory like the page itself.
   */
  function answerHeld(key: string, held: HotPage, request: Request, ctx: ExecutionContext): Response {
    const { headers, encoding } = answerHeaders(held, request.headers.get("Accept-Encoding"));
    if (encoding === "gzip" && held.gzip) return new Response(held.gzip, { status: held.status, headers, encodeBody: "manual" });
    if (encoding === "gzip" && hot.claimGzip(key, held)) {
      ctx.waitUntil(
        gzipBytes(held.body).then(
          (gzip) => hot.attachGzip(key, held, gzip),
          (err: unknown) => {
            hot.attachGzip(key, held, null);
            logFailure("gzip_failed")(err);
          },
        ),
      );
    }
    return new Response(held.body, { status: held.status, headers });
  }

  /** A fresh page held in memory that no purge has overtaken. */
  function heldPage(key: string, policy: CachePolicy): HotPage | null {
    const at = now();
    const page = hot.get(key, at);
    if (!page || !invalidations.isCurrent(page.tags, page.storedAt)) return null;
    return freshness((at - page.storedAt) / 1000, page.softTtl, policy) === "fresh" ? page : null;
  }

  /** The page in memory or in the Cache API, unless a purge overtook it, with how fresh it is. */
  async function lookup(key: string, policy: CachePolicy): Promise<{ entry: Entry; state: Freshness } | null> {
    const held = heldPage(key, policy);
    if (held) return { entry: held, state: "fresh" };
    const cached = await cacheOf().match(key);
    if (!cached) return null;
    const entry = fromCache(cached);
    if (!invalidations.isCurrent(entry.tags, entry.storedAt)) {
      discard(entry);
      return null;
    }
    const state = freshness((now() - entry.storedAt) / 1000, entry.softTtl, policy);
    if (state !== "fresh" || !hot.fits(cached.headers.get("Content-Length"))) return { entry, state };
    // A small fresh page is read whole and held for the next second's readers.
    const body = await cached.arrayBuffer();
    const page = { ...entry, body, headers: [...readerHeaders(cached.headers, entry.etag, entry.status, "HIT", policy)] };
    if (invalidations.isCurrent(page.tags, page.storedAt)) hot.set(key, page, now());
    return { entry: page, state };
  }

  /**
   * Renders the page; stores it (memory at once, the Cache API before answering, see PUT_WAIT_MS) when
   * it may be stored and no purge of its tags began since the render did. `lease` is released
   * once the copy is where waiting requests look for it.
   */
  async function renderAndStore(key: string, renderUrl: string, policy: CachePolicy, env: Bindings, ctx: ExecutionContext, lease: number | null): Promise<Entry> {
    // Before the handler reads D1: a purge stamped after this overtakes the render.
    const storedAt = invalidations.stamp(now());
    let releaseLater = false;
    try {
      const res = await handler(new Request(renderUrl), env, ctx);
      const body = await res.arrayBuffer();
      const tags = tagsOf(res);
      const { store, softTtl } = storableFor(res, policy, tags.length > 0);
      const headers = new Headers(res.headers);
      raiseLastModified(headers, invalidations.lastPurge(tags));
      const entry: Entry = { status: res.status, headers: [...headers], body, etag: await strongEtag(body), storedAt, softTtl, tags };
      if (key !== "" && store && invalidations.isCurrent(tags, storedAt)) {
        hot.set(key, { ...entry, body, headers: [...readerHeaders(headers, entry.etag, res.status, "HIT", policy)] }, now());
        if (putsInFlight < MAX_PUTS_IN_FLIGHT) {
          putsInFlight += 1;
          const put = cacheOf()
            .put(key, new Response(body, { status: res.status, headers: storedHeaders(headers, entry, policy) }))
            .catch(logFailure("cache_store_failed"))
            .finally(() => {
              putsInFlight -= 1;
              if (lease !== null) leases.release(key, lease);
            });
          releaseLater = true;
          // The page is stored before it is answered, for at most PUT_WAIT_MS; a slower put
          // finishes in this request's waitUntil. Both are this request's own promise.
          ctx.waitUntil(put);
          let timer: ReturnType<typeof setTimeout> | undefined;
          await Promise.race([put, new Promise<void>((resolve) => (timer = setTimeout(resolve, PUT_WAIT_MS)))]);
          clearTimeout(timer);
        }
      }
      return entry;
    } finally {
      if (!releaseLater && lease !== null) leases.release(key, lease);
    }
  }

  /** Polls (own timers) for the page another request of this isolate is rendering. */
  async function waitForRender(key: string, policy: CachePolicy): Promise<Entry | null> {
    const deadline = now() + leases.limits.maxWaitMs;
    while (now() < deadline) {
      await sleep(leases.limits.pollMs);
      const held = heldPage(key, policy);
      if (held) return held;
      if (!leases.isHeld(key, now())) break;
    }
    const found = await lookup(key, policy);
    return found?.state === "fresh" ? found.entry : null;
  }

  /** A miss: the first request renders; the others wait for its page, and render only past the bound. */
  async function miss(key: string, renderUrl: string, policy: CachePolicy, env: Bindings, ctx: ExecutionContext): Promise<{ entry: Entry; label: CacheLabel }> {
    const lease = leases.tryAcquire(key, now());
    if (lease === null) {
      const waited = await waitForRender(key, policy);
      if (waited) return { entry: waited, label: "HIT" };
    }
    const mine = lease ?? leases.tryAcquire(key, now());
    return { entry: await renderAndStore(key, renderUrl, policy, env, ctx, mine), label: "MISS" };
  }

  /** A stale copy is answered at once; one request of the isolate refreshes it in the background. */
  function revalidate(key: string, renderUrl: string, policy: CachePolicy, env: Bindings, ctx: ExecutionContext): void {
    const lease = leases.tryAcquire(key, now());
    if (lease === null) return;
    ctx.waitUntil(renderAndStore(key, renderUrl, policy, env, ctx, lease).then(() => undefined, logFailure("revalidate_failed")));
  }

  return async (request, env, ctx) => {
    const resolved = policies.resolve(request.method, request.url, env.SITE_URL);
    if (!resolved) return bypass(request, await handler(request, env, ctx));
    const { key, renderUrl, policy } = resolved;
    if (key === "") return answerRendered(request, await renderAndStore("", renderUrl, policy, env, ctx, null), "MISS", policy);
    await keepCurrent(env, ctx);
    const held = heldPage(key, policy);
    // The hottest path of all: the headers were made once, when the page was held.
    if (held && request.method === "GET" && !request.headers.has("If-None-Match") && !request.headers.has("If-Modified-Since")) {
      return answerHeld(key, held, request, ctx);
    }
    const found = held ? { entry: held, state: "fresh" as const } : await lookup(key, policy);
    if (found?.state === "fresh") return answer(request, found.entry, "HIT", policy);
    if (found?.state === "stale") {
      revalidate(key, renderUrl, policy, env, ctx);
      return answer(request, found.entry, "STALE", policy);
    }
    let fresh: { entry: Entry; label: CacheLabel };
    try {
      fresh = await miss(key, renderUrl, policy, env, ctx);
    } catch (err) {
      // stale-if-error: an expired copy beats an error page.
      if (found) return answer(request, found.entry, "STALE", policy);
      throw err;
    }
    if (found && fresh.entry.status >= 500) return answer(request, found.entry, "STALE", policy);
    if (found) discard(found.entry);
    return answerRendered(request, fresh.entry, fresh.label, policy);
  };
}

/** A render as answered: server errors are never cacheable by anyone. */
function answerRendered(request: Request, entry: Entry, label: CacheLabel, policy: CachePolicy): Response {
  if (entry.status < 500) return answer(request, entry, label, policy);
  const res = new Response(request.method === "HEAD" ? null : entry.body, { status: entry.status, headers: entry.headers });
  res.headers.set("Cache-Control", "no-store");
  res.headers.set("X-Cache", "MISS");
  negotiateHeaders(request, res.status, res.headers, entry.body instanceof ArrayBuffer ? entry.body.byteLength : null);
  return res;
}

function bypass(request: Request, res: Response): Response {
  const out = new Response(res.body, res);
  out.headers.set("X-Cache", "BYPASS");
  negotiateHeaders(request, out.status, out.headers, declaredLength(out.headers));
  return out;
}
