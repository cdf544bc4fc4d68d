/**
 * Reads for feeds and sitemaps. Feeds carry full bodies and tags, so unlike listArticles
 * (src/db/articles.ts) each row brings its body and its tag names, still in one query: the
 * tags come from a correlated subquery on article_tags' primary key, not one query per row.
 * Sitemaps need only identifiers and dates, but of every published article.
 */
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "./client";
import type { ListCursor } from "./articles";
import { articleTags, articles, categories, tags } from "./schema";
import type { Article, ArticleStatus } from "./types";

export type FeedQuery = {
  categorySlug?: string;
  limit: number;
  before?: ListCursor;
};

const tagNames = sql<string>`(
  SELECT json_group_array(name) FROM (
    SELECT ${tags.name} AS name FROM ${articleTags}
    JOIN ${tags} ON ${tags.id} = ${articleTags.tagId}
    WHERE ${articleTags.articleId} = ${articles.id}
    ORDER BY ${articleTags.position}
  )
)`;

function parseTags(json: string | null): string[] {
  if (!json) return [];
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((t): t is string => typeof t === "string") : [];
}

/**
 * Newest published articles first, with bodies and tags. The filter and order match
 * articles_status_published_idx (site) or articles_category_published_idx (category), so
 * SQLite walks the index and stops after `limit` rows; `before` continues the range scan.
 */
export async function listFeedArticles(db: Db, query: FeedQuery): Promise<Article[]> {
  const before: SQL | undefined = query.before
    ? sql`(${articles.publishedAt}, ${articles.id}) < (${query.before.publishedAt}, ${query.before.id})`
    : undefined;
  const rows = await db
    .select({
      id: articles.id,
      infoCode: articles.infoCode,
      title: articles.title,
      summary: articles.summary,
      bodyHtml: articles.bodyHtml,
      publishedAt: articles.publishedAt,
      utcOffsetMin: articles.utcOffsetMin,
      updatedAt: articles.updatedAt,
      sourceName: articles.sourceName,
      author: articles.author,
      originalUrl: articles.originalUrl,
      imageUrl: articles.imageUrl,
      status: articles.status,
      categorySlug: categories.slug,
      categoryName: categories.name,
      tags: tagNames,
    })
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(
      and(
        query.categorySlug !== undefined ? eq(categories.slug, query.categorySlug) : undefined,
        eq(articles.status, "published"),
        before,
      ),
    )
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(query.limit);
  return rows.map((row) => ({
    id: row.id,
    infoCode: row.infoCode,
    title: row.title,
    summary: row.summary,
    bodyHtml: row.bodyHtml,
    publishedAt: row.publishedAt,
    utcOffsetMin: row.utcOffsetMin,
    updatedAt: row.updatedAt,
    sourceName: row.sourceName,
    author: row.author,
    originalUrl: row.originalUrl,
    imageUrl: row.imageUrl,
    status: row.status as ArticleStatus,
    category: { slug: row.categorySlug, name: row.categoryName },
    tags: parseTags(row.tags),
  }));
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
    FROM categories c LEFT JOIN articles a ON a.category_id = c.id AND a.status = 'published'
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
