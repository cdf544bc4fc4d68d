/**
 * A partner's Jekyll site's own URLs (`/emnews/2021/12/08/202112082206735975.html`, with
 * its baseurl): links and search results that point at the mirror's built pages answer
 * 301 to the article's share page. Mounted last: only a path no other route serves, and
 * that could be a built page (src/lib/old-urls.ts), reaches D1, with one primary-key
 * lookup. Both answers are cached like pages under CacheTags.oldUrls (the 301 under the
 * article's tag too), which a write that records or moves a URL purges; an unknown one is
 * today's 404 page, cached as briefly as any 404.
 */
import { Hono } from "hono";
import { cacheTagHeader, CacheTags } from "../cache/tags";
import { findOldUrl } from "../db/article-urls";
import { createDb } from "../db/client";
import type { AppEnv } from "../env";
import { oldUrlCandidates } from "../lib/old-urls";
import { articlePath } from "../lib/paths";
import { handleNotFound } from "./_shared/error-pages";
import { ROUTES } from "./public-routes";

export const oldUrls = new Hono<AppEnv>();

oldUrls.get(ROUTES.oldSiteUrl.path, async (c, next) => {
  const pathname = new URL(c.req.url).pathname;
  const candidates = ROUTES.oldSiteUrl.accepts(pathname) ? oldUrlCandidates(pathname) : null;
  // Not a page path (an asset, an API, a dot-file): the app's notFound, without D1.
  if (candidates === null) return next();
  const code = await findOldUrl(createDb(c.env.DB), candidates);
  if (code === null) {
    c.header("Cache-Tag", cacheTagHeader([CacheTags.oldUrls]));
    return handleNotFound(c);
  }
  c.header("Cache-Tag", cacheTagHeader([CacheTags.article(code), CacheTags.oldUrls]));
  return c.redirect(articlePath(code), 301);
});
