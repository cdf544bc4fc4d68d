/**
 * Failed admin authentication, limited per client address before any other work: after
 * AUTH_FAILURES.perMinute failures in a minute from one address, every admin request from
 * it is 429 with Retry-After until the window ends, token checks included, so guessing
 * tokens costs a minute per few guesses. The address is CF-Connecting-IP (set by
 * Cloudflare, not by the client); without one (some local runs) all share one key.
 *
 * Kept in this isolate's memory: a determined guesser spread over many isolates gets a few
 * guesses per isolate per minute, still far too few against a 256-bit token. Only failures
 * are counted, so a working client is never slowed by someone else's mistakes elsewhere.
 */
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { fixedWindow } from "./rate-limit";

export const AUTH_FAILURES = { perMinute: 10, windowSeconds: 60, maxAddresses: 10_000 } as const;

type Window = { start: number; count: number };
const failures = new Map<string, Window>();

export function clientAddress(c: Context<AppEnv>): string {
  return c.req.header("CF-Connecting-IP") ?? "unknown";
}

function limitOf(c: Context<AppEnv>): { requests: number; windowSeconds: number } {
  const configured = Number(c.env.ADMIN_AUTH_FAILURES_PER_MINUTE ?? "");
  return { requests: configured > 0 ? configured : AUTH_FAILURES.perMinute, windowSeconds: AUTH_FAILURES.windowSeconds };
}

/** Seconds to wait when this address is over its failures, else null. Counts nothing. */
export function authBlockedFor(c: Context<AppEnv>, now: number): number | null {
  const window = failures.get(clientAddress(c));
  const limit = limitOf(c);
  if (!window || now - window.start >= limit.windowSeconds * 1000 || window.count < limit.requests) return null;
  return Math.max(1, Math.ceil((window.start + limit.windowSeconds * 1000 - now) / 1000));
}

export function recordAuthFailure(c: Context<AppEnv>, now: number): void {
  const key = clientAddress(c);
  const step = fixedWindow(failures.get(key), now, limitOf(c));
  failures.delete(key); // re-inserted last: insertion order is age order for eviction
  failures.set(key, step.window);
  for (const oldest of failures.keys()) {
    if (failures.size <= AUTH_FAILURES.maxAddresses) break;
    failures.delete(oldest);
  }
}
