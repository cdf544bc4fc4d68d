/**
 * What must follow a change to stored articles, in one place for every write (import, PUT,
 * DELETE, resanitize, reindex): the cache purge, awaited before the write's response goes
 * out so the very next request already misses, and the WebSub ping, which is slow network
 * work the write does not wait for (waitUntil).
 */
import type { Context } from "hono";
import { tagsForChange, type ChangedContent } from "../cache/tags";
import type { AppEnv } from "../env";
import { siteConfig } from "../lib/config";
import { feedTopics, pingHub } from "../syndication/websub";
import type { ParsedPost } from "./types";

/** Every value a write changed, before and after: old and new categories and tags. */
export type ChangeSet = ChangedContent & {
  infoCodes: string[];
  categories: string[];
  tags: string[];
};

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

async function notify(c: Context<AppEnv>, changes: ChangeSet): Promise<void> {
  const hub = c.env.WEBSUB_HUB;
  if (hub) c.executionCtx.waitUntil(pingHub(hub, feedTopics(siteConfig(c.env), changes.categories)));
}

export async function afterArticlesChanged(c: Context<AppEnv>, posts: ParsedPost[], statusChanged: string[] = []): Promise<void> {
  if (posts.length === 0 && statusChanged.length === 0) return;
  try {
    const changes = await changeSetFor(c, posts, statusChanged);
    const outcomes = await Promise.allSettled([c.var.purge(tagsForChange(changes)), notify(c, changes)]);
    for (const outcome of outcomes) {
      if (outcome.status === "rejected") console.error(JSON.stringify({ event: "after_write_failed", error: String(outcome.reason) }));
    }
  } catch (err) {
    // The write itself succeeded; a failed purge is bounded by the edge TTL, so log it only.
    console.error(JSON.stringify({ event: "after_write_failed", error: String(err) }));
  }
}
