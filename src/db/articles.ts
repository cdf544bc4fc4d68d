/**
 * Reading articles. Each function is one D1 round trip; list queries walk an index in
 * order (see schema.ts) and page with a keyset cursor, never OFFSET (the newest-first
 * walk lists and feeds share is newest.ts; the tag walk is here).
 */
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "./client";
import { beforeCursor, categoryId, selectNewest, type ListCursor } from "./newest";
import { articleCategories, articleTags, articles, categories, tags } from "./schema";
import type { Article, ArticleListItem, CategoryRef } from "./types";

export type { ListCursor } from "./newest";

export type ListQuery = {
  categorySlug?: string;
  tag?: string;
  limit: number;
  before?: ListCursor;
};

/** The article's tag names in order, as a JSON array, from a correlated subquery. */
export const tagNames = sql<string>`(
  SELECT json_group_array(name) FROM (
    SELECT ${tags.name} AS name FROM ${articleTags}
    JOIN ${tags} ON ${tags.id} = ${articleTags.tagId}
    WHERE ${articleTags.articleId} = ${articles.id}
    ORDER BY ${articleTags.position}
  )
)`;

/**
 * The article's categories in order (primary first) as a JSON array of {slug, name}: a
 * range of article_categories' primary key per row. json_object is called out here, over
 * the subquery's plain columns, so its JSON survives into the array.
 */
export const categoryRefs = sql<string>`(
  SELECT json_group_array(json_object('slug', slug, 'name', name)) FROM (
    SELECT ${categories.slug} AS slug, ${categories.name} AS name FROM ${articleCategories}
    JOIN ${categories} ON ${categories.id} = ${articleCategories.categoryId}
    WHERE ${articleCategories.articleId} = ${articles.id}
    ORDER BY ${articleCategories.position}
  )
)`;

const listColumns = {
  id: articles.id,
  infoCode: articles.infoCode,
  title: articles.title,
  summary: articles.summary,
  publishedAt: articles.publishedAt,
  utcOffsetMin: articles.utcOffsetMin,
  dateOnly: articles.dateOnly,
  updatedAt: articles.updatedAt,
  sourceName: articles.sourceName,
  imageUrl: articles.imageUrl,
  categorySlug: categories.slug,
  categoryName: categories.name,
  categories: categoryRefs,
};

type ListRow = {
  id: number;
  infoCode: string;
  title: string;
  summary: string;
  publishedAt: number;
  utcOffsetMin: number;
  dateOnly?: boolean;
  updatedAt: number;
  sourceName: string | null;
  imageUrl: string | null;
  categorySlug: string;
  categoryName: string;
  /** JSON from categoryRefs; absent where a query does not read it (the primary alone then). */
  categories?: string | null;
};

/** The categories JSON, primary first; the primary alone when the links are missing. */
export function parseCategoryRefs(json: string | null | undefined, primary: CategoryRef): CategoryRef[] {
  const value: unknown = json ? JSON.parse(json) : [];
  const refs = Array.isArray(value)
    ? value.filter((c): c is CategoryRef => typeof c === "object" && c !== null && typeof c.slug === "string" && typeof c.name === "string")
    : [];
  return [primary, ...refs.filter((c) => c.slug !== primary.slug)];
}

export function toListItem(row: ListRow): ArticleListItem {
  return {
    id: row.id,
    infoCode: row.infoCode,
    title: row.title,
    summary: row.summary,
    publishedAt: row.publishedAt,
    utcOffsetMin: row.utcOffsetMin,
    ...(row.dateOnly ? { dateOnly: true } : {}),
    updatedAt: row.updatedAt,
    sourceName: row.sourceName,
    imageUrl: row.imageUrl,
    category: { slug: row.categorySlug, name: row.categoryName },
    categories: parseCategoryRefs(row.categories, { slug: row.categorySlug, name: row.categoryName }),
  };
}

export function parseTagList(json: string | null): string[] {
  if (!json) return [];
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((t): t is string => typeof t === "string") : [];
}

/** Every column an Article needs, tags included: shared by every query that returns Articles. */
export const articleColumns = {
  ...listColumns,
  bodyHtml: articles.bodyHtml,
  author: articles.author,
  originalUrl: articles.originalUrl,
  status: articles.status,
  lang: articles.lang,
  tags: tagNames,
};

export type ArticleRow = ListRow & {
  bodyHtml: string;
  author: string | null;
  originalUrl: string | null;
  status: string;
  lang: string | null;
  tags: string | null;
};

export function toArticle(row: ArticleRow): Article {
  return {
    ...toListItem(row),
    bodyHtml: row.bodyHtml,
    author: row.author,
    originalUrl: row.originalUrl,
    status: row.status === "published" ? "published" : "unpublished",
    tags: parseTagList(row.tags),
    ...(row.lang ? { lang: row.lang } : {}),
  };
}

/** One article by info code, whatever its status (routes answer 410 for unpublished). */
export async function getArticle(db: Db, infoCode: string): Promise<Article | null> {
  const row = await db
    .select(articleColumns)
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(eq(articles.infoCode, infoCode))
    .get();
  return row ? toArticle(row) : null;
}

/** Listed under the category: one lookup of article_categories' primary key. */
const listedIn = (slug: string): SQL =>
  sql`EXISTS (SELECT 1 FROM ${articleCategories} WHERE ${articleCategories.articleId} = ${articles.id} AND ${articleCategories.categoryId} = ${categoryId(slug)})`;

/** Newest published articles first, optionally in one category (any of the article's) or under one tag. */
export async function listArticles(db: Db, query: ListQuery): Promise<ArticleListItem[]> {
  if (query.tag !== undefined) {
    const rows = await db
      .select(listColumns)
      .from(articleTags)
      .innerJoin(tags, eq(tags.id, articleTags.tagId))
      .innerJoin(articles, eq(articles.id, articleTags.articleId))
      .innerJoin(categories, eq(categories.id, articles.categoryId))
      .where(
        and(
          eq(tags.name, query.tag),
          query.categorySlug !== undefined ? listedIn(query.categorySlug) : undefined,
          eq(articles.status, "published"),
          beforeCursor(articleTags.publishedAt, articleTags.articleId, query.before),
        ),
      )
      .orderBy(desc(articleTags.publishedAt), desc(articleTags.articleId))
      .limit(query.limit);
    return rows.map(toListItem);
  }
  const rows = await selectNewest(db, listColumns, query);
  return rows.map(toListItem);
}

export async function getCategory(db: Db, slug: string): Promise<CategoryRef | null> {
  const row = await db.select({ slug: categories.slug, name: categories.name }).from(categories).where(eq(categories.slug, slug)).get();
  return row ?? null;
}

/** Every category, by slug: the JSON API's /api/v1/categories. */
export async function listCategories(db: Db): Promise<CategoryRef[]> {
  return db.select({ slug: categories.slug, name: categories.name }).from(categories).orderBy(categories.slug);
}

/** Encodes a cursor for URLs: "1651126133000.42". */
export function encodeCursor(item: { publishedAt: number; id: number }): string {
  return `${item.publishedAt}.${item.id}`;
}

export function decodeCursor(text: string | undefined | null): ListCursor | undefined {
  const m = text ? /^(\d{1,15})\.(\d{1,12})$/.exec(text) : null;
  return m ? { publishedAt: Number(m[1]), id: Number(m[2]) } : undefined;
}
