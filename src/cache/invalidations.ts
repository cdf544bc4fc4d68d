/**
 * Purges as facts with a time, not as deletions. A purge of tag T at time P makes every
 * entry carrying T that was rendered before P out of date, wherever it is stored. So a
 * purge costs one D1 row per tag, whatever the number of cached variants (pages, cursors,
 * search queries) carries the tag, and an entry is judged when it is looked up: its tags
 * and its render start time travel with it (Cache-Tag and X-Edge-Stored-At).
 *
 * Each isolate keeps the purges of the last HORIZON in memory. Its own purges are known at
 * once; other isolates' (in any location) are read from D1 at most once a SYNC_INTERVAL,
 * by one request in the background, so a HIT never waits on D1 after the isolate's first
 * request. Only plain data is shared between requests here: numbers and maps, never a
 * promise, which Workers forbid handing from one request to another.
 */
import { purgesSince, recordPurges } from "../db/cache-purges";
import type { CacheTag } from "./tags";
import { logError } from "../lib/log";

export type InvalidationLimits = {
  /** How often an isolate reads other isolates' purges from D1. */
  syncIntervalMs: number;
  /** How far back purges are remembered: longer than any entry is served without a render. */
  horizonMs: number;
  /** Clock difference allowed between machines: a remote purge also covers renders this much after it. */
  skewMs: number;
  /** Each sync re-reads this much before its last mark, for rows committed late. */
  overlapMs: number;
  /** A sync not finished after this long is presumed lost (its request was cancelled). */
  syncTimeoutMs: number;
};

export const INVALIDATION_LIMITS: InvalidationLimits = {
  syncIntervalMs: 1_000,
  // Feeds are served for 2 min fresh + 10 min stale; older copies are re-rendered first.
  horizonMs: 15 * 60_000,
  skewMs: 100,
  overlapMs: 10_000,
  syncTimeoutMs: 5_000,
};

export class Invalidations {
  private readonly purgedAt = new Map<string, number>();
  /** This isolate's own last purge per tag, so reading it back from D1 adds no clock skew to it. */
  private readonly ownPurges = new Map<string, number>();
  private syncedAt = Number.NEGATIVE_INFINITY;
  private syncStartedAt: number | null = null;
  private lastStamp = 0;

  constructor(private readonly limits: InvalidationLimits = INVALIDATION_LIMITS) {}

  /** Whether an entry rendered from `renderedAt` on, with these tags, shows no purged content. */
  isCurrent(tags: readonly string[], renderedAt: number): boolean {
    for (const tag of tags) {
      const at = this.purgedAt.get(tag);
      // Stamps within an isolate never repeat; equal (from another isolate's clock) counts as purged.
      if (at !== undefined && renderedAt <= at) return false;
    }
    return true;
  }

  /** The latest purge of any of these tags that this isolate knows of (within the horizon), or null. */
  lastPurge(tags: readonly string[]): number | null {
    let latest: number | null = null;
    for (const tag of tags) {
      const at = this.purgedAt.get(tag);
      if (at !== undefined && (latest === null || at > latest)) latest = at;
    }
    return latest;
  }

  /**
   * A time for a render start or a purge, strictly later than the last one this isolate
   * gave out: Workers' clock stands still between I/O, so a write, its purge and the next
   * render can share a millisecond, and their order must still be told apart.
   */
  stamp(now: number): number {
    this.lastStamp = Math.max(now, this.lastStamp + 1);
    return this.lastStamp;
  }

  /** A purge made in this isolate: current here at once, and stored for the others. */
  async record(db: D1Database, tags: readonly CacheTag[], now: number): Promise<void> {
    if (tags.length === 0) return;
    const at = this.stamp(now);
    this.note(tags, at);
    for (const tag of tags) this.ownPurges.set(tag, at);
    await recordPurges(db, tags, at, at - 4 * this.limits.horizonMs);
  }

  /**
   * What a lookup must do about other isolates' purges. A new isolate knows none yet: the
   * first request reads them ("sync", awaited) and the ones that arrive meanwhile "wait"
   * for it by polling; later, one request a SYNC_INTERVAL reads them in the "background".
   */
  syncNeeded(now: number): "sync" | "wait" | "background" | "none" {
    const running = this.syncStartedAt !== null && now - this.syncStartedAt < this.limits.syncTimeoutMs;
    if (!this.primed) return running ? "wait" : "sync";
    if (running || now - this.syncedAt < this.limits.syncIntervalMs) return "none";
    return "background";
  }

  /** Whether the first sync has completed (until then entries cannot be judged fully). */
  get primed(): boolean {
    return this.syncedAt !== Number.NEGATIVE_INFINITY;
  }

  /**
   * Reads the purges made since the last sync (all isolates): the calling request's own D1
   * read. A failed read is logged and counts as a sync, so a D1 outage costs each isolate one
   * failed read a SYNC_INTERVAL, not one per request; cached copies go on being served.
   */
  async sync(db: D1Database, now: number): Promise<void> {
    this.syncStartedAt = now;
    try {
      const since = this.primed ? this.syncedAt - this.limits.overlapMs : now - this.limits.horizonMs;
      const results = await purgesSince(db, since);
      for (const row of results) {
        if (this.ownPurges.get(row.tag) !== row.at) this.note([row.tag], row.at + this.limits.skewMs);
      }
      this.forgetBefore(now - this.limits.horizonMs);
    } catch (err) {
      logError("purge_sync_failed", { error: String(err) });
    } finally {
      this.syncedAt = now;
      this.syncStartedAt = null;
    }
  }

  private note(tags: readonly string[], at: number): void {
    for (const tag of tags) this.purgedAt.set(tag, Math.max(this.purgedAt.get(tag) ?? 0, at));
  }

  private forgetBefore(limit: number): void {
    for (const [tag, at] of this.purgedAt) if (at < limit) this.purgedAt.delete(tag);
    for (const [tag, at] of this.ownPurges) if (at < limit) this.ownPurges.delete(tag);
  }

  get size(): number {
    return this.purgedAt.size;
  }
}
