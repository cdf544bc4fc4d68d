/**
 * Jekyll post dates: "2022-04-28 14:08:53 +0800" and the forms around it. A date keeps
 * its offset, because pages show the wall time the newsroom published at.
 */
import { SITE_OFFSET_MIN } from "../lib/config";

/**
 * Partners are Chinese newsrooms and Jekyll reads an offset-less date in the site's
 * zone, which for them is China Standard Time (+08:00, no daylight saving).
 */
export const DEFAULT_OFFSET_MIN = SITE_OFFSET_MIN;

/** News dates outside this range are typos; info codes share the range. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

export type PostDate = {
  /** Epoch milliseconds of the instant. */
  instantMs: number;
  /** The source's UTC offset in minutes (east positive). */
  offsetMin: number;
  /** Wall-clock calendar date at that offset, for the info code's yyyymmdd. */
  year: number;
  month: number;
  day: number;
};

/** A date that cannot be read; the caller knows which key and line it came from. */
export class PostDateError extends Error {
  override readonly name = "PostDateError";
}

const DATE_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:(?:[Tt]|\s+)(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(?:\s*([Zz]|[+-]\d{2}(?::?\d{2})?))?$/;

const FORMS = "use `2022-04-28 14:08:53 +0800` (seconds and offset optional) or `2022-04-28`";

export function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when year/month/day name a day that exists, within the accepted years. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  return (
    year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  );
}

function parseOffset(text: string | undefined, defaultOffsetMin: number): number {
  if (text === undefined) return defaultOffsetMin;
  if (text === "Z" || text === "z") return 0;
  const sign = text.startsWith("-") ? -1 : 1;
  const digits = text.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  const offsetMin = sign * (hours * 60 + minutes);
  // Real zones run from -12:00 to +14:00; anything wider is a typo, not a place.
  if (minutes > 59 || offsetMin < -720 || offsetMin > 840) {
    throw new PostDateError(`the UTC offset "${text}" is out of range (-12:00 to +14:00)`);
  }
  return offsetMin;
}

/**
 * Reads a front matter date. Without an offset the date is taken at defaultOffsetMin.
 * Throws PostDateError with a message that says what to write instead.
 */
export function parsePostDate(input: string, defaultOffsetMin: number = DEFAULT_OFFSET_MIN): PostDate {
  const text = input.trim();
  const m = DATE_RE.exec(text);
  if (!m) throw new PostDateError(`"${text}" is not a date; ${FORMS}`);
  const [, y, mo, d, h, mi, s, frac, off] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (!isCalendarDate(year, month, day)) {
    throw new PostDateError(`"${text}" is not a day on the calendar (years ${MIN_YEAR}–${MAX_YEAR})`);
  }
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23 || minute > 59 || second > 59) {
    throw new PostDateError(`"${text}" has no such time of day; ${FORMS}`);
  }
  const millis = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  const offsetMin = parseOffset(off, defaultOffsetMin);
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  return { instantMs: wallMs - offsetMin * 60_000, offsetMin, year, month, day };
}
