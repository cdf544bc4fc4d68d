/**
 * An article, the articles to read next, and the site's channel list, in ONE statement:
 * the share page is the hottest page, and a second D1 round trip would double its cold
 * render time (test/integration/edge-cache.test.ts holds a cold render to one read).
 *
 * "Related" is the newest CATEGORY_WINDOW published articles of its category (a range of
 * articles_category_published_idx), ranked by how many tags each shares with the article
 * (primary-key probes of article_tags), then by recency; the article itself never appears.
 * Candidates from other categories that share a tag were tried and dropped: every way of
 * bounding them per tag made a cold share page about 3x slower under load in workerd
 * (15 ms to 45-60 ms per request at 10 concurrent), while this stays at the old cost.
 */
import { eq, sql } from "drizzle-orm";
import { articleColumns, toArticle, toListItem } from "./articles";
import type { Db } from "./client";
import { navJson, parseNav } from "./nav";
import { articles, categories } from "./schema";
import type { Article, ArticleListItem, CategoryRef } from "./types";

const CATEGORY_WINDOW = 20;

type RelatedRow = Omit<ArticleListItem, "category"> & { categorySlug: string; categoryName: string };

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
    typeof row.updatedAt === "number" &&
    typeof row.categorySlug === "string" &&
    typeof row.categoryName === "string"
  );
}

function parseRelated(json: string | null): ArticleListItem[] {
  const value: unknown = json ? JSON.parse(json) : [];
  if (!Array.isArray(value)) return [];
  return value
    .filter(isRelatedRow)
    .map((row) => toListItem({ ...row, sourceName: row.sourceName ?? null, imageUrl: row.imageUrl ?? null, categories: null }));
}

/** The best `limit` other published articles of the category as a JSON array of list rows (see the file comment). */
function relatedJson(limit: number) {
  return sql<string | null>`(SELECT json_group_array(json_object(
      'id', r.id, 'infoCode', r.info_code, 'title', r.title, 'summary', r.summary,
      'publishedAt', r.published_at, 'utcOffsetMin', r.utc_offset_min, 'updatedAt', r.updated_at,
      'sourceName', r.source_name, 'imageUrl', r.image_url, 'categorySlug', r.slug, 'categoryName', r.name))
    FROM (
      SELECT x.id, x.info_code, x.title, x.summary, x.published_at, x.utc_offset_min, x.updated_at,
        x.source_name, x.image_url, rc.slug, rc.name
      FROM (
        SELECT y.id AS id, (SELECT count(*) FROM article_tags t1 JOIN article_tags t2 ON t2.article_id = y.id AND t2.tag_id = t1.tag_id
          WHERE t1.article_id = ${articles.id}) AS score
        FROM articles y
        WHERE y.category_id = ${articles.categoryId} AND y.status = 'published' AND y.id <> ${articles.id}
        ORDER BY y.published_at DESC, y.id DESC LIMIT ${CATEGORY_WINDOW}
      ) AS s
      JOIN articles x ON x.id = s.id
      JOIN categories rc ON rc.id = x.category_id
      ORDER BY s.score DESC, x.published_at DESC, x.id DESC LIMIT ${limit}) AS r)`;
}

/**
 * What getArticle (src/db/articles.ts) returns, whatever the status (the route answers 410
 * for unpublished), plus up to `limit` related published articles and the channel list.
 */
export async function getArticleWithRelated(
  db: Db,
  infoCode: string,
  limit: number,
): Promise<{ article: Article; related: ArticleListItem[]; nav: CategoryRef[] } | null> {
  const row = await db
    .select({ ...articleColumns, related: relatedJson(limit), nav: navJson })
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(eq(articles.infoCode, infoCode))
    .get();
  if (!row) return null;
  return { article: toArticle(row), related: parseRelated(row.related), nav: parseNav(row.nav) };
}
