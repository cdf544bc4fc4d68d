/**
 * What a share card shows, shared by the main Worker (which names and serves cards) and the
 * cards Worker (which draws them). Kept free of the renderer so the main bundle stays small.
 *
 * A card's URL carries the hash of exactly what it shows (this model and CARD_VERSION): an
 * edit to the headline, category, date, source or image gives a new URL, so chat apps that
 * cache previews by URL fetch the new card; an edit that does not change the card keeps it.
 */
import { createHash } from "node:crypto";
import type { Article } from "../db/types";
import type { SiteConfig } from "../lib/config";
import { formatDisplayDate, toRfc3339 } from "../lib/time";

/** Bumped when the card's look changes, so every card gets a new URL. */
export const CARD_VERSION = 1;

/** What a card shows (validated by the cards Worker: src/cards/schema.ts). */
export type CardModel = {
  title: string;
  category: string;
  /** The publication time as the source wrote it: "2022-04-28 14:08 +08:00". */
  date: string;
  source: string | null;
  site: string;
  /** The article's own image (absolute http(s)), drawn beside the text; null for none. */
  imageUrl: string | null;
};

/**
 * Each variant's file-name suffix; sizes and themes are the cards Worker's (src/cards/variants.ts).
 * The -600 and -300 ones are the wide card scaled down, for oEmbed consumers whose
 * maxwidth/maxheight the 1200×630 card does not fit (oEmbed §2.3.4: the thumbnail must
 * respect them): drawn when first asked for, not after every write.
 */
export const CARD_SUFFIX = { wide: "", square: "-square", wideDark: "-dark", squareDark: "-square-dark", wide600: "-600", wide300: "-300" } as const;
export type CardVariant = keyof typeof CARD_SUFFIX;
export const VARIANT_NAMES = Object.keys(CARD_SUFFIX) as CardVariant[];
/** What a write draws at once: what pages advertise and chat apps fetch. */
export const PRERENDERED_VARIANTS: readonly CardVariant[] = ["wide", "square", "wideDark", "squareDark"];

/** The wide card's sizes as PNGs, largest first: what an oEmbed thumbnail can be. */
export const WIDE_SIZES: readonly { variant: CardVariant; width: number; height: number }[] = [
  { variant: "wide", width: 1200, height: 630 },
  { variant: "wide600", width: 600, height: 315 },
  { variant: "wide300", width: 300, height: 158 },
];

/** Only http(s) images are drawn; a relative image resolves on the site. */
function absoluteImage(value: string | null, site: SiteConfig): string | null {
  if (!value) return null;
  try {
    const url = new URL(value, `${site.url}/`);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

export function cardModelOf(article: Pick<Article, "title" | "category" | "publishedAt" | "utcOffsetMin" | "sourceName" | "imageUrl">, site: SiteConfig): CardModel {
  return {
    // The cards Worker's limits (src/cards/schema.ts): a longer value would be refused.
    title: article.title.slice(0, 500),
    category: article.category.name.slice(0, 100),
    // "2022-04-28 14:08" and the offset from the RFC 3339 form ("…+08:00").
    date: `${formatDisplayDate(article.publishedAt, article.utcOffsetMin)} ${toRfc3339(article.publishedAt, article.utcOffsetMin).slice(-6)}`,
    source: article.sourceName ? article.sourceName.slice(0, 100) : null,
    site: site.name.slice(0, 100),
    imageUrl: absoluteImage(article.imageUrl, site),
  };
}

/** 16 hex digits of SHA-256 over the model and CARD_VERSION (synchronous: node:crypto, no bundle cost). */
export function cardHash(model: CardModel): string {
  const canonical = JSON.stringify([CARD_VERSION, model.title, model.category, model.date, model.source, model.site, model.imageUrl]);
  return createHash("sha256").update(canonical).digest("hex").slice(0, 16);
}

/** "NW202204282363815497-0123456789abcdef-square.png": the file name in the URL and the R2 key's tail. */
export function cardFile(infoCode: string, hash: string, variant: CardVariant): string {
  return `${infoCode}-${hash}${CARD_SUFFIX[variant]}.png`;
}

/** R2 object key of a card. */
export function cardKey(infoCode: string, hash: string, variant: CardVariant): string {
  return `cards/${cardFile(infoCode, hash, variant)}`;
}

const FILE_RE = /^([A-Z]{2}\d{18})-([0-9a-f]{16})(?:(-square)?(-dark)?|-(600|300))\.png$/;

/** The parts of a card file name, or null when it is not one. */
export function parseCardFile(file: string): { infoCode: string; hash: string; variant: CardVariant } | null {
  const m = FILE_RE.exec(file);
  if (!m?.[1] || !m[2]) return null;
  const variant: CardVariant = m[5] ? (m[5] === "600" ? "wide600" : "wide300") : m[3] ? (m[4] ? "squareDark" : "square") : m[4] ? "wideDark" : "wide";
  return { infoCode: m[1], hash: m[2], variant };
}
