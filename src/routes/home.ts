/**
 * The home page: newest published articles, PAGE_SIZE per page. `?before=` carries the
 * keyset cursor of the previous page's last article. A cursor that does not parse is
 * answered with the 404 page rather than silently showing page one, so a broken link
 * is visible and the edge never caches page one under a junk URL.
 */
import { newestChange, setLastModified } from "../lib/last-modified";
import { Hono } from "hono";
import { cacheTagHeader, CacheTags } from "../cache/tags";
import { encodeCursor, listArticles } from "../db/articles";
import { createDb } from "../db/client";
import type { AppEnv } from "../env";
import { siteConfig } from "../lib/config";
import { HomePage } from "../views/HomePage";
import { errorPage } from "./_shared/error-pages";
import { cursorParam, fetchPage, nextCursor, PAGE_SIZE } from "./_shared/paging";
import { ROUTES } from "./public-routes";

export const home = new Hono<AppEnv>();

home.get(ROUTES.home.path, async (c) => {
  const before = cursorParam(c);
  if (before === null) return errorPage(c, 404, { store: false });
  const page = await fetchPage(PAGE_SIZE, (limit) => listArticles(createDb(c.env.DB), { limit, before }));
  // Past the end, or a cursor that names no article: a 404 that is never stored.
  if (before && page.items.length === 0) return errorPage(c, 404, { store: false });
  c.header("Cache-Tag", cacheTagHeader([CacheTags.home]));
  setLastModified(c, newestChange(page.items));
  // The cursor is re-encoded so equivalent spellings ("0001.2") share one canonical URL.
  const site = siteConfig(c.env);
  return c.html(HomePage({ site, items: page.items, before: before && encodeCursor(before), nextCursor: nextCursor(page) }));
});
