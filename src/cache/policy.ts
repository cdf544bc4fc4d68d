/**
 * Edge cache policy as pure functions of the request URL and the response.
 *
 * Each public route declares, next to its path (src/routes/public-routes.ts), how long its
 * pages live and which query parameters change them; this file turns that table into cache
 * keys. Freshness after a write is not kept by these lifetimes but by purging tags
 * (src/cache/invalidations.ts): the lifetimes only bound how long an unpurged copy lives.
 */
import { baseEtag } from "./encoding";
import { INVALID, type ParamRule } from "./params";

export type CachePolicy = {
  /** Seconds an entry is served as a plain HIT. */
  softTtl: number;
  /** Seconds past softTtl during which a STALE copy is served while one refresh runs. */
  staleWhileRevalidate: number;
  /** Seconds a copy is kept at all, to be served when rendering fails (stale-if-error). */
  staleIfError: number;
  /** Browser max-age: short, so readers pick up corrections quickly. */
  browserMaxAge: number;
  /** The URL names its content (a hash): browsers may keep it for good (`immutable`). */
  immutable?: boolean;
};

export const MINUTE = 60;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const PAGE: CachePolicy = { softTtl: 60, staleWhileRevalidate: 5 * MINUTE, staleIfError: DAY, browserMaxAge: 60 };
export const FEED: CachePolicy = { softTtl: 2 * MINUTE, staleWhileRevalidate: 10 * MINUTE, staleIfError: DAY, browserMaxAge: 5 * MINUTE };
export const STATIC: CachePolicy = { softTtl: HOUR, staleWhileRevalidate: DAY, staleIfError: 7 * DAY, browserMaxAge: HOUR };
export const YEAR = 365 * DAY;
/** Content-addressed files (share cards): kept a year; a change makes a new URL, not a new copy. */
export const IMMUTABLE: CachePolicy = { softTtl: 30 * DAY, staleWhileRevalidate: DAY, staleIfError: 30 * DAY, browserMaxAge: YEAR, immutable: true };

/** A 404 or 410 is cached briefly: long enough to absorb a burst; a create purges it at once. */
export const NOT_FOUND_TTL = 30;

/** One public GET route: its Hono path, lifetimes, declared parameters and canonical path. */
export type RoutePolicy = {
  /** The path exactly as the route is registered with Hono (`/a/:infoCode`). */
  readonly path: string;
  readonly policy: CachePolicy;
  /** The query parameters that change the output, each with its normalizing rule. */
  readonly params?: Readonly<Record<string, ParamRule>>;
  /**
   * The canonical path of the page from the path parameters and the query, or null when
   * the request is malformed (rendered as an error page, never stored). Default: as asked.
   */
  readonly canonical?: (path: Readonly<Record<string, string>>, query: URLSearchParams) => string | null;
  /** Parameters consumed by `canonical` (the legacy URL's infoCode), so they are not repeated in the key. */
  readonly consumes?: readonly string[];
  /**
   * For a route whose path pattern is wider than what it serves (the old-site catch-all):
   * the paths it takes. Any other path is not this route: the next one is tried, and with
   * none the request bypasses the cache as any unknown path does.
   */
  readonly accepts?: (pathname: string) => boolean;
};

/** key "": render, answer, never store. */
export type Resolved = { policy: CachePolicy; key: string; renderUrl: string };

type Compiled = { route: RoutePolicy; pattern: RegExp; names: string[] };

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A Hono path (`/category/:file{[^/]+\.html}`) as an anchored RegExp: no trailing slash, as Hono's strict mode. */
export function compilePath(path: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const segments = splitSegments(path).map((segment) => {
    const m = /^:(\w+)(?:\{(.+)\})?$/.exec(segment);
    if (!m?.[1]) return escapeRe(segment);
    names.push(m[1]);
    return `(${m[2] ?? "[^/]+"})`;
  });
  return { pattern: new RegExp(`^${segments.join("/")}$`), names };
}

/** Splits at "/" outside braces: a custom regex (`{[^/]+\.html}`) may hold a slash. */
function splitSegments(path: string): string[] {
  const segments: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of path) {
    if (ch === "{") depth++;
    else if (ch === "}") depth--;
    if (ch === "/" && depth === 0) {
      segments.push(current);
      current = "";
    } else current += ch;
  }
  segments.push(current);
  return segments;
}

function compile(route: RoutePolicy): Compiled {
  return { route, ...compilePath(route.path) };
}

/** The route table made into a key function, once per isolate: resolve() runs on every request. */
export class CachePolicies {
  private readonly compiled: readonly Compiled[];

  constructor(readonly routes: readonly RoutePolicy[]) {
    this.compiled = routes.map(compile);
  }

  /**
   * The route's policy, its normalized cache key and the URL the app renders from: the
   * configured site origin (never the request's Host), the canonical path, and only the
   * declared parameters, normalized and sorted. Null: not a cacheable route.
   */
  resolve(method: string, requestUrl: string, siteUrl: string): Resolved | null {
    if (method !== "GET" && method !== "HEAD") return null;
    const url = new URL(requestUrl);
    const site = siteUrl.replace(/\/+$/, "");
    for (const { route, pattern, names } of this.compiled) {
      const m = pattern.exec(url.pathname);
      if (!m || (route.accepts && !route.accepts(url.pathname))) continue;
      const pathParams: Record<string, string> = {};
      names.forEach((name, i) => (pathParams[name] = m[i + 1] ?? ""));
      return resolveRoute(route, url, pathParams, site);
    }
    return null;
  }
}

function resolveRoute(route: RoutePolicy, url: URL, pathParams: Record<string, string>, site: string): Resolved {
  const canonical = route.canonical ? route.canonical(pathParams, url.searchParams) : url.pathname;
  const query: [string, string][] = [];
  let valid = canonical !== null;
  for (const [name, rule] of Object.entries(route.params ?? {})) {
    if (route.consumes?.includes(name)) continue;
    const raw = url.searchParams.get(name);
    if (raw === null) continue;
    const value = rule(raw, site);
    if (value === INVALID) {
      valid = false;
      query.push([name, raw]);
    } else if (value !== undefined) query.push([name, value]);
  }
  query.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const search = query.length > 0 ? `?${new URLSearchParams(query).toString()}` : "";
  if (!valid) {
    // Malformed: rendered from what was asked (the app answers 404 or 400), never stored.
    const raw = route.consumes?.length ? url.search : search;
    return { policy: route.policy, key: "", renderUrl: `${site}${url.pathname}${raw}` };
  }
  const renderUrl = `${site}${canonical}${search}`;
  return { policy: route.policy, key: renderUrl, renderUrl };
}

/** Whether a rendered response may be stored, and for how long as a fresh HIT. */
export function storableFor(res: Response, policy: CachePolicy, tagged: boolean): { store: boolean; softTtl: number } {
  const cc = res.headers.get("Cache-Control") ?? "";
  if (res.headers.has("Set-Cookie") || /no-store|private/i.test(cc)) return { store: false, softTtl: 0 };
  if (res.status === 200) return { store: true, softTtl: policy.softTtl };
  // A redirect is stored only with the tags of what decides its target, so a change purges it.
  if (res.status === 301 && tagged) return { store: true, softTtl: policy.softTtl };
  // A missing page is stored only with the tag of what is missing, so creating it purges the 404.
  if ((res.status === 404 || res.status === 410) && tagged) return { store: true, softTtl: Math.min(NOT_FOUND_TTL, policy.softTtl) };
  return { store: false, softTtl: 0 };
}

export type Freshness = "fresh" | "stale" | "expired";

/** fresh → HIT; stale → serve and refresh in the background; expired → render, stale only on error. */
export function freshness(ageSeconds: number, softTtl: number, policy: CachePolicy): Freshness {
  if (ageSeconds < softTtl) return "fresh";
  if (ageSeconds < softTtl + policy.staleWhileRevalidate) return "stale";
  return "expired";
}

/** A 200, or a 301 (an old URL's redirect): kept as long as the route's pages; anything else as briefly as a 404. */
export function livesAsPage(status: number): boolean {
  return status === 200 || status === 301;
}

export function browserCacheControl(status: number, policy: CachePolicy): string {
  const maxAge = livesAsPage(status) ? policy.browserMaxAge : Math.min(NOT_FOUND_TTL, policy.browserMaxAge);
  return status === 200 && policy.immutable ? `public, max-age=${maxAge}, immutable` : `public, max-age=${maxAge}`;
}

/** If-None-Match with lists, `*` and weak comparison (RFC 9110 §13.1.2). */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  // A compressed variant's tag ("abc-br", src/cache/encoding.ts) names the same page.
  const opaque = (tag: string) => baseEtag(tag.trim().replace(/^W\//, ""));
  return ifNoneMatch.split(",").some((candidate) => opaque(candidate) === opaque(etag));
}
