/**
 * The image a share preview shows, in one small function so the generated share cards
 * (issue 17) can replace the default by changing this file alone: the article's own image
 * when it has a usable one, else the site's default image (src/assets/images.ts). Width
 * and height are given only when known: an article's own image has no recorded size, and
 * a wrong size is worse for unfurlers than none.
 */
import { IMAGES } from "../assets/images";
import { shareCardUrl } from "../cards/advertise";
import type { Article } from "../db/types";
import { absoluteUrl, type SiteConfig } from "../lib/config";

export type ShareImage = { url: string; alt: string; type?: string; width?: number; height?: number; isDefault: boolean };

export const DEFAULT_SHARE_IMAGE_PATH = "/share-default.png";

/** Only http(s) URLs leave the page; a relative image resolves on the site. */
export function httpUrl(value: string | null, base: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value, `${base}/`);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * A share page's image: the article's generated share card (issue 17, src/cards/), 1200×630
 * PNG, which draws the article's own image when it has one. The site's default image stays
 * for what has no article (defaultShareImage).
 */
export function shareImage(article: Article, site: SiteConfig): ShareImage {
  return { url: shareCardUrl(article, site), alt: article.title, type: "image/png", width: 1200, height: 630, isDefault: false };
}

/** oEmbed's thumbnail: the article's own image (no recorded size), else the site's default image. */
export function ownOrDefaultImage(article: Pick<Article, "imageUrl" | "title">, site: SiteConfig): ShareImage {
  const own = httpUrl(article.imageUrl, site.url);
  if (own) return { url: own, alt: article.title, isDefault: false };
  const image = IMAGES[DEFAULT_SHARE_IMAGE_PATH];
  return { url: absoluteUrl(site, DEFAULT_SHARE_IMAGE_PATH), alt: site.name, type: image.type, width: image.width, height: image.height, isDefault: true };
}

/** The site's logo for JSON-LD publisher.logo (Google wants a raster image). */
export function siteLogo(site: SiteConfig): { url: string; width: number; height: number } {
  const icon = IMAGES["/icon-512.png"];
  return { url: absoluteUrl(site, "/icon-512.png"), width: icon.width, height: icon.height };
}
