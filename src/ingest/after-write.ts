/**
 * What must follow a change to stored articles, in one place for every write (import, PUT,
 * DELETE, resanitize, reindex): the cache purge, awaited before the write's response goes
 * out so the very next request already misses, and the WebSub ping, which is slow network
 * work the write does not wait for (waitUntil).
 *
 * Share cards are not drawn here. A card is drawn when it is first asked for (src/routes/cards.ts),
 * a few at a time per isolate (src/cards/draw-limit.ts): an import of thousands of posts
 * costs no card CPU at all, and most articles' cards are never asked for. On Cloudflare a
 * Queue could draw the newest articles' cards ahead of the first unfurl (README, "Share
 * cards"); none is built, because a first request draws the card in well under a second.
 */
import type { Context } from "hono";
import { tagsForChange, type ChangedContent } from "../cache/tags";
import type { AppEnv } from "../env";
import { appConfig } from "../lib/config";
import { feedTopics, pingHub } from "../syndication/websub";
import { logError } from "../lib/log";

/**
 * What a write changed, from what the SQL did (src/db/write-articles.ts, built by
 * changeSetOf in import-service.ts). `categories` and `tags` hold the OLD and the NEW
 * values of every changed article, so moving an article or dropping a tag purges the page
 * it left as well as the one it joined.
 */
export type ChangeSet = ChangedContent & {
  infoCodes: string[];
  categories: string[];
  tags: string[];
  /** Info codes whose status (published/unpublished) changed; also in infoCodes. */
  statusChanged?: string[];
};

async function notify(c: Context<AppEnv>, changes: ChangeSet): Promise<void> {
  const { websubHub, site } = appConfig(c.env);
  if (websubHub) c.executionCtx.waitUntil(pingHub(websubHub, feedTopics(site, changes.categories)));
}

/** The one after-write step: every write route calls it with the change set its write returned. */
export async function afterArticlesChanged(c: Context<AppEnv>, changes: ChangeSet): Promise<void> {
  if (changes.infoCodes.length === 0) return;
  try {
    const outcomes = await Promise.allSettled([c.var.purge(tagsForChange(changes)), notify(c, changes)]);
    for (const outcome of outcomes) {
      if (outcome.status === "rejected") logError("after_write_failed", { error: String(outcome.reason) });
    }
  } catch (err) {
    // The write itself succeeded; a failed purge is bounded by the edge TTL, so log it only.
    logError("after_write_failed", { error: String(err) });
  }
}
