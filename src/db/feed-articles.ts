/**
 * Reads for feeds and sitemaps. Feeds carry full bodies and tags, so unlike listArticles
 * (src/db/articles.ts) each row brings its body and its tag names, still in one query: the
 * tags come from a correlated subquery on article_tags' primary key, not one query per row.
 * Sitemaps need only identifiers and dates, but of every published article.
 */
import { and, asc, eq, gte, sql } from "drizzle-orm";
import type { Db } from "./client";
import { articleColumns, toArticle } from "./articles";
import { NEWEST_FIRST, selectNewest, type ListCursor } from "./newest";
import { articles } from "./schema";
import type { Article, NewsSitemapArticle } from "./types";

export type FeedQuery = {
  categorySlug?: string;
  limit: number;
  before?: ListCursor;
};

/**
 * Newest published articles first, with bodies and tags: listArticles' walk (selectNewest)
 * with the Article columns, so SQLite reads the same index and stops after `limit` rows.
 * A category feed lists every article filed under the category, primary or not.
 */
export async function listFeedArticles(db: Db, query: FeedQuery): Promise<Article[]> {
  const rows = await selectNewest(db, articleColumns, query);
  return rows.map(toArticle);
}

/**
 * Published since `sinceMs`, newest first, at most `limit`: a prefix of the walk of
 * articles_status_published_idx that stops at the window's start. Only what the news
 * sitemap prints is read (no category join, no categories subquery).
 */
export async function listNewsSitemapArticles(db: Db, sinceMs: number, limit: number): Promise<NewsSitemapArticle[]> {
  const rows = await db
    .select({
      infoCode: articles.infoCode,
      title: articles.title,
      publishedAt: articles.publishedAt,
      updatedAt: articles.updatedAt,
      utcOffsetMin: articles.utcOffsetMin,
      lang: articles.lang,
    })
    .from(articles)
    .where(and(eq(articles.status, "published"), gte(articles.publishedAt, sinceMs)))
    .orderBy(...NEWEST_FIRST)
    .limit(limit);
  return rows.map(({ lang, ...rest }) => (lang ? { ...rest, lang } : rest));
}

/** What a sitemap needs of an article. */
export type SitemapArticle = { id: number; infoCode: string; publishedAt: number; updatedAt: number; utcOffsetMin: number };

const sitemapColumns = {
  id: articles.id,
  infoCode: articles.infoCode,
  publishedAt: articles.publishedAt,
  updatedAt: articles.updatedAt,
  utcOffsetMin: articles.utcOffsetMin,
};

export async function countPublished(db: Db): Promise<number> {
  const row = await db.select({ n: sql<number>`count(*)` }).from(articles).where(eq(articles.status, "published")).get();
  return row?.n ?? 0;
}

/**
 * Published articles with ids in [firstId, lastId], oldest id first. Article sitemap files
 * are id ranges rather than OFFSET pages, so an article stays in the same file forever and
 * a new article never shifts the others into the next file.
 */
export async function listSitemapArticles(db: Db, firstId: number, lastId: number): Promise<SitemapArticle[]> {
  return db
    .select(sitemapColumns)
    .from(articles)
    .where(and(eq(articles.status, "published"), sql`${articles.id} BETWEEN ${firstId} AND ${lastId}`))
    .orderBy(asc(articles.id));
}

/** A category with its newest change, for sitemap lastmod; null when it has no articles. */
export type CategoryLastmod = { slug: string; updatedAt: number | null; utcOffsetMin: number | null };

export async function listCategoryLastmods(db: Db): Promise<CategoryLastmod[]> {
  // SQLite's bare-column rule: with max(), utc_offset_min comes from the row holding the max.
  const rows = await db.all<{ slug: string; updatedAt: number | null; utcOffsetMin: number | null }>(sql`
    SELECT c.slug AS slug, max(a.updated_at) AS updatedAt, a.utc_offset_min AS utcOffsetMin
    FROM categories c LEFT JOIN article_categories ac ON ac.category_id = c.id
    LEFT JOIN articles a ON a.id = ac.article_id AND a.status = 'published'
    GROUP BY c.id ORDER BY c.slug`);
  return rows.map((r) => ({ slug: r.slug, updatedAt: r.updatedAt, utcOffsetMin: r.utcOffsetMin }));
}

/** An id-range file of the article sitemap: its number (from 1) and newest change. */
export type SitemapPart = { part: number; updatedAt: number; utcOffsetMin: number };

export async function listSitemapParts(db: Db, idsPerPart: number): Promise<SitemapPart[]> {
  const rows = await db.all<SitemapPart>(sql`
    SELECT (id - 1) / ${idsPerPart} + 1 AS part, max(updated_at) AS updatedAt, utc_offset_min AS utcOffsetMin
    FROM articles WHERE status = 'published' GROUP BY part ORDER BY part`);
  return rows.map((r) => ({ part: r.part, updatedAt: r.updatedAt, utcOffsetMin: r.utcOffsetMin }));
}
