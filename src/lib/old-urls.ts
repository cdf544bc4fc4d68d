/**
 * A partner's Jekyll site's own URLs (`/emnews/2021/12/08/202112082206735975.html`), kept
 * working as 301s to the share page (SPEC section 2). One rule for which request paths
 * could be such a URL, and how they are looked up: the route (src/routes/old-urls.ts), its
 * cache key (src/routes/public-routes.ts) and the import's link rewriting all use it.
 *
 * Paths are stored and looked up decoded (`/市场/2021/…`), so every client's
 * percent-encoding (upper or lower hex, raw UTF-8) finds the same row.
 */
import { isApiPath } from "./http";

/** Longest request path looked up, in characters as sent (percent-encoded Chinese is 9 a character). */
export const MAX_OLD_URL_CHARS = 1024;
const MAX_SEGMENTS = 16;

/** A URL path decoded to text, or null when its percent-encoding is not UTF-8. */
export function decodeUrlPath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/**
 * Could this request path be a built Jekyll page? Only then is D1 asked. A page ends in
 * `.html`/`.htm`, in `/` (pretty permalinks), or in a segment without a dot (extensionless
 * permalinks); assets (`.php`, `.js`, `.png`), dot-files, the APIs and over-long paths are not.
 */
export function isOldSitePath(pathname: string): boolean {
  if (pathname === "/" || pathname.length > MAX_OLD_URL_CHARS || !pathname.startsWith("/") || isApiPath(pathname)) return false;
  const segments = pathname.slice(1).split("/");
  if (segments.length > MAX_SEGMENTS || segments.some((s) => s.startsWith("."))) return false;
  const last = segments[segments.length - 1] ?? "";
  if (last !== "" && last.includes(".") && !/\.html?$/i.test(last)) return false;
  return decodeUrlPath(pathname) !== null;
}

/**
 * The stored paths a request path may name, best first: itself, and the other spellings a
 * static host serves the same file under (`/x/` and `/x/index.html`, `/x` and `/x.html`).
 * Null when the path cannot be a built page (isOldSitePath).
 */
export function oldUrlCandidates(pathname: string): string[] | null {
  if (!isOldSitePath(pathname)) return null;
  const path = decodeUrlPath(pathname);
  if (path === null) return null;
  const out = [path];
  if (path.endsWith("/index.html")) out.push(path.slice(0, -"index.html".length));
  else if (path.endsWith("/")) out.push(`${path}index.html`);
  else if (/\.html$/i.test(path)) out.push(path.slice(0, -".html".length));
  else out.push(`${path}/`, `${path}.html`);
  return out;
}

/** One spelling of a request path for the cache key: each segment decoded, then encoded again. */
export function canonicalOldUrl(pathname: string): string | null {
  if (!isOldSitePath(pathname)) return null;
  const segments = pathname.split("/").map(decodeUrlPath);
  return segments.some((s) => s === null) ? null : segments.map((s) => encodeURIComponent(s ?? "")).join("/");
}
