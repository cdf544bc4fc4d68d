/**
 * oEmbed 1.0 provider, pure. Only our own article URLs are answered: the `url` parameter
 * is parsed and matched against the configured site origin and the two share URL shapes,
 * never fetched, so the endpoint cannot be used to reach anything we do not own.
 */
import type { Article } from "../db/types";
import { absoluteUrl, type SiteConfig } from "../lib/config";
import { parseInfoCode, type InfoCode } from "../lib/info-code";
import { articlePath, embedPath } from "../lib/paths";
import { cardThumbnails } from "../cards/advertise";
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

/**
 * The markup partners paste or their CMS embeds, in the shape WordPress keeps for a
 * provider it does not know (wp_filter_oembed_result keeps only a, blockquote and iframe,
 * and drops the whole embed without an iframe): a blockquote with a plain link (what
 * readers see without JavaScript), the card's iframe hidden until a host's script sizes it
 * (WordPress's wp-embed, or embed.js on Ghost and plain pages), and embed.js itself, which
 * WordPress strips and every other host runs. The iframe is sandboxed without
 * allow-same-origin; the handshake is in src/embed/scripts.ts. Not loading="lazy":
 * Chromium never loads a lazy iframe that is clipped out of view.
 */
export function embedHtml(article: Pick<Article, "infoCode" | "title">, site: SiteConfig, size: { width: number; height: number }): string {
  const href = escapeHtml(absoluteUrl(site, articlePath(article.infoCode)));
  const title = escapeHtml(article.title);
  const src = escapeHtml(absoluteUrl(site, embedPath(article.infoCode)));
  return (
    `<blockquote class="edgewire-card" data-info-code="${article.infoCode}"><a href="${href}">${title}</a></blockquote>` +
    `<iframe class="edgewire-card-frame" src="${src}" width="${size.width}" height="${size.height}" title="${title}" frameborder="0" marginwidth="0" marginheight="0" scrolling="no"` +
    ` sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" style="position:absolute;clip:rect(1px,1px,1px,1px)"></iframe>` +
    `<script async src="${escapeHtml(absoluteUrl(site, "/embed.js"))}"></script>`
  );
}

/**
 * The thumbnail: the largest size of the article's share card (the page's og:image, which
 * draws the article's own image when it has one) that fits maxwidth × maxheight, as a PNG
 * of exactly that size (oEmbed §2.3.4: a thumbnail must respect them). The card is drawn
 * 1200×630, 600×315 and 300×158; when not even the smallest fits, there is no thumbnail
 * (all three fields come together or not at all).
 */
export function thumbnailFor(sizes: readonly { url: string; width: number; height: number }[], maxwidth?: number, maxheight?: number): Pick<OEmbed, "thumbnail_url" | "thumbnail_width" | "thumbnail_height"> {
  const fit = sizes.find((size) => size.width <= (maxwidth ?? Infinity) && size.height <= (maxheight ?? Infinity));
  return fit ? { thumbnail_url: fit.url, thumbnail_width: fit.width, thumbnail_height: fit.height } : {};
}

export function buildOEmbed(article: Article, site: SiteConfig, maxwidth?: number, maxheight?: number): OEmbed {
  const { width, height } = embedSize(maxwidth, maxheight);
  const thumb = thumbnailFor(cardThumbnails(article, site), maxwidth, maxheight);
  return {
    type: "rich",
    version: "1.0",
    title: article.title,
    ...(article.sourceName ? { author_name: article.sourceName } : {}),
    ...(article.originalUrl ? { author_url: article.originalUrl } : {}),
    provider_name: site.name,
    provider_url: `${site.url}/`,
    cache_age: OEMBED_CACHE_AGE,
    html: embedHtml(article, site, { width, height }),
    width,
    height,
    ...thumb,
  };
}

export function oembedXml(data: OEmbed): string {
  const fields = Object.entries(data).map(([key, value]) => `<${key}>${escapeXmlText(String(value))}</${key}>`);
  return `<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n<oembed>${fields.join("")}</oembed>\n`;
}
