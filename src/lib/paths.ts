/**
 * The site's public URLs, in one place: views, feeds, sitemaps, oEmbed, the JSON API and
 * the pages' own links all build them here, so every page links the same URL for the same
 * thing (one cache key, one canonical URL). Root-relative; the absolute form is
 * absoluteUrl(site, path) (src/lib/config.ts). The routes that serve them are in
 * src/routes/public-routes.ts.
 */

export function articlePath(infoCode: string): string {
  return `/a/${infoCode}`;
}

export function categoryPath(slug: string): string {
  return `/category/${slug}.html`;
}

/** Tags are free text, often Chinese: percent-encoded UTF-8 (SPEC section 2). */
export function tagPath(tag: string): string {
  return `/tag/${encodeURIComponent(tag)}.html`;
}

export function homePath(before?: string): string {
  return before === undefined ? "/" : `/?before=${encodeURIComponent(before)}`;
}

/** The search page; with a query, its results (page 1 unless given). */
export function searchPath(query?: string, page = 1): string {
  if (query === undefined) return "/search";
  return `/search?q=${encodeURIComponent(query)}${page > 1 ? `&page=${page}` : ""}`;
}

export function embedPath(infoCode: string): string {
  return `/embed/${infoCode}`;
}

export function apiArticlePath(infoCode: string): string {
  return `/api/v1/articles/${infoCode}`;
}

/** The share page's view beacon (src/routes/beacon.ts). */
export function beaconPath(infoCode: string): string {
  return `/v/${infoCode}.gif`;
}

export type FeedFile = "feed.xml" | "atom.xml" | "feed.json";

/** "/feed.xml" for the site, "/category/caijing/feed.xml" for a category. */
export function feedPath(file: FeedFile, categorySlug?: string): string {
  return categorySlug === undefined ? `/${file}` : `/category/${categorySlug}/${file}`;
}

/** A share card image (src/routes/cards.ts): `file` from cardFile() in src/cards/model.ts. */
export function cardPath(file: string): string {
  return `/card/${file}`;
}
