import { createApp } from "./app";
import { withEdgeCache } from "./cache/edge-cache";
import type { Bindings } from "./env";

const app = createApp();

export default {
  fetch: withEdgeCache((request, env, ctx) => app.fetch(request, env, ctx)),
} satisfies ExportedHandler<Bindings>;
