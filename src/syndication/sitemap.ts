/**
 * Sitemaps (https://www.sitemaps.org/protocol.html), the Google News sitemap extension
 * and robots.txt. Pure: lastmod and publication dates come from the content, and which
 * articles are recent enough for the news sitemap (48 h) is the caller's query, not a
 * clock read here.
 */
import type { NewsSitemapArticle } from "../db/types";
import { absoluteUrl, type SiteConfig } from "../lib/config";
import { normalizeLang } from "../lib/lang";
import { toRfc3339 } from "../lib/time";
import { articleUpdated, articleUrl } from "./feed-model";
import { el, renderXmlDocument, type XmlElement } from "./xml";

export const SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
export const NEWS_SITEMAP_NS = "http://www.google.com/schemas/sitemap-news/0.9";
/** Per file, for both urlset and sitemapindex; a longer list must be split by the caller. */
export const SITEMAP_MAX_URLS = 50_000;
/** The protocol: a loc "must be less than 2,048 characters". */
export const SITEMAP_MAX_LOC_LENGTH = 2047;
/** Google News reads at most this many <news:news> entries per sitemap. */
export const NEWS_SITEMAP_MAX_URLS = 1000;

/** lastmod is optional in the protocol: left out where nothing dates the page (an empty category). */
export type SitemapEntry = { loc: string; lastmod?: number; offsetMin?: number };

/**
 * The loc as the protocol wants it: absolute http(s), percent-encoded (the URL parser
 * encodes non-ASCII), under the length limit. Anything else is left out: one unusable
 * URL must not take the whole sitemap down.
 */
export function sitemapLoc(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  return url.href.length <= SITEMAP_MAX_LOC_LENGTH ? url.href : null;
}

function checkCount(count: number, what: string): void {
  if (count > SITEMAP_MAX_URLS) {
    throw new RangeError(`${what} has ${count} entries; the sitemap protocol allows at most ${SITEMAP_MAX_URLS}`);
  }
}

function located(kind: "url" | "sitemap", entries: readonly SitemapEntry[]): XmlElement[] {
  const out: XmlElement[] = [];
  for (const entry of entries) {
    const loc = sitemapLoc(entry.loc);
    if (loc === null) continue;
    const lastmod = entry.lastmod !== undefined && el("lastmod", {}, toRfc3339(entry.lastmod, entry.offsetMin ?? 0));
    out.push(el(kind, {}, [el("loc", {}, loc), lastmod]));
  }
  return out;
}

export function renderSitemap(urls: readonly SitemapEntry[]): string {
  checkCount(urls.length, "sitemap");
  return renderXmlDocument(el("urlset", { xmlns: SITEMAP_NS }, located("url", urls)));
}

export function renderSitemapIndex(sitemaps: readonly SitemapEntry[]): string {
  checkCount(sitemaps.length, "sitemap index");
  return renderXmlDocument(el("sitemapindex", { xmlns: SITEMAP_NS }, located("sitemap", sitemaps)));
}

/**
 * The language code Google News accepts: ISO 639, except Chinese, which must be "zh-cn"
 * (Simplified) or "zh-tw" (Traditional). Script and region subtags pick between them;
 * bare "zh" is read as Simplified.
 */
export function newsLanguage(lang: string): string {
  const subtags = lang.trim().toLowerCase().split(/[-_]/);
  const primary = subtags[0] || "und";
  if (primary !== "zh") return primary;
  const traditional = subtags.some((s) => s === "hant" || s === "tw" || s === "hk" || s === "mo");
  return traditional ? "zh-tw" : "zh-cn";
}

/**
 * The news sitemap of `articles`, newest first as given. Each entry's language is the
 * article's stated `lang` (front matter or PUT), else the site's. Unlike the pages, no
 * detection from the text: the list carries no body to detect from.
 */
export function renderNewsSitemap(site: SiteConfig, articles: readonly NewsSitemapArticle[]): string {
  const urls = articles.slice(0, NEWS_SITEMAP_MAX_URLS).map((article) => {
    const updated = articleUpdated(article);
    const publication = el("news:publication", {}, [
      el("news:name", {}, site.name),
      el("news:language", {}, newsLanguage(normalizeLang(article.lang) ?? site.lang)),
    ]);
    return el("url", {}, [
      el("loc", {}, articleUrl(site, article.infoCode)),
      el("lastmod", {}, toRfc3339(updated.instantMs, updated.offsetMin)),
      el("news:news", {}, [
        publication,
        el("news:publication_date", {}, toRfc3339(article.publishedAt, article.utcOffsetMin)),
        el("news:title", {}, article.title),
      ]),
    ]);
  });
  // The sitemap schema requires at least one <url> in a urlset; with nothing in the window
  // the home page stands in, without <news:news> (optional per URL), so the file validates.
  const listed = urls.length > 0 ? urls : [el("url", {}, [el("loc", {}, absoluteUrl(site, "/"))])];
  return renderXmlDocument(el("urlset", { xmlns: SITEMAP_NS, "xmlns:news": NEWS_SITEMAP_NS }, listed));
}

/** robots.txt: everything public is crawlable, the admin API is not, both sitemaps listed. */
export function renderRobots(site: SiteConfig): string {
  // Rules match paths on the host, so a site mounted under a base path keeps it.
  const base = new URL(`${site.url}/`).pathname.replace(/\/+$/, "");
  return [
    "User-agent: *",
    "Allow: /",
    `Disallow: ${base}/api/v1/admin/`,
    "",
    `Sitemap: ${absoluteUrl(site, "/sitemap.xml")}`,
    `Sitemap: ${absoluteUrl(site, "/news-sitemap.xml")}`,
    "",
  ].join("\n");
}
