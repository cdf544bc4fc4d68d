/**
 * Info codes: two letters and 18 digits, the first 8 a real yyyymmdd date
 * (`NW202204282363815497`). They key share URLs already in the wild, so the rule is one
 * and lives here: every route, the cache key, oEmbed and ingest read codes through
 * parseInfoCode.
 *
 * Lower-case letters are accepted and upper-cased, because codes get retyped by hand and
 * some chat apps lower-case links; the canonical form is upper case, so there is one page,
 * one cache entry and one row per article.
 */

/** A string that passed parseInfoCode: upper case, well formed, with a real date. */
export type InfoCode = string & { readonly __brand: "InfoCode" };

export const INFO_CODE_RULE = "two letters and 18 digits, the first 8 a real yyyymmdd date (e.g. NW202204282363815497)";

const SHAPE_RE = /^[A-Za-z]{2}(\d{4})(\d{2})(\d{2})\d{10}$/;

/** Years a code's date may name: the range post dates accept (src/ingest/post-date.ts). */
const MIN_YEAR = 1900;
const MAX_YEAR = 2999;

function isRealDay(year: number, month: number, day: number): boolean {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one.
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parseInfoCode(value: string | null | undefined): InfoCode | null {
  if (typeof value !== "string") return null;
  const m = SHAPE_RE.exec(value);
  if (m === null || !isRealDay(Number(m[1]), Number(m[2]), Number(m[3]))) return null;
  return value.toUpperCase() as InfoCode;
}

/** Whether the value is already a canonical (upper-case) info code. */
export function isInfoCode(value: string): value is InfoCode {
  return parseInfoCode(value) === value;
}
