/**
 * Response headers every route gets. Pages are shared through the edge cache, so the CSP
 * cannot use per-request nonces: article pages simply allow no script at all (JSON-LD is a
 * data block, which CSP does not execute). A route that must be framed (the embed card)
 * sets its own Content-Security-Policy with its frame-ancestors; it is then left alone and
 * no X-Frame-Options contradicts it.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";

export const PAGE_CSP = [
  "default-src 'none'",
  // Tools that audit a page from inside it (Lighthouse reads /robots.txt with fetch) and
  // the page's own icons and manifest need the page's origin; nothing third-party does.
  "connect-src 'self'",
  "img-src 'self' https: http: data:",
  "manifest-src 'self'",
  "style-src 'unsafe-inline'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** HSTS only for a site configured on https: sending it from http would be ignored anyway. */
const HSTS = "max-age=31536000; includeSubDomains";

export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const headers = c.res.headers;
  const routeCsp = headers.get("Content-Security-Policy");
  if (!routeCsp) {
    headers.set("Content-Security-Policy", PAGE_CSP);
    headers.set("X-Frame-Options", "DENY");
  } else if (!/frame-ancestors/.test(routeCsp)) {
    headers.set("Content-Security-Policy", `${routeCsp}; frame-ancestors 'none'`);
    headers.set("X-Frame-Options", "DENY");
  }
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  if (c.env.SITE_URL.startsWith("https://")) headers.set("Strict-Transport-Security", HSTS);
};
