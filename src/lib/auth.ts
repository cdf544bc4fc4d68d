/**
 * Admin authentication: `Authorization: Bearer <token>`, checked against ADMIN_TOKEN and
 * ADMIN_TOKEN_NEXT (two live tokens allow rotation without downtime). Both sides are
 * hashed first so the comparison is constant-time over equal-length digests and leaks
 * neither the token nor its length.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { authBlockedFor, recordAuthFailure } from "./auth-failures";
import { AppError } from "./errors";

const CHALLENGE = 'Bearer realm="edgewire-admin"';

async function digest(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
}

function constantTimeEqual(a: ArrayBuffer, b: ArrayBuffer): boolean {
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < x.length && i < y.length; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

function unauthorized(detail: string, error: "invalid_request" | "invalid_token"): AppError {
  return new AppError("unauthorized", detail, {}, { "WWW-Authenticate": `${CHALLENGE}, error="${error}"` });
}

export async function tokenMatches(presented: string, candidates: (string | undefined)[]): Promise<boolean> {
  const presentedDigest = await digest(presented);
  let matched = false;
  for (const candidate of candidates) {
    if (!candidate) continue;
    // No early return: every configured token is compared, whichever matches.
    if (constantTimeEqual(presentedDigest, await digest(candidate))) matched = true;
  }
  return matched;
}

/** The token of `Bearer <token>`; the scheme is case-insensitive (RFC 9110 section 11.1), then one or more spaces. */
const BEARER = /^bearer +([\x21-\x7e]{1,512})$/i;

async function authenticate(c: Parameters<MiddlewareHandler<AppEnv>>[0]): Promise<void> {
  const header = c.req.header("Authorization");
  if (!header) {
    throw new AppError("unauthorized", "Send the admin token as `Authorization: Bearer <token>`.", {}, {
      "WWW-Authenticate": CHALLENGE,
    });
  }
  const match = BEARER.exec(header);
  if (!match?.[1]) {
    throw unauthorized("The Authorization header must be `Bearer <token>` with a single token.", "invalid_request");
  }
  const configured = [c.env.ADMIN_TOKEN, c.env.ADMIN_TOKEN_NEXT];
  if (!configured.some(Boolean)) {
    throw new AppError("service_unavailable", "No admin token is configured on this server (set the ADMIN_TOKEN secret).");
  }
  if (!(await tokenMatches(match[1], configured))) {
    throw unauthorized("The admin token is not valid. Check for a rotated or mistyped token.", "invalid_token");
  }
}

/**
 * The admin gate, first in the admin router: an address over its failed attempts is 429
 * before its token is even read (src/lib/auth-failures.ts); every failure is counted.
 */
export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const blocked = authBlockedFor(c, Date.now());
  if (blocked !== null) {
    throw new AppError(
      "rate_limited",
      `Too many failed authentications from this address; wait ${blocked} s.`,
      { retryAfterSeconds: blocked },
      { "Retry-After": String(blocked) },
    );
  }
  try {
    await authenticate(c);
  } catch (err) {
    if (err instanceof AppError && err.code === "unauthorized") recordAuthFailure(c, Date.now());
    throw err;
  }
  await next();
  c.res.headers.set("Cache-Control", "no-store");
};
