/**
 * Benchmark variant: the Worker exactly as src/index.ts builds it, but with the in-memory
 * micro-cache switched off, so every hit is a Cache API lookup. Built by npm run bench only.
 */
import { createApp } from "../../../src/app";
import { withEdgeCache, type CacheState } from "../../../src/cache/edge-cache";
import { HotPages } from "../../../src/cache/hot-pages";
import { Invalidations } from "../../../src/cache/invalidations";
import { CachePolicies } from "../../../src/cache/policy";
import { RenderLeases } from "../../../src/cache/render-leases";
import { PurgeBatcher } from "../../../src/cache/workers-cache";
import { PUBLIC_ROUTES } from "../../../src/routes/public-routes";

const state: CacheState = { invalidations: new Invalidations(), hot: new HotPages({ ttlMs: 0, maxBytes: 0, maxEntries: 0 }), leases: new RenderLeases() };
const app = createApp({ cache: state, purgeBatcher: new PurgeBatcher() });

export default { fetch: withEdgeCache((request, env, ctx) => app.fetch(request, env, ctx), { policies: new CachePolicies(PUBLIC_ROUTES), state }) };
