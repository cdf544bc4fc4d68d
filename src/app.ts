import { Hono } from "hono";
import type { AppEnv } from "./env";
import { purgerFor } from "./cache/purge";
import { resilientDatabase } from "./db/middleware";
import { cacheTagsFor, onArticlesChanged } from "./ingest/after-write";
import { handleError, handleNotFound, requestId } from "./lib/http";
import { securityHeaders } from "./lib/security-headers";
import { admin } from "./routes/admin";
import { apiArticles } from "./routes/api-articles";
import { articles } from "./routes/articles";
import { beacon } from "./routes/beacon";
import { embed } from "./routes/embed";
import { health } from "./routes/health";
import { home } from "./routes/home";
import { search } from "./routes/search";
import { stats } from "./routes/stats";

// A changed article is purged from the edge cache before the write answers.
onArticlesChanged(async (c, changes) => purgerFor(c.env).purgeTags(cacheTagsFor(changes)));

export function createApp(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requestId);
  app.use(securityHeaders);
  app.use(resilientDatabase);
  app.route("/", health);
  app.route("/", admin);
  app.route("/", articles);
  app.route("/", home);
  app.route("/", search);
  app.route("/", stats);
  app.route("/", beacon);
  app.route("/", embed);
  app.route("/", apiArticles);
  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}
