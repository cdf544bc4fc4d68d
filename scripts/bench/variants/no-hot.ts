/**
 * Benchmark variant: the Worker exactly as src/index.ts builds it, but with the in-memory
 * micro-cache switched off, so every hit is a Cache API lookup. Built by npm run bench only.
 */
import { createApp } from "../../../src/app";
import { withEdgeCache } from "../../../src/cache/edge-cache";
import { HotPages } from "../../../src/cache/hot-pages";

const app = createApp();
const off = new HotPages({ ttlMs: 0, maxBytes: 0, maxEntries: 0 });

export default { fetch: withEdgeCache((request, env, ctx) => app.fetch(request, env, ctx), { hot: off }) };
