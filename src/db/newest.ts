/**
 * The newest-first walk that lists and feeds share: published articles, site-wide by
 * articles_status_published_idx or in one category by article_categories_category_published_idx,
 * paged with a keyset cursor (never OFFSET) and stopped after `limit` rows. Callers choose
 * the columns (listArticles the list item's, listFeedArticles the whole article's).
 */
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { SelectResultFields } from "drizzle-orm/query-builders/select.types";
import type { SelectedFields, SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "./client";
import { articleCategories, articles, categories } from "./schema";

/** Position in a newest-first list: the last item of the previous page. */
export type ListCursor = { publishedAt: number; id: number };

/**
 * Older than the cursor, and only when the cursor names a real article's position: a
 * cursor made up by hand finds nothing (and so is a 404 that is never cached), which keeps
 * the number of list pages a client can make the edge cache hold to the number of articles.
 */
export function beforeCursor(publishedAt: SQLiteColumn, id: SQLiteColumn, cursor?: ListCursor): SQL | undefined {
  if (!cursor) return undefined;
  // A row-value comparison lets SQLite continue the index range scan right after the cursor;
  // the EXISTS is one primary-key lookup, evaluated once (it does not depend on the row).
  return sql`(${publishedAt}, ${id}) < (${cursor.publishedAt}, ${cursor.id})
    AND EXISTS (SELECT 1 FROM articles AS cursor_article WHERE cursor_article.id = ${cursor.id} AND cursor_article.published_at = ${cursor.publishedAt})`;
}

/**
 * Published, older than the cursor when given: the filter articles_status_published_idx
 * serves for site-wide lists, walked in NEWEST_FIRST order.
 */
function publishedBefore(query: { before?: ListCursor }): SQL | undefined {
  return and(eq(articles.status, "published"), beforeCursor(articles.publishedAt, articles.id, query.before));
}

export const NEWEST_FIRST = [desc(articles.publishedAt), desc(articles.id)] as const;

/** The category's id by slug, a scalar subquery: the walk then starts at one index key. */
export const categoryId = (slug: string): SQL => sql`(SELECT id FROM ${categories} WHERE ${categories.slug} = ${slug})`;

/**
 * Category lists and feeds walk article_categories (every category of an article, not only
 * its primary one) by article_categories_category_published_idx, newest first; the article
 * and its primary category are primary-key lookups per row.
 */
function inCategoryBefore(query: { categorySlug: string; before?: ListCursor }): SQL | undefined {
  return and(
    eq(articleCategories.categoryId, categoryId(query.categorySlug)),
    eq(articles.status, "published"),
    beforeCursor(articleCategories.publishedAt, articleCategories.articleId, query.before),
  );
}

const CATEGORY_NEWEST_FIRST = [desc(articleCategories.publishedAt), desc(articleCategories.articleId)] as const;

type NewestQuery = { categorySlug?: string; limit: number; before?: ListCursor };

/**
 * Newest published articles first with the given columns, site-wide or in one category (any
 * of the article's), older than the cursor when given: the one walk lists (listArticles)
 * and feeds (listFeedArticles) share, so both read the same index and stop after `limit`
 * rows; they differ only in the columns they select. The article's primary category is
 * joined for every row.
 */
export function selectNewest<T extends SelectedFields>(db: Db, columns: T, query: NewestQuery): Promise<SelectResultFields<T>[]>;
// drizzle cannot type a join chain over a generic selection, so the body is written for any
// selection and the signature above states the rows: with inner joins only, nothing is
// nullable, so they are exactly SelectResultFields of the columns (what db.select(columns) gives).
export async function selectNewest(db: Db, columns: SelectedFields, query: NewestQuery): Promise<unknown[]> {
  if (query.categorySlug !== undefined) {
    return db
      .select(columns)
      .from(articleCategories)
      .innerJoin(articles, eq(articles.id, articleCategories.articleId))
      .innerJoin(categories, eq(categories.id, articles.categoryId))
      .where(inCategoryBefore({ categorySlug: query.categorySlug, before: query.before }))
      .orderBy(...CATEGORY_NEWEST_FIRST)
      .limit(query.limit);
  }
  return db
    .select(columns)
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(publishedBefore(query))
    .orderBy(...NEWEST_FIRST)
    .limit(query.limit);
}
