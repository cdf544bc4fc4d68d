/**
 * What every feed renderer (RSS, Atom, JSON Feed) takes, and the derivations they share:
 * URLs, dates, bylines, tags. Everything is a function of the spec alone, never of the
 * clock, so unchanged content renders to identical bytes and ETags do not churn.
 */
import type { Article, CategoryRef } from "../db/types";
import { absoluteUrl, type SiteConfig } from "../lib/config";
import { articlePath, categoryPath, tagPath } from "../lib/paths";

export type FeedSpec = {
  site: SiteConfig;
  title: string;
  description: string;
  /** Path of this feed document: "/feed.xml", "/category/caijing/feed.xml". */
  selfPath: string;
  /** Path of the HTML page the feed mirrors: "/", "/category/caijing.html". */
  htmlPath: string;
  /** WebSub hub to advertise, when there is one. */
  hubUrl?: string | null;
  /** Path of the next (older) page; JSON Feed's next_url. */
  nextPath?: string | null;
  /** Full articles, newest first. */
  articles: Article[];
  /** Set for a per-category feed. */
  category?: CategoryRef;
};

export const GENERATOR = "edgewire";

/** An instant with the UTC offset it is shown at. */
export type Stamp = { instantMs: number; offsetMin: number };

/**
 * The `updated` of a feed with no articles: the Unix epoch in UTC
 * (1970-01-01T00:00:00+00:00). Fixed, so an empty feed is as stable as any other.
 */
export const EMPTY_FEED_UPDATED: Stamp = { instantMs: 0, offsetMin: 0 };

export { feedPath, type FeedFile } from "../lib/paths";

export function articleUrl(site: SiteConfig, infoCode: string): string {
  return absoluteUrl(site, articlePath(infoCode));
}

export function categoryUrl(site: SiteConfig, slug: string): string {
  return absoluteUrl(site, categoryPath(slug));
}

export function tagUrl(site: SiteConfig, tag: string): string {
  return absoluteUrl(site, tagPath(tag));
}

/**
 * When the entry last changed. A partner's `updated` earlier than its `date` is a typo,
 * not news: never report an entry as updated before it was published.
 */
export function articleUpdated(article: Pick<Article, "publishedAt" | "updatedAt" | "utcOffsetMin">): Stamp {
  return { instantMs: Math.max(article.updatedAt, article.publishedAt), offsetMin: article.utcOffsetMin };
}

export function articlePublished(article: Pick<Article, "publishedAt" | "utcOffsetMin">): Stamp {
  return { instantMs: article.publishedAt, offsetMin: article.utcOffsetMin };
}

/**
 * The feed's `updated`/`lastBuildDate`: the newest entry change, shown at that entry's
 * offset (the first such entry on a tie, so the input order decides, not chance).
 */
export function feedUpdated(articles: readonly Article[]): Stamp {
  let newest: Stamp | null = null;
  for (const article of articles) {
    const stamp = articleUpdated(article);
    if (newest === null || stamp.instantMs > newest.instantMs) newest = stamp;
  }
  return newest ?? EMPTY_FEED_UPDATED;
}

/** The byline: the named author, else the source, else the site that published it. */
export function authorName(article: Pick<Article, "author" | "sourceName">, site: SiteConfig): string {
  return article.author || article.sourceName || site.name;
}

/** The article's tags without blanks or repeats, first occurrence first. */
export function uniqueTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim()).filter((tag) => tag !== ""))];
}

/**
 * An absolute http(s) URL for a stored image/link, resolved against the site for the odd
 * relative one; null for anything a feed reader could not fetch.
 */
export function absoluteHttpUrl(site: SiteConfig, raw: string | null): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw, `${site.url}/`);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

const IMAGE_TYPES: Readonly<Record<string, string>> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
};

/** MIME type from the URL path's extension; JPEG when unknown (what most news images are). */
export function imageMimeType(url: string): string {
  const path = url.split(/[?#]/, 1)[0] ?? "";
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? "";
  return IMAGE_TYPES[ext] ?? "image/jpeg";
}

/** URL attributes in sanitized HTML (always double-quoted: src/ingest/sanitize.ts). */
const URL_ATTRIBUTE = /\s(href|src)="([^"]*)"/g;

/**
 * The body with every relative link and image made absolute against the article's URL:
 * a feed reader resolves relative URLs against the feed's own URL, or its own, not the
 * page's, so `/tag/…` would point nowhere. Fragments and absolute URLs stay as they are.
 */
export function absoluteContentHtml(site: SiteConfig, article: Pick<Article, "infoCode" | "bodyHtml">): string {
  const base = articleUrl(site, article.infoCode);
  return article.bodyHtml.replace(URL_ATTRIBUTE, (whole, name: string, value: string) => {
    if (value === "" || value.startsWith("#") || /^[a-z][a-z0-9+.-]*:/i.test(value)) return whole;
    try {
      // &amp; in the attribute is the HTML spelling of &: resolve the URL, not the entity.
      const resolved = new URL(value.replace(/&amp;/g, "&"), base).href;
      return ` ${name}="${resolved.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"`;
    } catch {
      return whole;
    }
  });
}
