import type { Context, ErrorHandler, MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { AppError, internalError, toProblem } from "./errors";
import { logError } from "./log";

/** Every response carries a request id that also appears in problem bodies. */
export const requestId: MiddlewareHandler<AppEnv> = async (c, next) => {
  const id = crypto.randomUUID();
  c.set("requestId", id);
  await next();
  c.res.headers.set("X-Request-Id", id);
};

export function isApiPath(path: string): boolean {
  return path.startsWith("/api/") || path === "/oembed";
}

export function problemResponse(c: Context<AppEnv>, err: AppError): Response {
  const body = JSON.stringify(toProblem(err, c.get("requestId") ?? ""));
  const headers = new Headers(err.headers);
  headers.set("Content-Type", "application/problem+json; charset=utf-8");
  headers.set("Cache-Control", "no-store");
  return new Response(body, { status: err.status, headers });
}

export const handleError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof AppError) return problemResponse(c, err);
  // The cause stays in the Worker's log; the client gets a generic problem.
  logError("unhandled_error", { requestId: c.get("requestId"), error: String(err), stack: err.stack });
  return problemResponse(c, internalError());
};
