/**
 * Category and tag pages: /category/{slug}.html and /tag/{tag}.html (the tag is
 * percent-encoded UTF-8 in links; Hono decodes the path parameter). PAGE_SIZE articles per
 * page, `?before=<cursor>` for older ones: a keyset walk of an index, never OFFSET. The
 * edge cache also passes `?page=`, which SPEC allows; these pages only page by cursor, so
 * it is ignored and the canonical link names the cursor URL.
 *
 * An existing category with no articles is a 200 page with an empty state; an unknown
 * category or tag, or a cursor that does not parse, is the HTML 404 page.
 */
import { newestChange, setLastModified } from "../lib/last-modified";
import { Hono, type Context } from "hono";
import { cacheTagHeader, CacheTags, type CacheTag } from "../cache/tags";
import { encodeCursor, getCategory, listArticles, type ListQuery } from "../db/articles";
import { createDb } from "../db/client";
import { tagExists } from "../db/tags";
import type { ArticleListItem } from "../db/types";
import type { AppEnv } from "../env";
import { absoluteUrl, siteConfig } from "../lib/config";
import { feedPath } from "../syndication/feed-model";
import { ListingPage, type ListingPageProps } from "../views/ListingPage";
import { categoryPath, tagPath } from "../lib/paths";
import { errorPage } from "./_shared/error-pages";
import { cursorParam, fetchPage, nextCursor, PAGE_SIZE } from "./_shared/paging";
import { ROUTES } from "./public-routes";

export const listings = new Hono<AppEnv>();

type Page = { items: ArticleListItem[]; before?: string; nextCursor: string | null };

/**
 * The 404 page. With the tag of what is missing it may be cached (creating that category or
 * tag purges it); without one (a cursor past the end, or naming no article) it never is.
 */
function notFound(c: Context<AppEnv>, missing?: CacheTag): Promise<Response> {
  return errorPage(c, 404, missing ? { tag: missing } : { store: false });
}

async function listPage(c: Context<AppEnv>, query: Omit<ListQuery, "limit">): Promise<Page> {
  const page = await fetchPage(PAGE_SIZE, (limit) => listArticles(createDb(c.env.DB), { ...query, limit }));
  // Re-encoded so equivalent spellings of a cursor share one canonical URL.
  return { items: page.items, before: query.before && encodeCursor(query.before), nextCursor: nextCursor(page) };
}

/** "caijing.html" → "caijing"; null when the segment is not a page name. */
function stem(file: string): string | null {
  return file.endsWith(".html") && file.length > ".html".length ? file.slice(0, -".html".length) : null;
}

listings.get(ROUTES.category.path, async (c) => {
  const slug = stem(c.req.param("file"));
  const before = cursorParam(c);
  if (slug === null || before === null) return notFound(c);
  const [category, page] = await Promise.all([getCategory(createDb(c.env.DB), slug), listPage(c, { categorySlug: slug, before })]);
  if (category === null) return notFound(c, CacheTags.category(slug));
  // A cursor page is only served when it names a real position with articles after it.
  if (before && page.items.length === 0) return notFound(c);
  const site = siteConfig(c.env);
  const props: ListingPageProps = {
    site,
    name: category.name,
    kind: "category",
    path: categoryPath(category.slug),
    ...page,
    feeds: {
      title: `${category.name} - ${site.name}`,
      rss: absoluteUrl(site, feedPath("feed.xml", category.slug)),
      atom: absoluteUrl(site, feedPath("atom.xml", category.slug)),
      json: absoluteUrl(site, feedPath("feed.json", category.slug)),
    },
  };
  c.header("Cache-Tag", cacheTagHeader([CacheTags.category(category.slug)]));
  setLastModified(c, newestChange(page.items));
  return c.html(ListingPage(props));
});

listings.get(ROUTES.tag.path, async (c) => {
  const tag = stem(c.req.param("file"));
  const before = cursorParam(c);
  if (tag === null || tag.trim() === "" || before === null) return notFound(c);
  const page = await listPage(c, { tag, before });
  if (before && page.items.length === 0) return notFound(c);
  // Only an empty first page needs the extra lookup to tell "no articles" from "no such tag".
  if (page.items.length === 0 && !(await tagExists(createDb(c.env.DB), tag))) return notFound(c, CacheTags.tagPage(tag));
  c.header("Cache-Tag", cacheTagHeader([CacheTags.tagPage(tag)]));
  setLastModified(c, newestChange(page.items));
  return c.html(ListingPage({ site: siteConfig(c.env), name: tag, kind: "tag", path: tagPath(tag), ...page }));
});
