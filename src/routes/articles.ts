/**
 * Share pages. /a/{infoCode} is the canonical URL; /html_News/NewsShare.html?infoCode=
 * is the legacy URL already pasted all over the web, so it serves the very same bytes
 * with a 200 (no redirect hop for readers on slow mobile links).
 *
 * Pages are built only from the path, the declared query parameter and configuration:
 * never Host, cookies or language headers, so one cached copy fits every reader, and
 * tracking parameters (utm_*, fbclid, from, …) change nothing.
 */
import { changedAt, newestChange, setLastModified } from "../lib/last-modified";
import { Hono, type Context } from "hono";
import { cacheTagHeader, CacheTags } from "../cache/tags";
import { createDb } from "../db/client";
import { getArticleWithRelated, RELATED_TAGS } from "../db/related";
import type { Article } from "../db/types";
import type { AppEnv } from "../env";
import { siteConfig } from "../lib/config";
import { parseInfoCode, type InfoCode } from "../lib/info-code";
import { ArticlePage } from "../views/ArticlePage";
import { errorPage } from "./_shared/error-pages";
import { ROUTES } from "./public-routes";

export const articles = new Hono<AppEnv>();

/** Related articles shown under an article (read with it, one query: src/db/related.ts). */
export const RELATED_COUNT = 5;

/**
 * The page shows the article, its category's name, related articles (chosen by its first
 * RELATED_TAGS tags and its category: a write under one of those tags or in that category
 * can change the list), and the channel list: a change to any of them purges it.
 */
function cacheTags(article: Article): string {
  return cacheTagHeader([
    CacheTags.article(article.infoCode),
    CacheTags.category(article.category.slug),
    ...article.tags.slice(0, RELATED_TAGS).map((tag) => CacheTags.tagPage(tag)),
    CacheTags.nav,
  ]);
}

/**
 * The 404/410 page of a well-formed code carries the article's tag, so creating or
 * republishing that article purges it. A malformed code never reaches D1's article table.
 */
function articleError(c: Context<AppEnv>, status: 404 | 410, infoCode: InfoCode | null): Promise<Response> {
  return errorPage(c, status, infoCode ? { tag: CacheTags.article(infoCode) } : {});
}

async function sharePage(c: Context<AppEnv>, requested: string | undefined): Promise<Response> {
  const db = createDb(c.env.DB);
  const infoCode = parseInfoCode(requested);
  if (infoCode === null) return articleError(c, 404, null);
  const found = await getArticleWithRelated(db, infoCode, RELATED_COUNT);
  if (found === null) return articleError(c, 404, infoCode);
  const { article, related, nav } = found;
  if (article.status !== "published") return articleError(c, 410, infoCode);
  c.header("Cache-Tag", cacheTags(article));
  // The page shows its related articles too: a newer one changes the page.
  setLastModified(c, Math.max(changedAt(article), newestChange(related) ?? 0));
  return c.html(ArticlePage({ site: siteConfig(c.env), article, related, nav }));
}

articles.get(ROUTES.share.path, (c) => sharePage(c, c.req.param("infoCode")));

articles.get(ROUTES.legacyShare.path, (c) => sharePage(c, c.req.query("infoCode")));
