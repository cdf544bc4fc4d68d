import type { CacheTag } from "./cache/tags";

/**
 * The one environment type for the whole app. Bindings and vars come from
 * `npm run types` (wrangler types → src/worker-configuration.d.ts); secrets are not in
 * wrangler.toml, so they are added here by hand.
 */
export type Bindings = CloudflareBindings & {
  /** Admin bearer token (secret; `.dev.vars` locally). */
  ADMIN_TOKEN?: string;
  /** Second admin token accepted during rotation (secret, optional). */
  ADMIN_TOKEN_NEXT?: string;
  /** Requests per minute per token for the local admin rate limiter (optional). */
  ADMIN_RATE_LIMIT?: string;
  /** Failed admin authentications per minute per client address before 429 (optional; default 10). */
  ADMIN_AUTH_FAILURES_PER_MINUTE?: string;
};

export type Variables = {
  requestId: string;
  /** Purges these cache tags everywhere the site is cached (src/cache/purge.ts); awaited by writes. */
  purge: (tags: readonly CacheTag[]) => Promise<void>;
};

export type AppEnv = {
  Bindings: Bindings;
  Variables: Variables;
};
