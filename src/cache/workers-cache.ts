/**
 * Production mode for Cloudflare's Workers Cache (CACHE_MODE = "workers-cache", with
 * `[cache] enabled = true` in wrangler.toml): the cache sits in front of the Worker, is
 * tiered and collapses concurrent misses itself, so the Worker only renders, says how long
 * a page may be kept (Cache-Control) and what it shows (Cache-Tag), and purges by tag.
 *
 * It cannot run locally (wrangler dev and Miniflare have no ctx.cache), so the headers and
 * the purge batching are pure enough to be unit-tested (test/unit/workers-cache.test.ts).
 */
import type { Bindings } from "../env";
import { strongEtag } from "./entry";
import { livesAsPage, NOT_FOUND_TTL, storableFor, type CachePolicies, type CachePolicy } from "./policy";
import { sleep } from "./render-leases";
import { tagsOf, type CacheTag } from "./tags";
import { logError } from "../lib/log";

/** `ctx.cache` of a Worker with Workers Cache on (not yet in @cloudflare/workers-types 4.20260426). */
export type WorkersCache = { purge(options: { tags: string[] }): Promise<unknown> };

export function workersCacheOf(ctx: ExecutionContext): WorkersCache | null {
  const cache = (ctx as ExecutionContext & { cache?: WorkersCache }).cache;
  return cache && typeof cache.purge === "function" ? cache : null;
}

/** Cache-Control for Workers Cache: the edge keeps softTtl (s-maxage) and serves stale around it; browsers keep max-age. */
export function workersCacheControl(status: number, policy: CachePolicy, storable: boolean): string {
  if (!storable) return "no-store";
  const edge = livesAsPage(status) ? policy.softTtl : Math.min(NOT_FOUND_TTL, policy.softTtl);
  const browser = livesAsPage(status) ? policy.browserMaxAge : Math.min(NOT_FOUND_TTL, policy.browserMaxAge);
  const immutable = status === 200 && policy.immutable ? ", immutable" : "";
  return `public, max-age=${browser}${immutable}, s-maxage=${edge}, stale-while-revalidate=${policy.staleWhileRevalidate}, stale-if-error=${policy.staleIfError}`;
}

type Handler = (request: Request, env: Bindings, ctx: ExecutionContext) => Response | Promise<Response>;

/**
 * The Worker behind Workers Cache: renders the normalized request (the configured origin,
 * canonical path, declared parameters) and sets the caching headers. Tracking parameters
 * still reach Workers Cache's own key; the README says which Cache Rule drops them there.
 */
export function withWorkersCache(handler: Handler, policies: CachePolicies): Handler {
  return async (request, env, ctx) => {
    const resolved = policies.resolve(request.method, request.url, env.SITE_URL);
    if (!resolved) return handler(request, env, ctx);
    const res = await handler(new Request(resolved.renderUrl, { method: request.method }), env, ctx);
    const body = await res.arrayBuffer();
    const { store } = storableFor(res, resolved.policy, tagsOf(res).length > 0);
    const headers = new Headers(res.headers);
    headers.delete("X-Request-Id");
    headers.set("Cache-Control", workersCacheControl(res.status, resolved.policy, store && resolved.key !== "" && res.status < 500));
    headers.set("ETag", await strongEtag(body));
    return new Response(request.method === "HEAD" ? null : body, { status: res.status, headers });
  };
}

export type PurgeLimits = { callsPerMinute: number; tagsPerCall: number };

/** Workers Cache's purge rate limit, as documented at launch: about 5 calls a minute, 100 tags each. */
export const PURGE_LIMITS: PurgeLimits = { callsPerMinute: 5, tagsPerCall: 100 };

/**
 * Coalesces purges under the rate limit: a token bucket of callsPerMinute calls, each with
 * up to tagsPerCall tags. Tags that find no token wait in the queue (plain strings) and
 * the request that queued them flushes them, with its own timer and its own ctx.cache,
 * when the next token is due. No promise is shared between requests.
 */
export class PurgeBatcher {
  private readonly queued = new Set<string>();
  private tokens: number;
  private refilledAt: number;
  private flushDueAt: number | null = null;

  constructor(
    private readonly limits: PurgeLimits = PURGE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = limits.callsPerMinute;
    this.refilledAt = now();
  }

  get pending(): number {
    return this.queued.size;
  }

  /** Queues the tags and sends what the bucket allows now; the rest is flushed later by this request. */
  async submit(tags: readonly CacheTag[], cache: WorkersCache, ctx: ExecutionContext): Promise<void> {
    for (const tag of tags) this.queued.add(tag);
    await this.flush(cache);
    if (this.queued.size > 0) this.scheduleFlush(cache, ctx);
  }

  private refill(): void {
    const at = this.now();
    const perMs = this.limits.callsPerMinute / 60_000;
    this.tokens = Math.min(this.limits.callsPerMinute, this.tokens + (at - this.refilledAt) * perMs);
    this.refilledAt = at;
  }

  /** Sends queued tags while tokens last. A failed call puts its tags back. */
  async flush(cache: WorkersCache): Promise<void> {
    this.refill();
    while (this.queued.size > 0 && this.tokens >= 1) {
      const batch = [...this.queued].slice(0, this.limits.tagsPerCall);
      for (const tag of batch) this.queued.delete(tag);
      this.tokens -= 1;
      try {
        await cache.purge({ tags: batch });
      } catch (err) {
        for (const tag of batch) this.queued.add(tag);
        logError("workers_cache_purge_failed", { tags: batch.length, error: String(err) });
        return;
      }
    }
  }

  /** Milliseconds until the bucket holds a whole token. */
  msUntilToken(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / (this.limits.callsPerMinute / 60_000));
  }

  private scheduleFlush(cache: WorkersCache, ctx: ExecutionContext): void {
    const due = this.now() + this.msUntilToken();
    if (this.flushDueAt !== null && this.flushDueAt <= due && this.flushDueAt > this.now()) return;
    this.flushDueAt = due;
    ctx.waitUntil(
      sleep(due - this.now()).then(async () => {
        if (this.flushDueAt === due) this.flushDueAt = null;
        await this.flush(cache);
        if (this.queued.size > 0) this.scheduleFlush(cache, ctx);
      }),
    );
  }
}
