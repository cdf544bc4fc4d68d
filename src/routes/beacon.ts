/**
 * The view beacon: GET /v/{infoCode}.gif, a 1×1 transparent GIF that the share page
 * embeds. The page is served from the edge cache; this request never is (no-store, and
 * not a cacheable route in src/cache/policy.ts), so every reader's view reaches the
 * Worker, with the page URL and its tracking parameters in the Referer. No cookies are
 * read or set and nothing about the reader is stored (see src/analytics/referrer.ts);
 * repeats from one reader within half an hour count once (src/analytics/recent-views.ts).
 */
import { Hono, type Context } from "hono";
import { recordView, siteDay, type WaitUntil } from "../analytics/counter";
import { recentViews, readerKey } from "../analytics/recent-views";
import { detectApp, mayCount } from "../analytics/referrer";
import type { AppEnv } from "../env";

export const beacon = new Hono<AppEnv>();

/** The smallest transparent GIF: 43 bytes. */
const PIXEL = Uint8Array.from(atob("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=="), (ch) => ch.charCodeAt(0));

const FILE = /^([A-Za-z]{2}\d{18})\.gif$/;

/** The request's waitUntil; without an execution context (some tests), flush inline. */
function waitUntilOf(c: Context<AppEnv>): WaitUntil {
  try {
    const ctx = c.executionCtx;
    return (promise) => ctx.waitUntil(promise);
  } catch {
    return (promise) => void promise.catch(() => undefined);
  }
}

/** Whether this view is the reader's first of the article in the window (always, without an address). */
async function firstView(c: Context<AppEnv>, infoCode: string): Promise<boolean> {
  const address = c.req.header("CF-Connecting-IP");
  if (!address) return true;
  return recentViews.firstIn(await readerKey(address, infoCode), Date.now());
}

beacon.get("/v/:file", async (c) => {
  const match = FILE.exec(c.req.param("file"));
  if (!match?.[1]) return c.notFound();
  const infoCode = match[1].toUpperCase();
  // HEAD (link checkers), readers who opt out and repeats get the same pixel, uncounted.
  if (c.req.method === "GET" && mayCount(c.req.raw.headers) && (await firstView(c, infoCode))) {
    const analytics = c.env.ANALYTICS;
    recordView(
      { infoCode, day: siteDay(Date.now()), app: detectApp(c.req.header("Referer") ?? null, c.req.header("User-Agent") ?? null) },
      { db: c.env.DB, analytics },
      waitUntilOf(c),
    );
  }
  return c.body(PIXEL, 200, {
    "Content-Type": "image/gif",
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex",
  });
});
