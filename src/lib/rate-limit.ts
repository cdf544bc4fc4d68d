/**
 * Rate limiting for the admin API. Where the Workers Rate Limiting binding is configured
 * (ADMIN_RATE_LIMITER in wrangler.toml) it decides, across all isolates of a location.
 * Without it (local runs, tests) a per-isolate fixed window stands in: weaker, since each
 * isolate counts alone, but it still stops a runaway client hammering one connection.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { AppError } from "./errors";
import { appConfig } from "./config";

export const ADMIN_LIMIT = { requests: 60, windowSeconds: 60 } as const;

type Window = { start: number; count: number };
const windows = new Map<string, Window>();

/** Pure fixed-window step: returns the new window and whether this request fits. */
export function fixedWindow(
  current: Window | undefined,
  now: number,
  limit: { requests: number; windowSeconds: number },
): { window: Window; allowed: boolean; retryAfter: number } {
  const windowMs = limit.windowSeconds * 1000;
  const window = current && now - current.start < windowMs ? { ...current } : { start: now, count: 0 };
  window.count += 1;
  const allowed = window.count <= limit.requests;
  const retryAfter = Math.max(1, Math.ceil((window.start + windowMs - now) / 1000));
  return { window, allowed, retryAfter };
}

async function clientKey(authorization: string | undefined): Promise<string> {
  // Keyed by a hash of the credential, so the token itself is never kept in memory maps.
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(authorization ?? "anonymous"));
  return [...new Uint8Array(digest).slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export const adminRateLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = await clientKey(c.req.header("Authorization"));
  const binding = c.env.ADMIN_RATE_LIMITER;
  if (binding) {
    const { success } = await binding.limit({ key });
    if (!success) throw limited(ADMIN_LIMIT.windowSeconds);
  } else {
    const limit = {
      requests: appConfig(c.env).adminRequestsPerMinute ?? ADMIN_LIMIT.requests,
      windowSeconds: ADMIN_LIMIT.windowSeconds,
    };
    const step = fixedWindow(windows.get(key), Date.now(), limit);
    windows.set(key, step.window);
    if (!step.allowed) throw limited(step.retryAfter);
  }
  await next();
};

function limited(retryAfter: number): AppError {
  return new AppError(
    "rate_limited",
    `Too many admin requests; wait ${retryAfter} s before retrying, or send more posts per request.`,
    { retryAfterSeconds: retryAfter },
    { "Retry-After": String(retryAfter) },
  );
}
