/**
 * What must follow a change to stored articles. It is awaited before the write's response
 * goes out, so the very next request in this location already misses the cache; a
 * listener with slow work (a WebSub ping) hands it to waitUntil itself.
 */
import type { Context } from "hono";
import { tagPageCacheTag } from "../lib/cache-tags";
import type { AppEnv } from "../env";

/**
 * What a write changed, from what the SQL did (src/db/write-articles.ts). `categories` and
 * `tags` hold the OLD and the NEW values of every changed article, so moving an article or
 * dropping a tag purges the page it left as well as the one it joined.
 */
export type ChangeSet = {
  infoCodes: string[];
  categories: string[];
  tags: string[];
  /** Info codes whose status (published/unpublished) changed; also in infoCodes. */
  statusChanged?: string[];
};

export const NO_CHANGES: ChangeSet = { infoCodes: [], categories: [], tags: [] };

/** Cache tags of everything an article appears on: itself, its category and tags, lists, feeds. */
export function cacheTagsFor(changes: ChangeSet): string[] {
  if (changes.infoCodes.length === 0) return [];
  const tags = new Set<string>(["list:home", "feed:site", "sitemap", "list:search"]);
  for (const code of changes.infoCodes) tags.add(`article:${code}`);
  for (const slug of changes.categories) {
    tags.add(`category:${slug}`);
    tags.add(`feed:category:${slug}`);
  }
  for (const tag of changes.tags) tags.add(tagPageCacheTag(tag));
  return [...tags].sort();
}

export type ChangeListener = (c: Context<AppEnv>, changes: ChangeSet) => Promise<void>;

const listeners: ChangeListener[] = [];

/** Cache purging and hub pings register here (src/app.ts), so ingest does not import them. */
export function onArticlesChanged(listener: ChangeListener): void {
  if (!listeners.includes(listener)) listeners.push(listener);
}

/** The one after-write step: every write route calls it with the change set its write returned. */
export async function afterArticlesChanged(c: Context<AppEnv>, changes: ChangeSet): Promise<void> {
  if (changes.infoCodes.length === 0) return;
  try {
    const outcomes = await Promise.allSettled(listeners.map((listener) => listener(c, changes)));
    for (const outcome of outcomes) {
      if (outcome.status === "rejected") console.error(JSON.stringify({ event: "after_write_failed", error: String(outcome.reason) }));
    }
  } catch (err) {
    // The write itself succeeded; a failed purge is bounded by the edge TTL, so log it only.
    console.error(JSON.stringify({ event: "after_write_failed", error: String(err) }));
  }
}
