/**
 * The reader's 404 and 410 pages, with the newest articles under them, for every HTML
 * route; and the app's notFound handler (problem+json for APIs, the page for the rest).
 */
import type { Context, NotFoundHandler } from "hono";
import { cacheTagHeader, type CacheTag } from "../../cache/tags";
import { listArticles } from "../../db/articles";
import { createDb } from "../../db/client";
import type { AppEnv } from "../../env";
import { siteConfig } from "../../lib/config";
import { AppError } from "../../lib/errors";
import { isApiPath, problemResponse } from "../../lib/http";
import { GonePage, NotFoundPage } from "../../views/ErrorPage";

/** Newest articles offered on 404/410 pages. */
export const RECENT_ON_ERROR = 5;

export type ErrorPageCaching =
  /** May be cached under this tag: what would end the 404 (creating that article, category or tag) purges it. */
  | { tag: CacheTag }
  /** Never stored (a cursor past the end, a made-up page): no one can fill the cache with pages that do not exist. */
  | { store: false }
  /** The route's default caching (a malformed address that can never start to exist). */
  | Record<string, never>;

export async function errorPage(c: Context<AppEnv>, status: 404 | 410, caching: ErrorPageCaching = {}): Promise<Response> {
  if ("tag" in caching) c.header("Cache-Tag", cacheTagHeader([caching.tag]));
  if ("store" in caching) c.header("Cache-Control", "no-store");
  const site = siteConfig(c.env);
  const recent = await listArticles(createDb(c.env.DB), { limit: RECENT_ON_ERROR });
  return c.html(status === 410 ? GonePage({ site, recent }) : NotFoundPage({ site, recent }), status);
}

/** APIs get problem+json; any other path is a page, so readers get the HTML 404 page. */
export const handleNotFound: NotFoundHandler<AppEnv> = (c) => {
  const path = new URL(c.req.url).pathname;
  if (!isApiPath(path)) return c.html(NotFoundPage({ site: siteConfig(c.env) }), 404);
  return problemResponse(c, new AppError("not_found", `Nothing is served at ${path}.`));
};
