/**
 * CORS for every public read endpoint, in one place: pages, feeds, sitemaps, oEmbed, the
 * card, embed.js and the JSON API answer any origin (never with credentials: nothing
 * public depends on cookies), errors included, and a preflight (OPTIONS) on any of their
 * paths is answered with 204. The admin API gets none of it: browsers on other origins
 * have no business calling it.
 */
import type { MiddlewareHandler } from "hono";
import { CachePolicies } from "../../cache/policy";
import type { AppEnv } from "../../env";
import { PUBLIC_ROUTES } from "../public-routes";

const publicRoutes = new CachePolicies(PUBLIC_ROUTES);

const ALLOW_METHODS = "GET, HEAD, OPTIONS";
/** What a reader's script may send on a GET: conditionals and content negotiation. */
const ALLOW_HEADERS = "Accept, Accept-Language, Cache-Control, If-Modified-Since, If-None-Match, Range";
/** Response headers scripts on other origins may read (beyond the CORS-safelisted ones). */
const EXPOSE_HEADERS = "ETag, Last-Modified, Link, X-Request-Id";
const PREFLIGHT_MAX_AGE = "86400";

function isPublicRead(c: { req: { url: string; path: string } }, siteUrl: string): boolean {
  if (c.req.path.startsWith("/api/v1/admin")) return false;
  return c.req.path.startsWith("/v/") || publicRoutes.resolve("GET", c.req.url, siteUrl) !== null;
}

export const cors: MiddlewareHandler<AppEnv> = async (c, next) => {
  const method = c.req.method;
  if (method === "OPTIONS") {
    if (!isPublicRead(c, c.env.SITE_URL)) return next();
    return new Response(null, {
      status: 204,
      headers: {
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Methods": ALLOW_METHODS,
        "Access-Control-Allow-Headers": ALLOW_HEADERS,
        "Access-Control-Max-Age": PREFLIGHT_MAX_AGE,
        "Cache-Control": "public, max-age=86400",
      },
    });
  }
  await next();
  if ((method === "GET" || method === "HEAD") && !c.req.path.startsWith("/api/v1/admin")) {
    c.res.headers.set("Access-Control-Allow-Origin", "*");
    c.res.headers.set("Access-Control-Expose-Headers", EXPOSE_HEADERS);
  }
};
