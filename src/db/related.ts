/**
 * An article, the articles to read next, and the site's channel list, in ONE statement:
 * the share page is the hottest page, and a second D1 round trip would double its cold
 * render time (test/integration/edge-cache.test.ts holds a cold render to one read).
 *
 * "Related" is scored, not just newest: each tag shared with the article counts 2, the
 * same category counts 1, ties go to the newer article, and the article itself never
 * appears. The candidates are bounded so a tag on thousands of articles costs the same as
 * a rare one: for each of the article's tags, the newest TAG_WINDOW articles under it (a
 * range of article_tags_tag_published_idx), plus the newest CATEGORY_WINDOW of its
 * category (articles_category_published_idx). So the statement reads at most
 * tags × (2 × TAG_WINDOW) + CATEGORY_WINDOW index entries and `limit` article rows.
 */
import { eq, sql } from "drizzle-orm";
import { articleColumns, toArticle, toListItem } from "./articles";
import type { Db } from "./client";
import { navJson, parseNav } from "./nav";
import { articles, categories } from "./schema";
import type { Article, ArticleListItem, CategoryRef } from "./types";

const TAG_WINDOW = 30;
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
    .map((row) => toListItem({ ...row, sourceName: row.sourceName ?? null, imageUrl: row.imageUrl ?? null }));
}

/** The best `limit` other published articles as a JSON array of list rows (see the file comment). */
function relatedJson(limit: number) {
  return sql<string | null>`(SELECT json_group_array(json_object(
      'id', r.id, 'infoCode', r.info_code, 'title', r.title, 'summary', r.summary,
      'publishedAt', r.published_at, 'utcOffsetMin', r.utc_offset_min, 'updatedAt', r.updated_at,
      'sourceName', r.source_name, 'imageUrl', r.image_url, 'categorySlug', r.slug, 'categoryName', r.name))
    FROM (
      SELECT x.id, x.info_code, x.title, x.summary, x.published_at, x.utc_offset_min, x.updated_at,
        x.source_name, x.image_url, rc.slug, rc.name
      FROM (
        SELECT cand.id AS id, sum(cand.w) AS score FROM (
          SELECT t2.article_id AS id, 2 AS w
          FROM article_tags t1 JOIN article_tags t2 ON t2.tag_id = t1.tag_id
          WHERE t1.article_id = ${articles.id} AND t2.article_id <> ${articles.id}
            AND t2.published_at >= coalesce((SELECT t3.published_at FROM article_tags t3 WHERE t3.tag_id = t1.tag_id
              ORDER BY t3.published_at DESC LIMIT 1 OFFSET ${TAG_WINDOW - 1}), 0)
          UNION ALL
          SELECT * FROM (SELECT y.id AS id, 1 AS w FROM articles y
            WHERE y.category_id = ${articles.categoryId} AND y.status = 'published' AND y.id <> ${articles.id}
            ORDER BY y.published_at DESC, y.id DESC LIMIT ${CATEGORY_WINDOW})
        ) AS cand GROUP BY cand.id
      ) AS s
      JOIN articles x ON x.id = s.id AND x.status = 'published'
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
