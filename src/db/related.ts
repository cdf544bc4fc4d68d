/**
 * An article together with the newest other articles of its category, in ONE statement:
 * the share page is the hottest page, and a second D1 round trip would double its cold
 * render time (test/integration/edge-cache.test.ts holds a cold render to one read).
 * The related list is a correlated subquery walking articles_category_published_idx.
 */
import { eq, sql } from "drizzle-orm";
import { articleColumns, toArticle, toListItem } from "./articles";
import type { Db } from "./client";
import { articles, categories } from "./schema";
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
  const { slug: categorySlug, name: categoryName } = article.category;
  return value
    .filter(isRelatedRow)
    .map((row) => toListItem({ ...row, sourceName: row.sourceName ?? null, imageUrl: row.imageUrl ?? null, categorySlug, categoryName }));
}

/** The newest other published articles of the same category, as a JSON array of list rows. */
function relatedJson(limit: number) {
  return sql<string | null>`(SELECT json_group_array(json_object(
      'id', r.id, 'infoCode', r.info_code, 'title', r.title, 'summary', r.summary,
      'publishedAt', r.published_at, 'utcOffsetMin', r.utc_offset_min, 'updatedAt', r.updated_at,
      'sourceName', r.source_name, 'imageUrl', r.image_url))
    FROM (
      SELECT x.id, x.info_code, x.title, x.summary, x.published_at, x.utc_offset_min, x.updated_at, x.source_name, x.image_url
      FROM articles x
      WHERE x.category_id = ${articles.categoryId} AND x.status = 'published' AND x.id <> ${articles.id}
      ORDER BY x.published_at DESC, x.id DESC LIMIT ${limit}) AS r)`;
}

/**
 * What getArticle (src/db/articles.ts) returns, whatever the status (the route answers 410
 * for unpublished), plus up to `limit` published articles of the same category, newest
 * first, the article itself excluded. Same columns and mapping as getArticle.
 */
export async function getArticleWithRelated(
  db: Db,
  infoCode: string,
  limit: number,
): Promise<{ article: Article; related: ArticleListItem[] } | null> {
  const row = await db
    .select({ ...articleColumns, related: relatedJson(limit) })
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(eq(articles.infoCode, infoCode))
    .get();
  if (!row) return null;
  const article = toArticle(row);
  return { article, related: parseRelated(row.related, article) };
}
