/**
 * The image a share preview shows: the article's generated share card (issue 17,
 * src/cards/), a 1200×630 PNG that draws the article's own image when it has one, for the
 * page's og:image / twitter:image and the oEmbed thumbnail alike. The site's default image
 * (src/assets/images.ts) stays for pages that are not an article.
 */
import { IMAGES } from "../assets/images";
import { shareCardUrl } from "../cards/advertise";
import type { Article } from "../db/types";
import { absoluteUrl, type SiteConfig } from "../lib/config";

export type ShareImage = { url: string; alt: string; type?: string; width?: number; height?: number; isDefault: boolean };

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

/** The site's logo for JSON-LD publisher.logo (Google wants a raster image). */
export function siteLogo(site: SiteConfig): { url: string; width: number; height: number } {
  const icon = IMAGES["/icon-512.png"];
  return { url: absoluteUrl(site, "/icon-512.png"), width: icon.width, height: icon.height };
}
