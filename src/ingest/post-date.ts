/**
 * Jekyll post dates: "2022-04-28 14:08:53 +0800" and the other forms Jekyll accepts
 * (checked against Jekyll 4.3.1: one-digit months, days and hours, named months, a
 * trailing zone name, which Jekyll ignores). A date keeps its offset, because pages show
 * the wall time the newsroom published at.
 */
import { zoneOffsetMin, wallTimeToInstant, type Zone } from "./zone";
import { SITE_OFFSET_MIN } from "../lib/config";

/**
 * Partners are Chinese newsrooms: a post sent alone, without a site's `timezone`, is read
 * in China Standard Time (+08:00, no daylight saving).
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
  /** The value named a day without a time ("2022-04-28"): show no invented 00:00. */
  dateOnly: boolean;
  /** Things Jekyll accepts silently that a partner should know (a rolled-over day, an ignored zone name). */
  notes: string[];
};

export type DateOptions = {
  /**
   * Jekyll semantics for a site import: an unquoted YAML timestamp with seconds and no
   * offset is UTC (Ruby's YAML reads it as a UTC Time); every other zone-less form is
   * wall time in the site's zone. Off, every zone-less form is wall time in the zone.
   */
  yamlTimestampIsUtc?: boolean;
};

/** A date that cannot be read; the caller knows which key and line it came from. */
export class PostDateError extends Error {
  override readonly name = "PostDateError";
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const TIME = String.raw`(?:(?:[Tt]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?`;
const OFFSET = String.raw`(?:\s*([Zz]|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?))?`;
// A zone name after the time (`CET`, `America/New_York`): Jekyll 4.3 ignores it, so do we.
const ZONE_NAME = String.raw`(?:\s+([A-Za-z][A-Za-z_]+(?:\/[A-Za-z_]+)*))?`;
const ISO_RE = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}${OFFSET}${ZONE_NAME}$`);
// Ruby's YAML (Psych) turns exactly this shape into a Time; zone-less means UTC there.
const PSYCH_TIMESTAMP_RE = /^\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?$/;
// "July 27, 2021", "27 July 2021", "Jul 27 2021 10:00".
const NAMED_RE = new RegExp(String.raw`^(?:${MONTH}\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})|(\d{1,2})\s+${MONTH}\.?,?\s+(\d{4}))${TIME}${OFFSET}$`, "i");

const FORMS = "use `2022-04-28 14:08:53 +0800` (time and offset optional) or `July 27, 2021`";

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

function parseOffset(text: string): number {
  if (/^(?:z|utc|gmt)$/i.test(text)) return 0;
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(text);
  const sign = m?.[1] === "-" ? -1 : 1;
  const hours = Number(m?.[2] ?? 99);
  const minutes = Number(m?.[3] ?? 0);
  const offsetMin = sign * (hours * 60 + minutes);
  // Real zones run from -12:00 to +14:00; anything wider is a typo, not a place.
  if (minutes > 59 || offsetMin < -720 || offsetMin > 840) {
    throw new PostDateError(`the UTC offset "${text}" is out of range (-12:00 to +14:00)`);
  }
  return offsetMin;
}

type Parts = {
  year: number; month: number; day: number; h?: string; mi?: string; s?: string; frac?: string; off?: string;
  zoneName?: string; ignored?: string;
};

// Ruby's Time.parse, which Jekyll uses for such strings, reads the date and time and drops
// what follows ("2023-01-29 18:30:22 2023 -0800" is 18:30:22 in the site's zone).
const TRAILING_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|\s+)(\d{1,2}):(\d{2})(?::(\d{2}))?\s+(\S.*)$/;

function match(text: string): Parts | null {
  const iso = ISO_RE.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, off, zoneName] = iso;
    return { year: Number(y), month: Number(mo), day: Number(d), h, mi, s, frac, off, zoneName };
  }
  const named = NAMED_RE.exec(text);
  if (!named) {
    const t = TRAILING_RE.exec(text);
    if (!t) return null;
    const [, y, mo, d, h, mi, s, rest] = t;
    return { year: Number(y), month: Number(mo), day: Number(d), h, mi, s, ignored: rest };
  }
  const [, m1, d1, y1, d2, m2, y2, h, mi, s, frac, off] = named;
  const month = MONTHS.indexOf((m1 ?? m2 ?? "").slice(0, 3).toLowerCase()) + 1;
  return { year: Number(y1 ?? y2), month, day: Number(d1 ?? d2), h, mi, s, frac, off };
}

/**
 * Reads a front matter date. Without an offset it is wall time in `zone` (an offset in
 * minutes or an IANA zone name such as `Asia/Shanghai`). Throws PostDateError with a
 * message that says what to write instead.
 */
export function parsePostDate(input: string, zone: Zone = DEFAULT_OFFSET_MIN, options: DateOptions = {}): PostDate {
  const text = input.trim();
  const p = match(text);
  if (!p) throw new PostDateError(`"${text}" is not a date; ${FORMS}`);
  const notes: string[] = [];
  let { year, month, day } = p;
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > 31) {
    throw new PostDateError(`"${text}" is not a day on the calendar (years ${MIN_YEAR}–${MAX_YEAR})`);
  }
  if (day > daysInMonth(year, month)) {
    // Jekyll (Ruby's Time.parse) rolls 2022-02-30 over to 2022-03-02; so do we, and say so.
    const rolled = new Date(Date.UTC(year, month - 1, day));
    notes.push(`"${text}" is not a day on the calendar; read as ${rolled.toISOString().slice(0, 10)}, as Jekyll does`);
    [year, month, day] = [rolled.getUTCFullYear(), rolled.getUTCMonth() + 1, rolled.getUTCDate()];
  }
  const hour = p.h === undefined ? 0 : Number(p.h);
  const minute = p.mi === undefined ? 0 : Number(p.mi);
  const second = p.s === undefined ? 0 : Number(p.s);
  if (hour > 23 || minute > 59 || second > 59) {
    throw new PostDateError(`"${text}" has no such time of day; ${FORMS}`);
  }
  if (p.ignored !== undefined) notes.push(`"${p.ignored}" after the time in \`${text}\` is ignored, as Jekyll ignores it`);
  if (p.zoneName !== undefined) notes.push(`the zone name "${p.zoneName}" in \`${text}\` is ignored, as Jekyll ignores it`);
  const millis = p.frac === undefined ? 0 : Math.floor(Number(`0.${p.frac}`) * 1000);
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const dateOnly = p.h === undefined;
  let instantMs: number;
  let offsetMin: number;
  // Jekyll 4.3 (Ruby's Time.parse) ignores an offset after a bare day: "2018-12-21 +0800"
  // is midnight in the site's zone.
  if (p.off !== undefined && dateOnly) notes.push(`the offset in \`${text}\` is ignored for a date without a time, as Jekyll ignores it`);
  if (p.off !== undefined && !dateOnly) {
    offsetMin = parseOffset(p.off);
    instantMs = wallMs - offsetMin * 60_000;
  } else if (options.yamlTimestampIsUtc && PSYCH_TIMESTAMP_RE.test(text)) {
    instantMs = wallMs;
    offsetMin = zoneOffsetMin(zone, instantMs);
  } else {
    instantMs = wallTimeToInstant(zone, wallMs);
    offsetMin = zoneOffsetMin(zone, instantMs);
  }
  // The day the reader sees is the day at the offset shown, for the info code too.
  const shown = new Date(instantMs + offsetMin * 60_000);
  return {
    instantMs,
    offsetMin,
    year: shown.getUTCFullYear(),
    month: shown.getUTCMonth() + 1,
    day: shown.getUTCDate(),
    dateOnly,
    notes,
  };
}
