import { Hono } from "hono";
import type { AppEnv } from "../env";

export const health = new Hono<AppEnv>();

health.get("/healthz", async (c) => {
  c.header("Cache-Control", "no-store");
  try {
    await c.env.DB.prepare("SELECT 1 FROM articles LIMIT 1").all();
    return c.json({ status: "ok", database: "ok" });
  } catch {
    return c.json({ status: "degraded", database: "unreachable" }, 503);
  }
});
