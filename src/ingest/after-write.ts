/**
 * What must follow a change to stored articles. It is awaited before the write's response
 * goes out, so the very next request in this location already misses the cache; a
 * listener with slow work (a WebSub ping) hands it to waitUntil itself.
 */
import type { Context } from "hono";
import { tagPageCacheTag } from "../lib/cache-tags";
import type { AppEnv } from "../env";
import type { ParsedPost } from "./types";
import { logError } from "../lib/log";

export type ChangeSet = {
  infoCodes: string[];
  categories: string[];
  tags: string[];
};

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

async function changeSetFor(c: Context<AppEnv>, posts: ParsedPost[], statusChanged: string[]): Promise<ChangeSet> {
  const infoCodes = new Set(posts.map((p) => p.infoCode));
  const categories = new Set(posts.map((p) => p.category.slug));
  const tags = new Set(posts.flatMap((p) => p.tags));
  for (const code of statusChanged) {
    infoCodes.add(code);
    const row = await c.env.DB.prepare(
      `SELECT c.slug AS slug, (SELECT json_group_array(t.name) FROM article_tags at JOIN tags t ON t.id = at.tag_id
         WHERE at.article_id = a.id) AS tags
       FROM articles a JOIN categories c ON c.id = a.category_id WHERE a.info_code = ?`,
    )
      .bind(code)
      .first<{ slug: string; tags: string }>();
    if (!row) continue;
    categories.add(row.slug);
    for (const tag of JSON.parse(row.tags) as string[]) tags.add(tag);
  }
  return { infoCodes: [...infoCodes], categories: [...categories], tags: [...tags] };
}

export type ChangeListener = (c: Context<AppEnv>, changes: ChangeSet) => Promise<void>;

const listeners: ChangeListener[] = [];

/** Cache purging and hub pings register here (src/app.ts), so ingest does not import them. */
export function onArticlesChanged(listener: ChangeListener): void {
  if (!listeners.includes(listener)) listeners.push(listener);
}

export async function afterArticlesChanged(c: Context<AppEnv>, posts: ParsedPost[], statusChanged: string[] = []): Promise<void> {
  if (posts.length === 0 && statusChanged.length === 0) return;
  try {
    const changes = await changeSetFor(c, posts, statusChanged);
    const outcomes = await Promise.allSettled(listeners.map((listener) => listener(c, changes)));
    for (const outcome of outcomes) {
      if (outcome.status === "rejected") logError("after_write_failed", { error: String(outcome.reason) });
    }
  } catch (err) {
    // The write itself succeeded; a failed purge is bounded by the edge TTL, so log it only.
    logError("after_write_failed", { error: String(err) });
  }
}
