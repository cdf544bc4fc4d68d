import { Hono } from "hono";
import type { AppEnv } from "./env";
import { purgerFor } from "./cache/purge";
import { resilientDatabase } from "./db/middleware";
import { cacheTagsFor, onArticlesChanged } from "./ingest/after-write";
import { handleError, handleNotFound, requestId } from "./lib/http";
import { siteConfig } from "./lib/config";
import { securityHeaders } from "./lib/security-headers";
import { ADMIN_BASE, admin } from "./routes/admin";
import { apiArticles } from "./routes/api-articles";
import { articles } from "./routes/articles";
import { beacon } from "./routes/beacon";
import { embed } from "./routes/embed";
import { feeds } from "./routes/feeds";
import { health } from "./routes/health";
import { home } from "./routes/home";
import { listings } from "./routes/listings";
import { search } from "./routes/search";
import { sitemaps } from "./routes/sitemaps";
import { feedTopics, pingHub } from "./syndication/websub";

// A changed article is purged from the edge cache before the write answers.
onArticlesChanged(async (c, changes) => purgerFor(c.env).purgeTags(cacheTagsFor(changes)));
// The hub ping is slow network work the write must not wait for, hence waitUntil.
onArticlesChanged(async (c, changes) => {
  const hub = c.env.WEBSUB_HUB;
  if (hub) c.executionCtx.waitUntil(pingHub(hub, feedTopics(siteConfig(c.env), changes.categories)));
});

export function createApp(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requestId);
  app.use(securityHeaders);
  app.use(resilientDatabase);
  app.route("/", health);
  app.route(ADMIN_BASE, admin);
  app.route("/", articles);
  app.route("/", home);
  app.route("/", search);
  app.route("/", beacon);
  app.route("/", embed);
  app.route("/", apiArticles);
  app.route("/", listings);
  app.route("/", feeds);
  app.route("/", sitemaps);
  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}
