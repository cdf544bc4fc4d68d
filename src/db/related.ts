/**
 * An article, the articles to read next, and the site's channel list, in ONE statement:
 * the share page is the hottest page, and a second D1 round trip would double its cold
 * render time (test/integration/edge-cache.test.ts holds a cold render to one read).
 *
 * "Related" is chosen by shared tags (in any category) and by category, then recency:
 * - candidates: for each of the article's first RELATED_TAGS tags, the newest TAG_WINDOW
 *   articles under it (a range of article_tags_tag_published_idx, covering), plus the
 *   newest CATEGORY_WINDOW published articles of its category (a range of
 *   articles_category_published_idx, covering). So a tag on 10,000 articles costs what a
 *   rare one costs: at most RELATED_TAGS × TAG_WINDOW + CATEGORY_WINDOW index entries;
 * - score: 2 for each of those tags the candidate shares (primary-key probes of
 *   article_tags), 1 for the same category. A tag shared across categories outranks the
 *   category alone; both together rank first. Ties go to the newer article;
 * - the candidates' rows are read by primary key only to drop unpublished ones and to
 *   see their category; only the `limit` chosen ones are read for the list. The article
 *   itself never appears.
 * The tag windows are a compound SELECT of their own, inside the one with the category's:
 * D1 allows at most 5 terms in one compound SELECT ("too many terms in compound SELECT").
 * An earlier try bounded each tag with a correlated OFFSET subquery evaluated per index
 * entry, and made a cold share page ~3x slower in workerd; each window here is one
 * LIMITed range read, done once per page.
 */
import { eq, sql, type SQL } from "drizzle-orm";
import { articleColumns, toArticle, toListItem } from "./articles";
import type { Db } from "./client";
import { navJson, parseNav } from "./nav";
import { articles, categories } from "./schema";
import type { Article, ArticleListItem, CategoryRef } from "./types";

/** How many of the article's tags (in its own order) choose candidates; the page carries their cache tags. */
export const RELATED_TAGS = 5;
const TAG_WINDOW = 10;
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

/** The newest TAG_WINDOW articles under the article's tag number `k` (none when it has fewer tags). */
function tagWindow(k: number): SQL {
  return sql`SELECT * FROM (SELECT w.article_id AS id, w.published_at AS pub FROM article_tags w
    WHERE w.tag_id = (SELECT o.tag_id FROM article_tags o WHERE o.article_id = ${articles.id} ORDER BY o.position LIMIT 1 OFFSET ${sql.raw(String(k))})
    ORDER BY w.published_at DESC, w.article_id DESC LIMIT ${sql.raw(String(TAG_WINDOW))})`;
}

/** The best `limit` other published articles as a JSON array of list rows (see the file comment). */
function relatedJson(limit: number) {
  const windows = Array.from({ length: RELATED_TAGS }, (_, k) => tagWindow(k));
  return sql<string | null>`(SELECT json_group_array(json_object(
      'id', r.id, 'infoCode', r.info_code, 'title', r.title, 'summary', r.summary,
      'publishedAt', r.published_at, 'utcOffsetMin', r.utc_offset_min, 'updatedAt', r.updated_at,
      'sourceName', r.source_name, 'imageUrl', r.image_url, 'categorySlug', r.slug, 'categoryName', r.name))
    FROM (SELECT x.id, x.info_code, x.title, x.summary, x.published_at, x.utc_offset_min, x.updated_at,
      x.source_name, x.image_url, rc.slug, rc.name
    FROM (
      SELECT c.id AS id, c.pub AS pub,
        2 * (SELECT count(*) FROM article_tags t1 JOIN article_tags t2 ON t2.article_id = c.id AND t2.tag_id = t1.tag_id
          WHERE t1.article_id = ${articles.id} AND t1.position < ${sql.raw(String(RELATED_TAGS))})
        + (z.category_id = ${articles.categoryId}) AS score
      FROM (
        SELECT id, pub FROM (
          SELECT * FROM (${sql.join(windows, sql` UNION ALL `)})
          UNION ALL
          SELECT * FROM (SELECT y.id AS id, y.published_at AS pub FROM articles y
            WHERE y.category_id = ${articles.categoryId} AND y.status = 'published'
            ORDER BY y.published_at DESC, y.id DESC LIMIT ${sql.raw(String(CATEGORY_WINDOW))})
        ) GROUP BY id
      ) AS c
      JOIN articles z ON z.id = c.id AND z.status = 'published'
      WHERE c.id <> ${articles.id}
      ORDER BY score DESC, c.pub DESC, c.id DESC LIMIT ${limit}
    ) AS s
    JOIN articles x ON x.id = s.id
    JOIN categories rc ON rc.id = x.category_id
    ORDER BY s.score DESC, s.pub DESC, s.id DESC) AS r)`;
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
