/**
 * Query parameter rules for cache keys. A route declares the parameters that change its
 * output, each with a rule; everything else (utm_*, fbclid, from, isappinstalled…) is
 * dropped before the key is made and never reaches the renderer. A rule normalizes, so
 * equivalent spellings share one entry, and bounds, so no one can mint entries without
 * limit: a value the route would reject makes no entry at all.
 */
import { decodeCursor, encodeCursor } from "../db/articles";
import { parseInfoCode } from "../lib/info-code";
import { MAX_QUERY_CHARS } from "../search/tokens";
import { ownArticleCode } from "../syndication/oembed";

/** The parameter makes the request uncacheable: it is rendered (an error page) but never stored. */
export const INVALID = Symbol("invalid");

/** Normalized value to keep; undefined: drop it (it means the default); INVALID: do not store. */
export type ParamRule = (value: string, siteUrl: string) => string | undefined | typeof INVALID;

/** Highest `page` a list or search serves; past it a reader should narrow the query. */
export const MAX_PAGE = 50;

/** A page number 1..MAX_PAGE; page 1 is the default and is dropped. */
export const pageNumber: ParamRule = (value) => {
  if (!/^[1-9]\d{0,2}$/.test(value)) return INVALID;
  const n = Number(value);
  if (n > MAX_PAGE) return INVALID;
  return n === 1 ? undefined : String(n);
};

/** A list cursor "publishedAt.id" in its canonical spelling, as the lists re-encode it. */
export const listCursor: ParamRule = (value) => {
  const cursor = decodeCursor(value);
  return cursor ? encodeCursor(cursor) : INVALID;
};

/** A search query with whitespace collapsed; empty is the default, too long is rejected. */
export const searchQuery: ParamRule = (value) => {
  const text = value.replace(/\s+/g, " ").trim();
  if (text === "") return undefined;
  return Array.from(text).length > MAX_QUERY_CHARS ? INVALID : text;
};

export const infoCodeParam: ParamRule = (value) => parseInfoCode(value) ?? INVALID;

/** A value the renderer ignores unless it matches: dropped when it does not, so junk makes no entry. */
export function optionalMatching(pattern: RegExp, maxLength: number): ParamRule {
  return (value) => (value.length <= maxLength && pattern.test(value) ? value : undefined);
}

/** oEmbed maxwidth/maxheight: a positive whole number (as parseMax reads it), else ignored. */
export const dimension: ParamRule = (value) => (/^\d{1,5}$/.test(value) && Number(value) > 0 ? String(Number(value)) : undefined);

/** oEmbed's `url`: one of our article URLs, as its canonical share URL; anything else makes no entry. */
export const ownArticleUrl: ParamRule = (value, siteUrl) => {
  const code = ownArticleCode(value, { url: siteUrl, name: "", lang: "" });
  return code ? `${siteUrl}/a/${code}` : INVALID;
};

/** A category slug as ingest accepts it (src/ingest/json-post.ts); anything else cannot name one. */
export const categorySlug: ParamRule = (value) => (/^[a-z0-9][a-z0-9_-]{0,63}$/.test(value) ? value : INVALID);

/** Longest tag name the list API looks up, in characters. */
export const MAX_TAG_CHARS = 100;

/** A tag name, trimmed; empty means no filter, too long cannot be a stored tag. */
export const tagName: ParamRule = (value) => {
  const text = value.trim();
  if (text === "") return undefined;
  return Array.from(text).length > MAX_TAG_CHARS ? INVALID : text;
};

/** Most articles one API list page returns, and the default. */
export const MAX_LIMIT = 50;
export const DEFAULT_LIMIT = 20;

/** A page size 1..MAX_LIMIT; the default is dropped so `limit=20` and no limit share one entry. */
export const listLimit: ParamRule = (value) => {
  if (!/^[1-9]\d{0,2}$/.test(value) || Number(value) > MAX_LIMIT) return INVALID;
  return Number(value) === DEFAULT_LIMIT ? undefined : String(Number(value));
};
