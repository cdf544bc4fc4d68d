import { createApp } from "./app";
import { createCacheState, withEdgeCache } from "./cache/edge-cache";
import { CachePolicies } from "./cache/policy";
import { cacheMode } from "./cache/purge";
import { PurgeBatcher, withWorkersCache } from "./cache/workers-cache";
import type { Bindings } from "./env";
import { PUBLIC_ROUTES } from "./routes/public-routes";

// One of each per isolate: what the edge cache knows is what the purger updates.
const state = createCacheState();
const batcher = new PurgeBatcher();
const policies = new CachePolicies(PUBLIC_ROUTES);
const app = createApp({ cache: state, purgeBatcher: batcher });
const render = (request: Request, env: Bindings, ctx: ExecutionContext) => app.fetch(request, env, ctx);
const edgeCached = withEdgeCache(render, { policies, state });
const workersCached = withWorkersCache(render, policies);

export default {
  fetch: (request, env, ctx) => (cacheMode(env.CACHE_MODE) === "workers-cache" ? workersCached : edgeCached)(request, env, ctx),
} satisfies ExportedHandler<Bindings>;
