/**
 * Benchmark variant: the app without the edge cache, so a request is the D1 read and the
 * render and nothing else (no Cache API, no tag index). Built by npm run bench only.
 */
import { createApp } from "../../../src/app";

const app = createApp();

export default { fetch: app.fetch };
