/**
 * Jekyll post dates: "2022-04-28 14:08:53 +0800" and the other forms Jekyll accepts
 * (checked against Jekyll 4.3.1: one-digit months, days and hours, named months, zone
 * abbreviations as Ruby's Time.parse reads them). A date keeps its offset, because pages
 * show the wall time the newsroom published at. Where we read a date differently from
 * Jekyll on purpose (a site's zone-less timestamp, an IANA zone name), a note says what
 * Jekyll would show (JEKYLL_WOULD_SHOW).
 */
import { isAreaZoneName, rubyZoneOffsetMin, zoneOffsetMin, wallTimeToInstant, type Zone } from "./zone";
import { SITE_OFFSET_MIN } from "../lib/config";
import { toRfc3339 } from "../lib/time";

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
  /**
   * The instant Jekyll 4.3 gives the date, for a site import (`options.jekyll`); absent
   * otherwise. Where we read the date otherwise on purpose, Jekyll's instant still names
   * the post's old URL (src/ingest/post-url.ts): that is the URL Jekyll built.
   */
  jekyllInstantMs?: number;
};

export type DateOptions = {
  /**
   * A site import: compare with what Jekyll 4.3 shows and note where we differ. `unquoted`:
   * the value was a plain YAML scalar, which Ruby's YAML reads as a UTC Time when it is a
   * timestamp with seconds and no offset. We read it, as every zone-less form, as wall
   * time in the site's zone: the time the newsroom wrote.
   */
  jekyll?: { unquoted: boolean };
};

/** Every note about a deliberate difference from Jekyll has this; the import summary counts them. */
export const JEKYLL_WOULD_SHOW = "Jekyll would show";

/** A date that cannot be read; the caller knows which key and line it came from. */
export class PostDateError extends Error {
  override readonly name = "PostDateError";
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const TIME = String.raw`(?:(?:[Tt]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?`;
const OFFSET = String.raw`(?:\s*([Zz]|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?))?`;
// A zone name after the time: `EST` or `H` (Ruby's table), `Asia/Shanghai` (IANA), `CET`
// (neither: ignored, as Jekyll ignores it).
const ZONE_WORD = String.raw`[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*`;
const ZONE_NAME = String.raw`(?:\s+(${ZONE_WORD}))?`;
const ISO_RE = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}${OFFSET}${ZONE_NAME}$`);
// Ruby's YAML (Psych) turns exactly this shape into a Time; zone-less means UTC there.
const PSYCH_TIMESTAMP_RE = /^\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?$/;
// "July 27, 2021", "27 July 2021", "Jul 27 2021 10:00".
const NAMED_RE = new RegExp(String.raw`^(?:${MONTH}\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})|(\d{1,2})\s+${MONTH}\.?,?\s+(\d{4}))${TIME}${OFFSET}${ZONE_NAME}$`, "i");
const ZONE_WORD_RE = new RegExp(`^${ZONE_WORD}$`);

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
    const [, y, mo, d, h, mi, s, rest = ""] = t;
    // Time.parse still honours a zone right after the time: "12:00 EDT extra" is 12:00 -04:00.
    const [first = "", ...others] = rest.split(/\s+/);
    const zoneName = ZONE_WORD_RE.test(first) && namedZone(first) !== null ? first : undefined;
    const ignored = zoneName === undefined ? rest : others.join(" ");
    return { year: Number(y), month: Number(mo), day: Number(d), h, mi, s, zoneName, ...(ignored === "" ? {} : { ignored }) };
  }
  const [, m1, d1, y1, d2, m2, y2, h, mi, s, frac, off, zoneName] = named;
  const month = MONTHS.indexOf((m1 ?? m2 ?? "").slice(0, 3).toLowerCase()) + 1;
  return { year: Number(y1 ?? y2), month, day: Number(d1 ?? d2), h, mi, s, frac, off, zoneName };
}

/** A zone written after the time that we honour: Ruby's fixed offsets, or an IANA name. */
function namedZone(name: string): Zone | null {
  return rubyZoneOffsetMin(name) ?? (isAreaZoneName(name) ? name : null);
}

/** "18:39:01 +08:00", with the day in front when it is not `day`. */
function shown(instantMs: number, offsetMin: number, day: string): string {
  const [date = "", rest = ""] = toRfc3339(instantMs, offsetMin).split("T");
  const time = `${rest.slice(0, 8)} ${rest.slice(8)}`;
  return date === day ? time : `${date} ${time}`;
}

const CHINA_OFFSET_MIN = 480;

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
  const millis = p.frac === undefined ? 0 : Math.floor(Number(`0.${p.frac}`) * 1000);
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const dateOnly = p.h === undefined;
  // Jekyll 4.3 (Ruby's Time.parse) ignores an offset or zone after a bare day: "2018-12-21 +0800"
  // is midnight in the site's zone.
  if (p.off !== undefined && dateOnly) notes.push(`the offset in \`${text}\` is ignored for a date without a time, as Jekyll ignores it`);
  // A zone name counts only without an offset before it ("+0800 EST" is +08:00, as in Ruby).
  const named = p.zoneName !== undefined && p.off === undefined && !dateOnly ? namedZone(p.zoneName) : null;
  if (p.zoneName !== undefined && named === null) notes.push(`the zone name "${p.zoneName}" in \`${text}\` is ignored, as Jekyll ignores it`);
  let instantMs: number;
  let offsetMin: number;
  if (p.off !== undefined && !dateOnly) {
    offsetMin = parseOffset(p.off);
    instantMs = wallMs - offsetMin * 60_000;
  } else {
    const readIn = named ?? zone;
    instantMs = wallTimeToInstant(readIn, wallMs);
    offsetMin = zoneOffsetMin(readIn, instantMs);
  }
  if (typeof named === "number" && p.zoneName?.toUpperCase() === "CST" && zoneOffsetMin(zone, instantMs) === CHINA_OFFSET_MIN) {
    notes.push(`CST in \`${text}\` is read as -06:00 (US Central), as Ruby's Time.parse reads it; write +0800 for China Standard Time`);
  }
  let jekyllMs: number | undefined;
  if (options.jekyll) {
    jekyllMs = jekyllInstant(text, p, named, zone, wallMs, options.jekyll.unquoted) ?? instantMs;
    if (jekyllMs !== instantMs) notes.push(differsFromJekyll(text, p.zoneName, typeof named === "string", zone, { instantMs, offsetMin }, jekyllMs));
  }
  // The day the reader sees is the day at the offset shown, for the info code too.
  const wall = new Date(instantMs + offsetMin * 60_000);
  return {
    instantMs,
    offsetMin,
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    dateOnly,
    notes,
    ...(jekyllMs !== undefined ? { jekyllInstantMs: jekyllMs } : {}),
  };
}

/**
 * The instant Jekyll 4.3 gives the date, when it is not ours (else null): Ruby's YAML reads
 * an unquoted zone-less timestamp with seconds as UTC; Time.parse ignores an IANA name.
 */
function jekyllInstant(text: string, p: Parts, named: Zone | null, zone: Zone, wallMs: number, unquoted: boolean): number | null {
  if (p.off !== undefined) return null;
  if (unquoted && PSYCH_TIMESTAMP_RE.test(text)) return wallMs;
  if (typeof named === "string") return wallTimeToInstant(zone, wallMs);
  return null;
}

/** The note for a date we read on purpose otherwise than Jekyll, with what Jekyll would show. */
function differsFromJekyll(
  text: string, zoneName: string | undefined, byName: boolean, zone: Zone, ours: { instantMs: number; offsetMin: number }, jekyllMs: number,
): string {
  const day = toRfc3339(ours.instantMs, ours.offsetMin).slice(0, 10);
  const theirs = `${JEKYLL_WOULD_SHOW} ${shown(jekyllMs, zoneOffsetMin(zone, jekyllMs), day)}`;
  const readAs = shown(ours.instantMs, ours.offsetMin, day);
  if (byName) return `the zone ${zoneName ?? ""} in \`${text}\` is honoured: read as ${readAs}; Jekyll ignores it: ${theirs}`;
  const where = typeof zone === "string" ? ` (${zone})` : "";
  return `${text} has no offset: read as ${readAs}${where} as the newsroom meant; ${theirs}`;
}
