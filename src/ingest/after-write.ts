/**
 * What must follow a change to stored articles, in one place for every write (import, PUT,
 * DELETE, resanitize, reindex): the cache purge, awaited before the write's response goes
 * out so the very next request already misses, and the WebSub ping, which is slow network
 * work the write does not wait for (waitUntil).
 *
 * Share cards are drawn here too, off the reader's path: the changed posts' cards go to the
 * cards Worker in waitUntil (the write's response does not wait, and no reader's request
 * ever draws one unless this did not finish; then the first request for the card draws it,
 * src/routes/cards.ts). Why here and not a Queue: the write already knows every changed
 * post, and the first-request fallback makes a lost render harmless; a Queue would add a
 * binding and a consumer for no reader-visible gain at the sample's volume.
 */
import type { Context } from "hono";
import { tagsForChange, type ChangedContent } from "../cache/tags";
import type { AppEnv } from "../env";
import { appConfig, siteConfig } from "../lib/config";
import { feedTopics, pingHub } from "../syndication/websub";
import { cardEntry, drawInBackground } from "../cards/advertise";
import { getArticle } from "../db/articles";
import { createDb } from "../db/client";

/** Cards drawn per write in the background; a larger import's other cards are drawn on first request. */
export const PRERENDER_LIMIT = 50;
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

/** The changed articles' cards, read back from D1 and drawn in the background (published ones only). */
function drawCards(c: Context<AppEnv>, changes: ChangeSet): void {
  if (!c.env.CARDS || c.env.CARDS_PRERENDER === "off") return;
  const codes = changes.infoCodes.slice(0, PRERENDER_LIMIT);
  const site = siteConfig(c.env);
  const work = async () => {
    const db = createDb(c.env.DB);
    const articles = await Promise.all(codes.map((code) => getArticle(db, code)));
    const entries = articles.flatMap((a) => (a && a.status === "published" ? [cardEntry(a, site)] : []));
    // The cards Worker logs what it drew (cards_drawn); a failure to hand them over is logged here.
    await drawInBackground(c.env, entries);
  };
  c.executionCtx.waitUntil(work().catch((err: unknown) => logError("cards_failed", { error: String(err) })));
}

async function notify(c: Context<AppEnv>, changes: ChangeSet): Promise<void> {
  const { websubHub, site } = appConfig(c.env);
  if (websubHub) c.executionCtx.waitUntil(pingHub(websubHub, feedTopics(site, changes.categories)));
}

/** The one after-write step: every write route calls it with the change set its write returned. */
export async function afterArticlesChanged(c: Context<AppEnv>, changes: ChangeSet): Promise<void> {
  if (changes.infoCodes.length === 0) return;
  try {
    drawCards(c, changes);
    const outcomes = await Promise.allSettled([c.var.purge(tagsForChange(changes)), notify(c, changes)]);
    for (const outcome of outcomes) {
      if (outcome.status === "rejected") logError("after_write_failed", { error: String(outcome.reason) });
    }
  } catch (err) {
    // The write itself succeeded; a failed purge is bounded by the edge TTL, so log it only.
    logError("after_write_failed", { error: String(err) });
  }
}
