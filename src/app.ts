import { Hono } from "hono";
import type { AppEnv } from "./env";
import { createCacheState, type CacheState } from "./cache/edge-cache";
import { cacheMode, purgerFor } from "./cache/purge";
import { PurgeBatcher } from "./cache/workers-cache";
import { resilientDatabase } from "./db/middleware";
import { cors } from "./routes/_shared/cors";
import { handleError, requestId } from "./lib/http";
import { securityHeaders } from "./lib/security-headers";
import { handleNotFound } from "./routes/_shared/error-pages";
import { ADMIN_BASE, admin } from "./routes/admin";
import { apiArticles } from "./routes/api-articles";
import { apiLists } from "./routes/api-lists";
import { articles } from "./routes/articles";
import { beacon } from "./routes/beacon";
import { cards } from "./routes/cards";
import { embed } from "./routes/embed";
import { feeds } from "./routes/feeds";
import { health } from "./routes/health";
import { home } from "./routes/home";
import { listings } from "./routes/listings";
import { oldUrls } from "./routes/old-urls";
import { search } from "./routes/search";
import { siteAssets } from "./routes/site-assets";
import { sitemaps } from "./routes/sitemaps";

/** The isolate's cache state, shared with the edge cache in front (src/index.ts), and its purge batcher. */
export type AppDeps = { cache: CacheState; purgeBatcher: PurgeBatcher };

export function createApp(deps: AppDeps = { cache: createCacheState(), purgeBatcher: new PurgeBatcher() }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requestId);
  app.use(async (c, next) => {
    // Made when a write asks for it: the purger needs this request's execution context.
    c.set("purge", (tags) => purgerFor(cacheMode(c.env.CACHE_MODE), c.env.DB, deps.cache, deps.purgeBatcher, () => c.executionCtx).purgeTags(tags));
    await next();
  });
  app.use(securityHeaders);
  app.use(cors);
  app.use(resilientDatabase);
  app.route("/", health);
  app.route(ADMIN_BASE, admin);
  app.route("/", articles);
  app.route("/", home);
  app.route("/", search);
  app.route("/", beacon);
  app.route("/", embed);
  app.route("/", cards);
  app.route("/", apiArticles);
  app.route("/", apiLists);
  app.route("/", listings);
  app.route("/", feeds);
  app.route("/", sitemaps);
  app.route("/", siteAssets);
  // Last: a partner's old Jekyll URLs, for paths no route above serves.
  app.route("/", oldUrls);
  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}
