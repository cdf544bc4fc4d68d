/**
 * The one vocabulary of cache tags. Every route that sets Cache-Tag and every purge builds
 * its tags here, so what a page carries and what a write purges cannot drift apart.
 *
 * Tag values are printable ASCII whatever the input (Cloudflare's Cache-Tag rule, and
 * header values must be bytes): free text is percent-encoded after any lone UTF-16
 * surrogate is replaced, so no input can make the encoder throw and skip a purge.
 */
import type { InfoCode } from "../lib/info-code";

export type CacheTag = string & { readonly __brand: "CacheTag" };

/** Cloudflare accepts tags up to 1,024 bytes; longer input is cut at a character boundary. */
const MAX_TAG_BYTES = 1024;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Percent-encoded UTF-8 of well-formed text: always printable ASCII, never throws. */
function encodePart(text: string): string {
  let encoded = encodeURIComponent(text.replace(LONE_SURROGATE, "\uFFFD"));
  if (encoded.length > MAX_TAG_BYTES - 32) {
    encoded = encoded.slice(0, MAX_TAG_BYTES - 32).replace(/%[0-9A-F]?$/, "");
  }
  return encoded;
}

const tag = (value: string): CacheTag => value as CacheTag;

export const CacheTags = {
  /** The article itself: its share page, card, oEmbed and JSON, and their 404/410s. */
  article: (code: InfoCode | string): CacheTag => tag(`article:${encodePart(code)}`),
  /** A category's pages (and the pages that show its name), and its 404 while it is unknown. */
  category: (slug: string): CacheTag => tag(`category:${encodePart(slug)}`),
  categoryFeed: (slug: string): CacheTag => tag(`feed:category:${encodePart(slug)}`),
  /** A tag page; free text, often Chinese. */
  tagPage: (name: string): CacheTag => tag(`tag:${encodePart(name)}`),
  home: tag("list:home"),
  siteFeed: tag("feed:site"),
  sitemap: tag("sitemap"),
  search: tag("list:search"),
  /** Every page whose header lists the categories (the channel bar): purged when one is created or renamed. */
  nav: tag("nav:categories"),
  embedScript: tag("embed-script"),
  /**
   * Every answer of a partner's old Jekyll URL (src/routes/old-urls.ts), 301 or 404: purged
   * when a write records a new one or moves one, so one tag serves any number of URLs.
   */
  oldUrls: tag("old-urls"),
} as const;

/** The Cache-Tag header value for a response. */
export function cacheTagHeader(tags: readonly CacheTag[]): string {
  return [...new Set(tags)].join(",");
}

/** Tags from a response's Cache-Tag header, trimmed and de-duplicated. */
export function tagsOf(res: { headers: Headers }): CacheTag[] {
  const header = res.headers.get("Cache-Tag") ?? "";
  return [...new Set(header.split(",").map((t) => t.trim()).filter(Boolean))] as CacheTag[];
}

/** What a write changed: every value before and after (old and new category, tags). */
export type ChangedContent = {
  infoCodes: readonly string[];
  categories: readonly string[];
  tags: readonly string[];
  /** A category was created or renamed: every page with the channel bar is out of date. */
  categoryListChanged?: boolean;
  /** An old site URL was recorded or moved to another article (src/routes/old-urls.ts). */
  oldUrlsChanged?: boolean;
};

/** Tags of everything a change shows on: the articles, their old and new categories and tags, lists, feeds. */
export function tagsForChange(changes: ChangedContent): CacheTag[] {
  if (changes.infoCodes.length === 0) return [];
  const out = new Set<CacheTag>([CacheTags.home, CacheTags.siteFeed, CacheTags.sitemap, CacheTags.search]);
  for (const code of changes.infoCodes) out.add(CacheTags.article(code));
  for (const slug of changes.categories) {
    out.add(CacheTags.category(slug));
    out.add(CacheTags.categoryFeed(slug));
  }
  for (const name of changes.tags) out.add(CacheTags.tagPage(name));
  if (changes.categoryListChanged) out.add(CacheTags.nav);
  if (changes.oldUrlsChanged) out.add(CacheTags.oldUrls);
  return [...out].sort();
}
