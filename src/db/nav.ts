/**
 * The channel list in every page's header: all categories, in slug order. It changes only
 * when a write creates or renames a category, and every page that shows it carries
 * CacheTags.nav, which such a write purges (src/cache/tags.ts tagsForChange).
 *
 * Two shapes of one query: a statement of its own for list pages (run alongside their list
 * query, so it adds no wait), and a scalar subquery the share page folds into its single
 * statement (src/db/related.ts).
 */
import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { categories } from "./schema";
import type { CategoryRef } from "./types";

export const navJson = sql<string | null>`(SELECT json_group_array(json_object('slug', n.slug, 'name', n.name))
  FROM (SELECT slug, name FROM categories ORDER BY slug) AS n)`;

export function parseNav(json: string | null): CategoryRef[] {
  const value: unknown = json ? JSON.parse(json) : [];
  if (!Array.isArray(value)) return [];
  return value.filter(
    (c): c is CategoryRef => typeof c === "object" && c !== null && typeof c.slug === "string" && typeof c.name === "string",
  );
}

/** The channel list as its own statement. */
export function loadNav(db: Db): Promise<CategoryRef[]> {
  return db.select({ slug: categories.slug, name: categories.name }).from(categories).orderBy(categories.slug);
}
