/**
 * Edge cache policy as pure functions of the request URL and the response.
 *
 * Freshness: purge, not versioned keys. A versioned key needs the current version on every
 * request, and the only shared place to keep it is D1, which a HIT must not touch. So an
 * entry is keyed by URL alone and deleted when its content changes (src/cache/purge.ts):
 * in this location at once (the write awaits the purge), elsewhere by Cloudflare's
 * purge-by-tag in production, and in any case within SOFT_TTL + one request, because a
 * copy older than SOFT_TTL is refreshed in the background by the next request.
 */

export type CachePolicy = {
  /** Query parameters that change the output; every other parameter is dropped. */
  params: readonly string[];
  /** Seconds an entry is served as a plain HIT. */
  softTtl: number;
  /** Seconds past softTtl during which a STALE copy is served while one refresh runs. */
  staleWhileRevalidate: number;
  /** Seconds a copy is kept at all, to be served when rendering fails (stale-if-error). */
  staleIfError: number;
  /** Browser max-age: short, so readers pick up corrections quickly. */
  browserMaxAge: number;
};

export const MINUTE = 60;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const PAGE: Omit<CachePolicy, "params"> = { softTtl: 60, staleWhileRevalidate: 5 * MINUTE, staleIfError: DAY, browserMaxAge: 60 };
const FEED: Omit<CachePolicy, "params"> = { softTtl: 2 * MINUTE, staleWhileRevalidate: 10 * MINUTE, staleIfError: DAY, browserMaxAge: 5 * MINUTE };
const STATIC: Omit<CachePolicy, "params"> = { softTtl: HOUR, staleWhileRevalidate: DAY, staleIfError: 7 * DAY, browserMaxAge: HOUR };

/** A 404 is cached briefly: long enough to absorb a burst, short enough for a new article. */
export const NOT_FOUND_TTL = 30;

type RouteSpec = { pattern: RegExp; params: readonly string[]; policy: Omit<CachePolicy, "params">; keyPath?: (url: URL) => string | null };
/** A route with its full policy made once, not per request: resolve() runs on every hit. */
type Route = RouteSpec & { full: CachePolicy };

const INFO_CODE = /^[A-Za-z]{2}\d{18}$/;

/** The legacy share URL is the same page as /a/{code}: one entry serves both. */
function legacyShareKey(url: URL): string | null {
  const code = url.searchParams.get("infoCode");
  return code && INFO_CODE.test(code) ? `/a/${code.toUpperCase()}` : null;
}

function shareKey(url: URL): string | null {
  const code = url.pathname.slice("/a/".length);
  return INFO_CODE.test(code) ? `/a/${code.toUpperCase()}` : null;
}

const SPECS: readonly RouteSpec[] = [
  { pattern: /^\/a\/[^/]+$/, params: [], policy: PAGE, keyPath: shareKey },
  { pattern: /^\/html_News\/NewsShare\.html$/, params: ["infoCode"], policy: PAGE, keyPath: legacyShareKey },
  { pattern: /^\/$/, params: ["before"], policy: PAGE },
  { pattern: /^\/category\/[^/]+\.html$/, params: ["before", "page"], policy: PAGE },
  { pattern: /^\/tag\/[^/]+\.html$/, params: ["before", "page"], policy: PAGE },
  { pattern: /^\/search$/, params: ["q", "page"], policy: PAGE },
  { pattern: /^\/(feed\.xml|atom\.xml|feed\.json)$/, params: ["before"], policy: FEED },
  { pattern: /^\/category\/[^/]+\/(feed\.xml|atom\.xml|feed\.json)$/, params: ["before"], policy: FEED },
  { pattern: /^\/(sitemap\.xml|news-sitemap\.xml|robots\.txt)$/, params: ["page"], policy: FEED },
  { pattern: /^\/sitemap-[\w-]+\.xml$/, params: [], policy: FEED },
  { pattern: /^\/oembed$/, params: ["url", "format", "maxwidth", "maxheight"], policy: PAGE },
  { pattern: /^\/embed\/[^/]+$/, params: ["theme", "lang"], policy: PAGE },
  { pattern: /^\/embed\.js$/, params: [], policy: STATIC },
  { pattern: /^\/api\/v1\/articles\/[^/]+$/, params: [], policy: PAGE },
  { pattern: /^\/api\/v1\/articles$/, params: ["category", "tag", "limit", "cursor"], policy: PAGE },
  { pattern: /^\/api\/v1\/categories$/, params: [], policy: FEED },
  { pattern: /^\/api\/v1\/search$/, params: ["q", "page"], policy: PAGE },
];

const ROUTES: readonly Route[] = SPECS.map((spec) => ({ ...spec, full: { ...spec.policy, params: spec.params } }));

/** The declared parameters present, first value each, sorted by name, as a query string. */
function declaredQuery(url: URL, params: readonly string[]): string {
  const declared = params
    .flatMap((name) => url.searchParams.getAll(name).slice(0, 1).map((value) => [name, value] as const))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new URLSearchParams(declared.map(([k, v]): [string, string] => [k, v])).toString();
}

export type Resolved = { policy: CachePolicy; key: string; renderUrl: string };

/**
 * The route's policy, its normalized cache key and the URL the app renders from: the
 * configured site origin (never the request's Host), the key path, and only the declared
 * parameters, sorted, so tracking parameters (utm_*, fbclid, from, isappinstalled…)
 * neither make a new entry nor reach the renderer. Null: not a cacheable route.
 */
export function resolve(method: string, requestUrl: string, siteUrl: string): Resolved | null {
  if (method !== "GET" && method !== "HEAD") return null;
  const url = new URL(requestUrl);
  const route = ROUTES.find((r) => r.pattern.test(url.pathname));
  if (!route) return null;
  const site = siteUrl.endsWith("/") ? siteUrl.replace(/\/+$/, "") : siteUrl;
  const keyPath = route.keyPath ? route.keyPath(url) : url.pathname;
  const query = route.params.length === 0 || url.search === "" ? "" : declaredQuery(url, route.params);
  const renderUrl = `${site}${url.pathname}${query ? `?${query}` : ""}`;
  if (keyPath === null) {
    // Malformed share codes still render (a 404 page) but never make an entry.
    return { policy: route.full, key: "", renderUrl };
  }
  // The legacy URL's infoCode lives in the key path, so it is not repeated in the query.
  const keyQuery = route.keyPath ? "" : query;
  return { policy: route.full, key: `${site}${keyPath}${keyQuery ? `?${keyQuery}` : ""}`, renderUrl };
}

/** Whether a rendered response may be stored, and for how long as a fresh HIT. */
export function storableFor(res: Response, policy: CachePolicy): { store: boolean; softTtl: number } {
  const cc = res.headers.get("Cache-Control") ?? "";
  if (res.headers.has("Set-Cookie") || /no-store|private/i.test(cc)) return { store: false, softTtl: 0 };
  if (res.status === 200) return { store: true, softTtl: policy.softTtl };
  if (res.status === 404 || res.status === 410) return { store: true, softTtl: Math.min(NOT_FOUND_TTL, policy.softTtl) };
  return { store: false, softTtl: 0 };
}

export type Freshness = "fresh" | "stale" | "expired";

/** fresh → HIT; stale → serve and refresh in the background; expired → render, stale only on error. */
export function freshness(ageSeconds: number, softTtl: number, policy: CachePolicy): Freshness {
  if (ageSeconds < softTtl) return "fresh";
  if (ageSeconds < softTtl + policy.staleWhileRevalidate) return "stale";
  return "expired";
}

export function browserCacheControl(status: number, policy: CachePolicy): string {
  const maxAge = status === 200 ? policy.browserMaxAge : Math.min(NOT_FOUND_TTL, policy.browserMaxAge);
  return `public, max-age=${maxAge}`;
}

/** If-None-Match with lists, `*` and weak comparison (RFC 9110 §13.1.2). */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((candidate) => opaque(candidate) === opaque(etag));
}

/** Tags from the route's Cache-Tag header, trimmed and de-duplicated. */
export function cacheTags(res: Response): string[] {
  const header = res.headers.get("Cache-Tag") ?? "";
  return [...new Set(header.split(",").map((t) => t.trim()).filter(Boolean))];
}
