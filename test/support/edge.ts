/**
 * One isolate's edge cache, built as src/index.ts builds it (the real app, Cache API, D1 and
 * route table), with its own cache state and, where a test needs it, a settable clock or
 * an observed Cache API. Two of these are two isolates: they share only D1 and the Cache API.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { createApp } from "../../src/app";
import { createCacheState, withEdgeCache, type CacheState } from "../../src/cache/edge-cache";
import { CachePolicies } from "../../src/cache/policy";
import { LocalPurger } from "../../src/cache/purge";
import type { CacheTag } from "../../src/cache/tags";
import { PurgeBatcher } from "../../src/cache/workers-cache";
import type { Bindings } from "../../src/env";
import { PUBLIC_ROUTES } from "../../src/routes/public-routes";

export const BASE = "https://news.example.com";

type Handler = (request: Request, env: Bindings, ctx: ExecutionContext) => Response | Promise<Response>;

export type IsolateOptions = {
  now?: () => number;
  cache?: () => Cache;
  /** Wraps the app's fetch, e.g. to hold a render (fault injection) or count renders. */
  wrap?: (render: Handler) => Handler;
};

export type Isolate = {
  state: CacheState;
  handler: Handler;
  /** One request with its own execution context, waited on (stores done) before returning. */
  get(path: string, init?: RequestInit, bindings?: Bindings): Promise<{ res: Response; body: string }>;
  purge(tags: readonly CacheTag[]): Promise<void>;
};

export function isolate(options: IsolateOptions = {}): Isolate {
  const state = createCacheState();
  const app = createApp({ cache: state, purgeBatcher: new PurgeBatcher() });
  const render: Handler = (req, e, c) => app.fetch(req, e, c);
  const handler = withEdgeCache(options.wrap ? options.wrap(render) : render, {
    policies: new CachePolicies(PUBLIC_ROUTES),
    state,
    ...(options.now ? { now: options.now } : {}),
    ...(options.cache ? { cache: options.cache } : {}),
  });
  return {
    state,
    handler,
    async get(path, init = {}, bindings = env) {
      const ctx = createExecutionContext();
      const res = await handler(new Request(`${BASE}${path}`, init), bindings, ctx);
      const body = await res.text();
      await waitOnExecutionContext(ctx);
      return { res, body };
    },
    purge: (tags) => new LocalPurger(env.DB, state, options.now).purgeTags(tags),
  };
}
