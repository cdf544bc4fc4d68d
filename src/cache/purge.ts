/**
 * Forgetting cached pages by tag. The Cache API deletes only by exact key, so the local
 * purger keeps a tag → key index in D1 (written when an entry is stored) and deletes every
 * key of a tag. That clears this location at once. Cloudflare's purge-by-tag clears every
 * location; it is switched on in production with CACHE_PURGE=cloudflare plus CF_ZONE_ID and
 * the CF_PURGE_TOKEN secret, and runs in addition to the local purger. It needs the
 * network and an account, so only its request shape is tested here.
 */
import type { Bindings } from "../env";

export interface Purger {
  purgeTags(tags: string[]): Promise<void>;
}

const CHUNK = 90; // D1 allows 100 bound parameters per statement

export async function recordEntry(db: D1Database, key: string, tags: string[]): Promise<void> {
  if (tags.length === 0) return;
  // One statement whatever the number of tags: a miss costs one small write, not one per tag.
  await db
    .prepare("INSERT OR IGNORE INTO cache_entries (tag, key) SELECT value, ? FROM json_each(?)")
    .bind(key, JSON.stringify(tags))
    .run();
}

export class LocalPurger implements Purger {
  constructor(
    private readonly db: D1Database,
    private readonly cache: Cache,
  ) {}

  async purgeTags(tags: string[]): Promise<void> {
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
