import { Hono } from "hono";
import { pingDatabase } from "../db/health";
import type { AppEnv } from "../env";

export const health = new Hono<AppEnv>();

/** Says which service answers, so local commands never send posts to another project's server. */
const SERVICE = "edgewire";

health.get("/healthz", async (c) => {
  c.header("Cache-Control", "no-store");
  try {
    await pingDatabase(c.env.DB);
    return c.json({ service: SERVICE, status: "ok", database: "ok" });
  } catch {
    return c.json({ service: SERVICE, status: "degraded", database: "unreachable" }, 503);
  }
});
