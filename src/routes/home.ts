/**
 * The home page: newest published articles, PAGE_SIZE per page. `?before=` carries the
 * keyset cursor of the previous page's last article. A cursor that does not parse is
 * answered with the 404 page rather than silently showing page one, so a broken link
 * is visible and the edge never caches page one under a junk URL.
 */
import { Hono } from "hono";
import { cacheTagHeader, CacheTags } from "../cache/tags";
import { decodeCursor, encodeCursor, listArticles } from "../db/articles";
import { createDb } from "../db/client";
import type { AppEnv } from "../env";
import { siteConfig } from "../lib/config";
import { NotFoundPage } from "../views/ErrorPage";
import { HomePage } from "../views/HomePage";
import { ROUTES } from "./public-routes";

export const home = new Hono<AppEnv>();

export const PAGE_SIZE = 20;

/** Newest articles offered on the 404 page for a broken cursor. */
const RECENT_ON_ERROR = 5;

home.get(ROUTES.home.path, async (c) => {
  const site = siteConfig(c.env);
  const db = createDb(c.env.DB);
  const beforeParam = c.req.query("before");
  const before = beforeParam === undefined ? undefined : decodeCursor(beforeParam);
  if (beforeParam !== undefined && before === undefined) {
    c.header("Cache-Control", "no-store");
    const recent = await listArticles(db, { limit: RECENT_ON_ERROR });
    return c.html(NotFoundPage({ site, recent }), 404);
  }
  // One row more than shown tells whether an older page exists without a COUNT query.
  const rows = await listArticles(db, { limit: PAGE_SIZE + 1, before });
  const items = rows.slice(0, PAGE_SIZE);
  const last = items.at(-1);
  const nextCursor = rows.length > PAGE_SIZE && last ? encodeCursor(last) : null;
  if (before && items.length === 0) {
    // Past the end, or a cursor that names no article: a 404 that is never stored.
    c.header("Cache-Control", "no-store");
    return c.html(NotFoundPage({ site, recent: await listArticles(db, { limit: RECENT_ON_ERROR }) }), 404);
  }
  c.header("Cache-Tag", cacheTagHeader([CacheTags.home]));
  // The cursor is re-encoded so equivalent spellings ("0001.2") share one canonical URL.
  return c.html(HomePage({ site, items, before: before && encodeCursor(before), nextCursor }));
});
