/**
 * Purging by cache tag, in the two modes the site runs in (CACHE_MODE):
 *
 * - "cache-api" (the default, and every local run): pages live in the Cache API of each
 *   location. A purge is recorded as a time per tag (src/cache/invalidations.ts): at once in
 *   this isolate, and in D1 for every other isolate in every location, which read it within
 *   about a second. Its cost is one statement, whatever the number of cached variants.
 * - "workers-cache" (production, Cloudflare's cache in front of the Worker): purges go to
 *   `ctx.cache.purge({ tags })`, coalesced under its rate limit (src/cache/workers-cache.ts).
 */
import type { CacheState } from "./edge-cache";
import type { CacheTag } from "./tags";
import { PurgeBatcher, workersCacheOf } from "./workers-cache";

export interface Purger {
  purgeTags(tags: readonly CacheTag[]): Promise<void>;
}

export class LocalPurger implements Purger {
  constructor(
    private readonly db: D1Database,
    private readonly state: CacheState,
    private readonly now: () => number = Date.now,
  ) {}

  async purgeTags(tags: readonly CacheTag[]): Promise<void> {
    if (tags.length === 0) return;
    // Memory first: the very next request of this isolate already misses.
    this.state.hot.deleteTagged(tags);
    await this.state.invalidations.record(this.db, tags, this.now());
  }
}

export type CacheMode = "cache-api" | "workers-cache";

export function cacheMode(value: string | undefined): CacheMode {
  return value === "workers-cache" ? "workers-cache" : "cache-api";
}

/** The purger for this request: the batcher is the isolate's, the context the request's. */
export function purgerFor(mode: CacheMode, db: D1Database, state: CacheState, batcher: PurgeBatcher, ctxOf: () => ExecutionContext): Purger {
  if (mode === "cache-api") return new LocalPurger(db, state);
  const ctx = ctxOf();
  const cache = workersCacheOf(ctx);
  if (!cache) throw new Error("CACHE_MODE is workers-cache but ctx.cache is missing: enable [cache] in wrangler.toml");
  return { purgeTags: (tags) => batcher.submit(tags, cache, ctx) };
}
