/**
 * oEmbed 1.0 provider, pure. Only our own article URLs are answered: the `url` parameter
 * is parsed and matched against the configured site origin and the two share URL shapes,
 * never fetched, so the endpoint cannot be used to reach anything we do not own.
 */
import type { Article } from "../db/types";
import { absoluteUrl, type SiteConfig } from "../lib/config";
import { parseInfoCode, type InfoCode } from "../lib/info-code";
import { articlePath } from "../lib/paths";
import { escapeXmlText } from "./xml";

/** The info code of one of our article URLs, or null for anything else. */
export function ownArticleCode(raw: string | undefined, site: SiteConfig): InfoCode | null {
  if (!raw || raw.length > 2048) return null;
  let url: URL;
  let origin: URL;
  try {
    url = new URL(raw);
    origin = new URL(site.url);
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  if (url.protocol !== origin.protocol || url.host !== origin.host) return null;
  const share = /^\/a\/([^/]+)$/.exec(url.pathname);
  return parseInfoCode(share?.[1] ?? (url.pathname === "/html_News/NewsShare.html" ? url.searchParams.get("infoCode") : null));
}

export const SIZE = { defaultWidth: 550, minWidth: 220, maxWidth: 800, defaultHeight: 240, minHeight: 120, maxHeight: 1000 } as const;

/** Requested bounds as positive integers, or undefined when absent or not a number. */
export function parseMax(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,5}$/.test(value)) return undefined;
  const n = Number(value);
  return n > 0 ? n : undefined;
}

/** Our default size, clamped to sane bounds and never above what the consumer asked for. */
export function embedSize(maxwidth?: number, maxheight?: number): { width: number; height: number } {
  const clamp = (n: number, lo: number, hi: number) => Math.min(Math.max(n, lo), hi);
  const width = Math.min(clamp(SIZE.defaultWidth, SIZE.minWidth, SIZE.maxWidth), maxwidth ?? Infinity);
  const height = Math.min(clamp(SIZE.defaultHeight, SIZE.minHeight, SIZE.maxHeight), maxheight ?? Infinity);
  return { width, height };
}

export const OEMBED_CACHE_AGE = 3600;

export type OEmbed = {
  type: "rich";
  version: "1.0";
  title: string;
  author_name?: string;
  author_url?: string;
  provider_name: string;
  provider_url: string;
  cache_age: number;
  html: string;
  width: number;
  height: number;
  thumbnail_url?: string;
  thumbnail_width?: number;
  thumbnail_height?: number;
};

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The markup partners paste: a readable link without JavaScript, a card with it. */
export function embedHtml(article: Pick<Article, "infoCode" | "title">, site: SiteConfig): string {
  const href = absoluteUrl(site, articlePath(article.infoCode));
  return (
    `<blockquote class="edgewire-card" data-info-code="${article.infoCode}"><a href="${escapeHtml(href)}">${escapeHtml(article.title)}</a></blockquote>` +
    `<script async src="${escapeHtml(absoluteUrl(site, "/embed.js"))}"></script>`
  );
}

/** Thumbnail fields come all together (url, width, height) or not at all, as oEmbed requires. */
const THUMBNAIL = { width: 800, height: 450 } as const;

export function buildOEmbed(article: Article, site: SiteConfig, maxwidth?: number, maxheight?: number): OEmbed {
  const { width, height } = embedSize(maxwidth, maxheight);
  const thumb =
    article.imageUrl && /^https?:\/\//.test(article.imageUrl)
      ? { thumbnail_url: article.imageUrl, thumbnail_width: THUMBNAIL.width, thumbnail_height: THUMBNAIL.height }
      : {};
  return {
    type: "rich",
    version: "1.0",
    title: article.title,
    ...(article.sourceName ? { author_name: article.sourceName } : {}),
    ...(article.originalUrl ? { author_url: article.originalUrl } : {}),
    provider_name: site.name,
    provider_url: `${site.url}/`,
    cache_age: OEMBED_CACHE_AGE,
    html: embedHtml(article, site),
    width,
    height,
    ...thumb,
  };
}

export function oembedXml(data: OEmbed): string {
  const fields = Object.entries(data).map(([key, value]) => `<${key}>${escapeXmlText(String(value))}</${key}>`);
  return `<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n<oembed>${fields.join("")}</oembed>\n`;
}
