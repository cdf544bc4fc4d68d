/**
 * Every public GET route with its cache policy: one table that the routers register their
 * paths from and the edge cache makes its keys from, so a route cannot exist without a
 * policy or a policy without a route (test/unit/route-table.test.ts checks the app).
 */
import { compilePath, FEED, IMMUTABLE, PAGE, STATIC, type RoutePolicy } from "../cache/policy";
import {
  categorySlug,
  dimension,
  infoCodeParam,
  INVALID,
  listCursor,
  listLimit,
  optionalMatching,
  ownArticleUrl,
  pageNumber,
  searchQuery,
  tagName,
  type ParamRule,
} from "../cache/params";
import { parseInfoCode } from "../lib/info-code";
import { canonicalOldUrl, isOldSitePath } from "../lib/old-urls";

const LIST = { before: listCursor };
const SEARCH = { q: searchQuery, page: pageNumber };
const FEED_PARAMS = { before: listCursor };

const codePath = (prefix: string) => (p: Readonly<Record<string, string>>) => {
  const code = parseInfoCode(p.infoCode);
  return code ? `${prefix}${code}` : null;
};

/** "/tag/%E6%B5%8B.html" in one spelling, however the client encoded it; null if it does not decode. */
function tagPage(p: Readonly<Record<string, string>>): string | null {
  try {
    const name = decodeURIComponent((p.file ?? "").slice(0, -".html".length));
    return `/tag/${encodeURIComponent(name)}.html`;
  } catch {
    return null;
  }
}

/** A partner's old page path that no other route (cached or not) serves: src/routes/old-urls.ts. */
function oldSitePath(pathname: string): boolean {
  return isOldSitePath(pathname) && !uncachedPatterns().some((re) => re.test(pathname));
}

const format: ParamRule = (value) => (value === "json" ? undefined : value === "xml" ? value : INVALID);

export const ROUTES = {
  share: { path: "/a/:infoCode", policy: PAGE, canonical: codePath("/a/") },
  // The legacy share URL is the same page as /a/{code}: one entry serves both.
  legacyShare: {
    path: "/html_News/NewsShare.html",
    policy: PAGE,
    params: { infoCode: infoCodeParam },
    consumes: ["infoCode"],
    canonical: (_p, q) => {
      const code = parseInfoCode(q.get("infoCode"));
      return code ? `/a/${code}` : null;
    },
  },
  home: { path: "/", policy: PAGE, params: LIST },
  category: { path: "/category/:file{[^/]+\\.html}", policy: PAGE, params: LIST },
  tag: { path: "/tag/:file{[^/]+\\.html}", policy: PAGE, params: LIST, canonical: tagPage },
  search: { path: "/search", policy: PAGE, params: SEARCH },
  rss: { path: "/feed.xml", policy: FEED, params: FEED_PARAMS },
  atom: { path: "/atom.xml", policy: FEED, params: FEED_PARAMS },
  jsonFeed: { path: "/feed.json", policy: FEED, params: FEED_PARAMS },
  categoryRss: { path: "/category/:slug/feed.xml", policy: FEED, params: FEED_PARAMS },
  categoryAtom: { path: "/category/:slug/atom.xml", policy: FEED, params: FEED_PARAMS },
  categoryJsonFeed: { path: "/category/:slug/feed.json", policy: FEED, params: FEED_PARAMS },
  sitemap: { path: "/sitemap.xml", policy: FEED },
  sitemapPages: { path: "/sitemap-pages.xml", policy: FEED },
  sitemapArticles: { path: "/:file{sitemap-articles-[1-9][0-9]{0,5}\\.xml}", policy: FEED },
  newsSitemap: { path: "/news-sitemap.xml", policy: FEED },
  robots: { path: "/robots.txt", policy: FEED },
  oembed: {
    path: "/oembed",
    policy: PAGE,
    params: { url: ownArticleUrl, format, maxwidth: dimension, maxheight: dimension },
  },
  embedCard: {
    path: "/embed/:infoCode",
    policy: PAGE,
    params: { theme: optionalMatching(/^(light|dark)$/, 5), lang: optionalMatching(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?$/, 12) },
    canonical: codePath("/embed/"),
  },
  embedScript: { path: "/embed.js", policy: STATIC },
  // Share card images: the URL names the card's content hash, so a copy never goes stale.
  card: { path: "/card/:file{[A-Z]{2}[0-9]{18}-[0-9a-f]{16}(?:(?:-square)?(?:-dark)?|-(?:600|300))\\.png}", policy: IMMUTABLE },
  favicon: { path: "/favicon.ico", policy: STATIC },
  iconSvg: { path: "/icon.svg", policy: STATIC },
  icon192: { path: "/icon-192.png", policy: STATIC },
  icon512: { path: "/icon-512.png", policy: STATIC },
  appleTouchIcon: { path: "/apple-touch-icon.png", policy: STATIC },
  shareDefault: { path: "/share-default.png", policy: STATIC },
  manifest: { path: "/site.webmanifest", policy: STATIC },
  apiArticles: { path: "/api/v1/articles", policy: PAGE, params: { category: categorySlug, tag: tagName, limit: listLimit, cursor: listCursor } },
  apiCategories: { path: "/api/v1/categories", policy: PAGE },
  apiArticle: { path: "/api/v1/articles/:infoCode", policy: PAGE, canonical: codePath("/api/v1/articles/") },
  apiSearch: { path: "/api/v1/search", policy: PAGE, params: SEARCH },
  // Last: the routes above win; it takes only what isOldSitePath allows (src/lib/old-urls.ts).
  oldSiteUrl: { path: "/:path{.+}", policy: PAGE, accepts: oldSitePath, canonical: (p) => canonicalOldUrl(`/${p.path ?? ""}`) },
} as const satisfies Record<string, RoutePolicy>;

export const PUBLIC_ROUTES: readonly RoutePolicy[] = Object.values(ROUTES);

/** GET routes that are deliberately not cached: liveness, the view beacon, admin reads. */
export const UNCACHED_GET_PATHS: readonly string[] = ["/healthz", "/v/:file", "/api/v1/admin/stats", "/api/v1/admin/stats/:infoCode", "/api/v1/admin/sync-state"];

let compiledUncached: RegExp[] | null = null;
function uncachedPatterns(): RegExp[] {
  compiledUncached ??= UNCACHED_GET_PATHS.map((p) => compilePath(p).pattern);
  return compiledUncached;
}
