/**
 * The list endpoints of the JSON API: /api/v1/articles (newest first, optionally in one
 * category and/or under one tag, `cursor` for older pages: the same keyset walk as the
 * HTML lists) and /api/v1/categories. Field names are part of the public contract: add,
 * never rename. Errors are the API's problem+json; CORS is the app's (src/lib/cors.ts).
 */
import { Hono, type Context } from "hono";
import { categorySlug, DEFAULT_LIMIT, INVALID, listCursor, listLimit, MAX_LIMIT, MAX_TAG_CHARS, tagName, type ParamRule } from "../cache/params";
import { cacheTagHeader, CacheTags, type CacheTag } from "../cache/tags";
import { decodeCursor, encodeCursor, getCategory, listArticles, listCategories } from "../db/articles";
import { createDb } from "../db/client";
import { tagExists } from "../db/tags";
import { allCategories, type ArticleListItem } from "../db/types";
import type { AppEnv } from "../env";
import { absoluteUrl, siteConfig, type SiteConfig } from "../lib/config";
import { AppError } from "../lib/errors";
import { newestChange, setLastModified } from "../lib/last-modified";
import { articlePath, categoryPath, embedPath, feedPath } from "../lib/paths";
import { toRfc3339 } from "../lib/time";
import { ROUTES } from "./public-routes";

export const apiLists = new Hono<AppEnv>();

/**
 * The parameters through the same rules the cache key uses (src/cache/params.ts), so what
 * the cache refuses to store and what this answers 400 cannot differ; zod would add bytes
 * to the bundle for the same four checks.
 */
const RULES: readonly [keyof ListParams, ParamRule, string][] = [
  ["category", categorySlug, "must be a category slug (lower-case letters, digits, - or _)"],
  ["tag", tagName, `must be at most ${MAX_TAG_CHARS} characters`],
  ["limit", listLimit, `must be a whole number from 1 to ${MAX_LIMIT}`],
  ["cursor", listCursor, "must be a cursor from a previous page's nextCursor"],
];

type ListParams = { category?: string; tag?: string; limit: number; cursor?: string };

function parseListParams(c: Context<AppEnv>): ListParams {
  const out: ListParams = { limit: DEFAULT_LIMIT };
  const errors: { field: string; message: string }[] = [];
  for (const [field, rule, message] of RULES) {
    const raw = c.req.query(field);
    if (raw === undefined) continue;
    const value = rule(raw, "");
    if (value === INVALID) errors.push({ field, message });
    else if (value !== undefined) (out as Record<string, string | number>)[field] = field === "limit" ? Number(value) : value;
  }
  if (errors.length > 0) throw new AppError("bad_request", errors.map((e) => `${e.field}: ${e.message}.`).join(" "), { errors });
  return out;
}

function listItem(site: SiteConfig, a: ArticleListItem) {
  return {
    infoCode: a.infoCode,
    url: absoluteUrl(site, articlePath(a.infoCode)),
    title: a.title,
    summary: a.summary,
    source: a.sourceName,
    category: { slug: a.category.slug, name: a.category.name, url: absoluteUrl(site, categoryPath(a.category.slug)) },
    categories: allCategories(a).map((cat) => ({ slug: cat.slug, name: cat.name, url: absoluteUrl(site, categoryPath(cat.slug)) })),
    publishedAt: toRfc3339(a.publishedAt, a.utcOffsetMin),
    updatedAt: toRfc3339(Math.max(a.updatedAt, a.publishedAt), a.utcOffsetMin),
    image: a.imageUrl,
    embedUrl: absoluteUrl(site, embedPath(a.infoCode)),
  };
}

/** The URL of the next page: the same filters in a fixed order, so it is the cache key as well. */
function nextUrl(site: SiteConfig, p: ListParams, cursor: string): string {
  const query = new URLSearchParams();
  if (p.category !== undefined) query.set("category", p.category);
  query.set("cursor", cursor);
  if (p.limit !== DEFAULT_LIMIT) query.set("limit", String(p.limit));
  if (p.tag !== undefined) query.set("tag", p.tag);
  return absoluteUrl(site, `${ROUTES.apiArticles.path}?${query.toString()}`);
}

apiLists.get(ROUTES.apiArticles.path, async (c) => {
  const p = parseListParams(c);
  const db = createDb(c.env.DB);
  const before = decodeCursor(p.cursor);
  if (p.category !== undefined && (await getCategory(db, p.category)) === null) {
    throw new AppError("not_found", `No category has the slug ${p.category}.`);
  }
  if (p.tag !== undefined && !(await tagExists(db, p.tag))) throw new AppError("not_found", "No article was ever tagged with this tag.");
  // One row more than shown tells whether an older page exists without a COUNT query.
  const rows = await listArticles(db, { categorySlug: p.category, tag: p.tag, before, limit: p.limit + 1 });
  const items = rows.slice(0, p.limit);
  if (before && items.length === 0) throw new AppError("not_found", "There are no articles after this cursor.");
  const last = items.at(-1);
  const cursor = rows.length > p.limit && last ? encodeCursor(last) : null;
  const site = siteConfig(c.env);
  const tags: CacheTag[] = [];
  if (p.category !== undefined) tags.push(CacheTags.category(p.category));
  if (p.tag !== undefined) tags.push(CacheTags.tagPage(p.tag));
  c.header("Cache-Tag", cacheTagHeader(tags.length > 0 ? tags : [CacheTags.home]));
  setLastModified(c, newestChange(items));
  return c.json({ articles: items.map((a) => listItem(site, a)), nextCursor: cursor, next: cursor ? nextUrl(site, p, cursor) : null });
});

apiLists.get(ROUTES.apiCategories.path, async (c) => {
  const site = siteConfig(c.env);
  const categories = await listCategories(createDb(c.env.DB));
  // Every write purges the home tag, and a new category only ever arrives with a write.
  c.header("Cache-Tag", CacheTags.home);
  return c.json({
    categories: categories.map((cat) => ({
      slug: cat.slug,
      name: cat.name,
      url: absoluteUrl(site, categoryPath(cat.slug)),
      articles: absoluteUrl(site, `${ROUTES.apiArticles.path}?category=${encodeURIComponent(cat.slug)}`),
      feeds: { rss: absoluteUrl(site, feedPath("feed.xml", cat.slug)), atom: absoluteUrl(site, feedPath("atom.xml", cat.slug)), json: absoluteUrl(site, feedPath("feed.json", cat.slug)) },
    })),
  });
});
