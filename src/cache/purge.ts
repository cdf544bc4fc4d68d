/**
 * Forgetting cached pages by tag. The Cache API deletes only by exact key, so the local
 * purger keeps a tag → key index in D1 (written when an entry is stored) and deletes every
 * key of a tag. That clears this location at once. Cloudflare's purge-by-tag clears every
 * location; it is switched on in production with CACHE_PURGE=cloudflare plus CF_ZONE_ID and
 * the CF_PURGE_TOKEN secret, and runs in addition to the local purger. It needs the
 * network and an account, so only its request shape is tested here.
 */
import type { Bindings } from "../env";
import { hotPages, type HotPages } from "./hot-pages";

export interface Purger {
  purgeTags(tags: string[]): Promise<void>;
}

const CHUNK = 90; // D1 allows 100 bound parameters per statement

/** How many purges of this isolate are remembered with their tags. */
const PURGE_LOG = 64;
let purges = 0;
const purgeLog: { seq: number; tags: ReadonlySet<string> }[] = [];

/** How many purges this isolate has begun: the edge cache notes it when a render starts. */
export function purgeEpoch(): number {
  return purges;
}

/**
 * Whether a purge begun after `epoch` named one of these tags. Such a render may have read
 * D1 before the write it was purged for, so it must not be stored. When the log no longer
 * reaches back to `epoch`, the answer is yes: better one more miss than an old page kept.
 */
export function purgedSince(epoch: number, tags: string[]): boolean {
  if (epoch === purges) return false;
  const oldest = purgeLog[0]?.seq ?? Number.POSITIVE_INFINITY;
  if (oldest > epoch + 1) return true;
  return purgeLog.some((p) => p.seq > epoch && tags.some((tag) => p.tags.has(tag)));
}

/** Rows per INSERT: each is one JSON parameter, kept well under D1's statement size limits. */
const ROWS_PER_INSERT = 500;

async function writeEntries(db: D1Database, rows: [tag: string, key: string][]): Promise<void> {
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    statements.push(
      db
        .prepare("INSERT OR IGNORE INTO cache_entries (tag, key) SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)")
        .bind(JSON.stringify(rows.slice(i, i + ROWS_PER_INSERT))),
    );
  }
  if (statements.length === 1) await statements[0]?.run();
  else if (statements.length > 1) await db.batch(statements);
}

export type RecordEntry = (db: D1Database, key: string, tags: string[]) => Promise<void>;

/**
 * Writes the tag index for stored entries with group commit: while one write is under way,
 * the entries of other misses queue and go together in the next write. An idle isolate
 * writes each entry at once (no timer, no added delay); a busy one sends one statement
 * for many misses instead of one each, which matters because D1 has a single writer
 * that every reader waits behind.
 *
 * Each write is started and awaited by a request that is still alive (its own waitUntil
 * holds it); later requests only await that promise, as the edge cache's shared renders do.
 */
export function entryRecorder(): RecordEntry {
  let queued: [string, string][] = [];
  let next: Promise<void> | null = null;
  let previous: Promise<unknown> = Promise.resolve();
  return (db, key, tags) => {
    if (tags.length === 0) return Promise.resolve();
    for (const tag of tags) queued.push([tag, key]);
    if (next) return next;
    const after = previous;
    const write = (async () => {
      await after;
      const rows = queued;
      queued = [];
      next = null;
      await writeEntries(db, rows);
    })();
    next = write;
    previous = write.catch(() => undefined);
    return write;
  };
}

export class LocalPurger implements Purger {
  constructor(
    private readonly db: D1Database,
    private readonly cache: Cache,
    private readonly hot: HotPages = hotPages,
  ) {}

  async purgeTags(tags: string[]): Promise<void> {
    purges += 1;
    purgeLog.push({ seq: purges, tags: new Set(tags) });
    if (purgeLog.length > PURGE_LOG) purgeLog.shift();
    this.hot.deleteTagged(tags);
    for (let i = 0; i < tags.length; i += CHUNK) {
      const chunk = tags.slice(i, i + CHUNK);
      const marks = chunk.map(() => "?").join(",");
      const { results } = await this.db
        .prepare(`SELECT DISTINCT key FROM cache_entries WHERE tag IN (${marks})`)
        .bind(...chunk)
        .all<{ key: string }>();
      await Promise.all(results.map((row) => this.cache.delete(row.key)));
      // A key purged under one tag is gone under all of them.
      for (let j = 0; j < results.length; j += CHUNK) {
        const keys = results.slice(j, j + CHUNK).map((r) => r.key);
        await this.db.prepare(`DELETE FROM cache_entries WHERE key IN (${keys.map(() => "?").join(",")})`).bind(...keys).run();
      }
    }
    // Again at the end: a reader may have copied a not-yet-deleted entry into memory meanwhile.
    this.hot.deleteTagged(tags);
  }
}

/** Cloudflare's purge by Cache-Tag (zone API), 30 tags per call as the API allows. */
export class CloudflareTagPurger implements Purger {
  constructor(
    private readonly zoneId: string,
    private readonly token: string,
    private readonly send: typeof fetch = fetch,
  ) {}

  async purgeTags(tags: string[]): Promise<void> {
    for (let i = 0; i < tags.length; i += 30) {
      const res = await this.send(`https://api.cloudflare.com/client/v4/zones/${this.zoneId}/purge_cache`, {
        method: "POST",
        headers: { Authorization: `Bearer ${this.token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ tags: tags.slice(i, i + 30) }),
      });
      if (!res.ok) throw new Error(`Cloudflare purge answered ${res.status}`);
    }
  }
}

type PurgeConfig = { CACHE_PURGE?: string; CF_ZONE_ID?: string; CF_PURGE_TOKEN?: string };

export function purgerFor(env: Bindings, cache: Cache = caches.default): Purger {
  const local = new LocalPurger(env.DB, cache);
  const config = env as Bindings & PurgeConfig;
  if (config.CACHE_PURGE !== "cloudflare" || !config.CF_ZONE_ID || !config.CF_PURGE_TOKEN) return local;
  const global = new CloudflareTagPurger(config.CF_ZONE_ID, config.CF_PURGE_TOKEN);
  return {
    purgeTags: async (tags) => {
      await Promise.all([local.purgeTags(tags), global.purgeTags(tags)]);
    },
  };
}
