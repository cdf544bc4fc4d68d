/**
 * An article together with the newest other articles of its category, in ONE statement:
 * the share page is the hottest page, and a second D1 round trip would double its cold
 * render time (test/integration/edge-cache.test.ts holds a cold render to one read).
 * The related list is a correlated subquery walking articles_category_published_idx.
 */
import { sql } from "drizzle-orm";
import type { Db } from "./client";
import type { Article, ArticleListItem } from "./types";

type RelatedRow = Omit<ArticleListItem, "category">;

function isRelatedRow(value: unknown): value is RelatedRow {
  if (typeof value !== "object" || value === null) return false;
  const row = value as Record<string, unknown>;
  return (
    typeof row.id === "number" &&
    typeof row.infoCode === "string" &&
    typeof row.title === "string" &&
    typeof row.summary === "string" &&
    typeof row.publishedAt === "number" &&
    typeof row.utcOffsetMin === "number" &&
    typeof row.updatedAt === "number"
  );
}

function parseRelated(json: string | null, article: Article): ArticleListItem[] {
  const value: unknown = json ? JSON.parse(json) : [];
  if (!Array.isArray(value)) return [];
  return value.filter(isRelatedRow).map((row) => ({
    id: row.id,
    infoCode: row.infoCode,
    title: row.title,
    summary: row.summary,
    publishedAt: row.publishedAt,
    utcOffsetMin: row.utcOffsetMin,
    updatedAt: row.updatedAt,
    sourceName: row.sourceName ?? null,
    imageUrl: row.imageUrl ?? null,
    category: article.category,
  }));
}

type ArticleRow = {
  id: number;
  infoCode: string;
  title: string;
  summary: string;
  bodyHtml: string;
  publishedAt: number;
  utcOffsetMin: number;
  updatedAt: number;
  sourceName: string | null;
  author: string | null;
  originalUrl: string | null;
  imageUrl: string | null;
  status: string;
  categorySlug: string;
  categoryName: string;
  tags: string | null;
  related: string | null;
};

function parseTags(json: string | null): string[] {
  const value: unknown = json ? JSON.parse(json) : [];
  return Array.isArray(value) ? value.filter((t): t is string => typeof t === "string") : [];
}

/**
 * What getArticle (src/db/articles.ts) returns, whatever the status (the route answers 410
 * for unpublished), plus up to `limit` published articles of the same category, newest
 * first, the article itself excluded. The columns mirror getArticle's mapping.
 */
export async function getArticleWithRelated(
  db: Db,
  infoCode: string,
  limit: number,
): Promise<{ article: Article; related: ArticleListItem[] } | null> {
  const row = await db.get<ArticleRow | undefined>(sql`
    SELECT a.id AS id, a.info_code AS infoCode, a.title AS title, a.summary AS summary, a.body_html AS bodyHtml,
      a.published_at AS publishedAt, a.utc_offset_min AS utcOffsetMin, a.updated_at AS updatedAt,
      a.source_name AS sourceName, a.author AS author, a.original_url AS originalUrl, a.image_url AS imageUrl,
      a.status AS status, c.slug AS categorySlug, c.name AS categoryName,
      (SELECT json_group_array(name) FROM (
        SELECT t.name AS name FROM article_tags at JOIN tags t ON t.id = at.tag_id
        WHERE at.article_id = a.id ORDER BY at.position)) AS tags,
      (SELECT json_group_array(json_object(
        'id', r.id, 'infoCode', r.info_code, 'title', r.title, 'summary', r.summary,
        'publishedAt', r.published_at, 'utcOffsetMin', r.utc_offset_min, 'updatedAt', r.updated_at,
        'sourceName', r.source_name, 'imageUrl', r.image_url))
       FROM (
        SELECT * FROM articles x
        WHERE x.category_id = a.category_id AND x.status = 'published' AND x.id <> a.id
        ORDER BY x.published_at DESC, x.id DESC LIMIT ${limit}) AS r) AS related
    FROM articles a JOIN categories c ON c.id = a.category_id
    WHERE a.info_code = ${infoCode}`);
  if (!row) return null;
  const article: Article = {
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
    category: { slug: row.categorySlug, name: row.categoryName },
    tags: parseTags(row.tags),
    status: row.status === "published" ? "published" : "unpublished",
  };
  return { article, related: parseRelated(row.related, article) };
}
