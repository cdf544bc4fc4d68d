import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { resilientD1 } from "./resilient-d1";

/** Every handler sees the retrying D1 binding (src/db/resilient-d1.ts), never the raw one. */
export const resilientDatabase: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.env = { ...c.env, DB: resilientD1(c.env.DB) };
  await next();
};
