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
  /**
   * Optional production bindings, absent from wrangler.toml (so `wrangler types` does not
   * list them) until an account configures them; code checks for them before use.
   */
  /** Workers Rate Limiting for the admin API (src/lib/rate-limit.ts); without it a per-isolate limit applies. */
  ADMIN_RATE_LIMITER?: RateLimit;
  /** Workers Analytics Engine dataset for share views (src/analytics/counter.ts), besides the D1 counters. */
  ANALYTICS?: AnalyticsEngineDataset;
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
