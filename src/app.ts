import { Hono } from "hono";
import type { AppEnv } from "./env";
import { handleError, handleNotFound, requestId } from "./lib/http";
import { health } from "./routes/health";

export function createApp(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requestId);
  app.route("/", health);
  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}
