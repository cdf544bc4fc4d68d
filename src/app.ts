import { Hono } from "hono";
import type { AppEnv } from "./env";
import { purgerFor } from "./cache/purge";
import { resilientDatabase } from "./db/middleware";
import { cacheTagsFor, onArticlesChanged } from "./ingest/after-write";
import { handleError, handleNotFound, requestId } from "./lib/http";
import { securityHeaders } from "./lib/security-headers";
import { admin } from "./routes/admin";
import { articles } from "./routes/articles";
import { health } from "./routes/health";
import { home } from "./routes/home";

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
  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}
