/**
 * Sitemaps and robots.txt.
 *
 * /sitemap.xml is one plain urlset (home, categories, articles) while that fits the
 * protocol's 50,000 URLs. Past that it becomes a sitemap index of /sitemap-pages.xml
 * (home and categories) and /sitemap-articles-{n}.xml, where file n holds the published
 * articles with ids ((n-1)·50,000, n·50,000]: an id range, not an OFFSET page, so an
 * article never moves between files and each file is one primary-key range scan. The edge
 * cache policy already covers /sitemap-*.xml.
 */
import { Hono } from "hono";
import { CacheTags } from "../cache/tags";
import { createDb, type Db } from "../db/client";
import {
  countPublished,
  listCategoryLastmods,
  listNewsSitemapArticles,
  listSitemapArticles,
  listSitemapParts,
  type SitemapArticle,
} from "../db/feed-articles";
import type { AppEnv } from "../env";
import { absoluteUrl, siteConfig, type SiteConfig } from "../lib/config";
import { ROBOTS_CONTENT_TYPE, SITEMAP_CONTENT_TYPE } from "../syndication/content-types";
import { articleUrl, categoryUrl } from "../syndication/feed-model";
import {
  NEWS_SITEMAP_MAX_URLS,
  renderNewsSitemap,
  renderRobots,
  renderSitemap,
  renderSitemapIndex,
  SITEMAP_MAX_URLS,
  type SitemapEntry,
} from "../syndication/sitemap";
import { newestChange, setLastModified } from "../lib/last-modified";
import { ROUTES } from "./public-routes";

export const sitemaps = new Hono<AppEnv>();

const HOUR_MS = 3_600_000;
/** Google News only takes articles from the last two days. */
export const NEWS_WINDOW_MS = 48 * HOUR_MS;

const HEADERS = { "Content-Type": SITEMAP_CONTENT_TYPE, "Cache-Tag": CacheTags.sitemap };

function articleEntry(site: SiteConfig, a: SitemapArticle): SitemapEntry {
  // A partner `updated` earlier than `date` is a typo; never date a page before it appeared.
  return { loc: articleUrl(site, a.infoCode), lastmod: Math.max(a.updatedAt, a.publishedAt), offsetMin: a.utcOffsetMin };
}

/** Home (dated by the newest change anywhere) and every category (by its newest change). */
async function pageEntries(db: Db, site: SiteConfig): Promise<SitemapEntry[]> {
  const categories = await listCategoryLastmods(db);
  let newest: SitemapEntry = { loc: absoluteUrl(site, "/") };
  const entries = categories.map((cat): SitemapEntry => {
    const entry: SitemapEntry = { loc: categoryUrl(site, cat.slug) };
    if (cat.updatedAt === null) return entry;
    const dated = { ...entry, lastmod: cat.updatedAt, offsetMin: cat.utcOffsetMin ?? 0 };
    if (newest.lastmod === undefined || cat.updatedAt > newest.lastmod) newest = { ...dated, loc: newest.loc };
    return dated;
  });
  return [newest, ...entries];
}

sitemaps.get(ROUTES.sitemap.path, async (c) => {
  const site = siteConfig(c.env);
  const db = createDb(c.env.DB);
  const pages = await pageEntries(db, site);
  const total = pages.length + (await countPublished(db));
  setLastModified(c, pages[0]?.lastmod);
  if (total <= SITEMAP_MAX_URLS) {
    const articles = await listSitemapArticles(db, 1, Number.MAX_SAFE_INTEGER);
    return c.body(renderSitemap([...pages, ...articles.map((a) => articleEntry(site, a))]), 200, HEADERS);
  }
  const parts = await listSitemapParts(db, SITEMAP_MAX_URLS);
  const index: SitemapEntry[] = [
    { loc: absoluteUrl(site, "/sitemap-pages.xml"), lastmod: pages[0]?.lastmod, offsetMin: pages[0]?.offsetMin },
    ...parts.map((p) => ({ loc: absoluteUrl(site, `/sitemap-articles-${p.part}.xml`), lastmod: p.updatedAt, offsetMin: p.utcOffsetMin })),
  ];
  return c.body(renderSitemapIndex(index), 200, HEADERS);
});

sitemaps.get(ROUTES.sitemapPages.path, async (c) => {
  const site = siteConfig(c.env);
  const pages = await pageEntries(createDb(c.env.DB), site);
  setLastModified(c, pages[0]?.lastmod);
  return c.body(renderSitemap(pages), 200, HEADERS);
});

sitemaps.get(ROUTES.sitemapArticles.path, async (c) => {
  const part = Number(/(\d+)/.exec(c.req.param("file"))?.[1]);
  const site = siteConfig(c.env);
  const first = (part - 1) * SITEMAP_MAX_URLS + 1;
  const articles = await listSitemapArticles(createDb(c.env.DB), first, first + SITEMAP_MAX_URLS - 1);
  if (articles.length === 0) return c.notFound();
  setLastModified(c, newestChange(articles));
  return c.body(renderSitemap(articles.map((a) => articleEntry(site, a))), 200, HEADERS);
});

/**
 * The one place a syndication route reads the clock: "the last 48 hours" has no meaning
 * without it. The instant is floored to the hour, so within an hour the same articles
 * give the same bytes and ETag; an article published since then is still listed (there
 * is no upper bound) and its write purges the `sitemap` tag anyway.
 */
export function newsWindowStart(nowMs: number): number {
  return Math.floor(nowMs / HOUR_MS) * HOUR_MS - NEWS_WINDOW_MS;
}

sitemaps.get(ROUTES.newsSitemap.path, async (c) => {
  const site = siteConfig(c.env);
  const since = newsWindowStart(Date.now());
  // Newest first on the status index, so the window is a prefix of that walk.
  const recent = await listNewsSitemapArticles(createDb(c.env.DB), since, NEWS_SITEMAP_MAX_URLS);
  // Articles also leave the 48-hour window as the clock moves, so the hour the window was
  // taken at dates the document too: an If-Modified-Since client re-reads it hourly at most.
  setLastModified(c, Math.max(since + NEWS_WINDOW_MS, newestChange(recent) ?? 0));
  return c.body(renderNewsSitemap(site, recent), 200, HEADERS);
});

sitemaps.get(ROUTES.robots.path, (c) => {
  return c.body(renderRobots(siteConfig(c.env)), 200, { "Content-Type": ROBOTS_CONTENT_TYPE, "Cache-Tag": CacheTags.sitemap });
});
