/**
 * Share pages. /a/{infoCode} is the canonical URL; /html_News/NewsShare.html?infoCode=
 * is the legacy URL already pasted all over the web, so it serves the very same bytes
 * with a 200 (no redirect hop for readers on slow mobile links).
 *
 * Pages are built only from the path, the declared query parameter and configuration:
 * never Host, cookies or language headers, so one cached copy fits every reader, and
 * tracking parameters (utm_*, fbclid, from, …) change nothing.
 */
import { Hono, type Context } from "hono";
import { createDb, type Db } from "../db/client";
import { listArticles } from "../db/articles";
import { getArticleWithRelated } from "../db/related";
import type { Article } from "../db/types";
import type { AppEnv } from "../env";
import { siteConfig } from "../lib/config";
import { ArticlePage } from "../views/ArticlePage";
import { GonePage, NotFoundPage } from "../views/ErrorPage";

export const articles = new Hono<AppEnv>();

/** Newest articles offered on 404/410 pages. */
const RECENT_ON_ERROR = 5;

/** Newest articles of the same category shown under an article (read with it, one query). */
export const RELATED_COUNT = 5;

/**
 * Two letters and 18 digits. Lower-case letters are accepted and upper-cased, because
 * codes get retyped by hand and some chat apps lower-case links; the page is the same
 * and its canonical link names the upper-case URL, so search engines keep one copy.
 * Anything else is malformed and gets the 404 page without touching the article table.
 */
export function parseInfoCode(value: string | undefined): string | null {
  return value !== undefined && /^[A-Za-z]{2}\d{18}$/.test(value) ? value.toUpperCase() : null;
}

/** Read by the edge cache middleware to purge this page when the article or its category changes. */
function cacheTags(article: Article): string {
  return `article:${article.infoCode},category:${article.category.slug}`;
}

async function errorPage(c: Context<AppEnv>, db: Db, status: 404 | 410): Promise<Response> {
  const site = siteConfig(c.env);
  const recent = await listArticles(db, { limit: RECENT_ON_ERROR });
  const page = status === 410 ? GonePage({ site, recent }) : NotFoundPage({ site, recent });
  return c.html(page, status);
}

async function sharePage(c: Context<AppEnv>, requested: string | undefined): Promise<Response> {
  const db = createDb(c.env.DB);
  const infoCode = parseInfoCode(requested);
  if (infoCode === null) return errorPage(c, db, 404);
  const found = await getArticleWithRelated(db, infoCode, RELATED_COUNT);
  if (found === null) return errorPage(c, db, 404);
  const { article, related } = found;
  if (article.status !== "published") return errorPage(c, db, 410);
  c.header("Cache-Tag", cacheTags(article));
  return c.html(ArticlePage({ site: siteConfig(c.env), article, related }));
}

articles.get("/a/:infoCode", (c) => sharePage(c, c.req.param("infoCode")));

articles.get("/html_News/NewsShare.html", (c) => sharePage(c, c.req.query("infoCode")));
