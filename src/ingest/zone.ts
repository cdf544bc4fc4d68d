/**
 * Time zones for dates without an offset: a fixed offset in minutes, or an IANA name from
 * a site's `_config.yml` `timezone` (Jekyll sets TZ from it). Intl knows the rules in both
 * workerd and Node, so daylight saving comes out right without a zone database of our own.
 */
export type Zone = number | string;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric",
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True when Intl knows the zone name. */
export function isZoneName(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's UTC offset in minutes at an instant. */
export function zoneOffsetMin(zone: Zone, instantMs: number): number {
  if (typeof zone === "number") return zone;
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(instantMs))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return Math.round((wall - Math.floor(instantMs / 1000) * 1000) / 60_000);
}

/** The instant a wall-clock time names in the zone (the earlier one in a repeated hour). */
export function wallTimeToInstant(zone: Zone, wallMs: number): number {
  const first = wallMs - zoneOffsetMin(zone, wallMs) * 60_000;
  const second = wallMs - zoneOffsetMin(zone, first) * 60_000;
  return Math.min(first, second);
}

// Ruby's Time::ZoneOffset (time.rb), the only names Time.parse turns into an offset (hours):
// RFC 822's zones and the military letters A–Z without J. Jekyll reads dates with Time.parse.
const RUBY_ZONE_HOURS: Record<string, number> = {
  UTC: 0, Z: 0, UT: 0, GMT: 0,
  EST: -5, EDT: -4, CST: -6, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7,
  ...Object.fromEntries([..."ABCDEFGHIKLM"].map((letter, i) => [letter, i + 1])),
  ...Object.fromEntries([..."NOPQRSTUVWXY"].map((letter, i) => [letter, -(i + 1)])),
};

/** The offset in minutes Ruby's Time.parse gives a zone abbreviation (any case), or null. */
export function rubyZoneOffsetMin(name: string): number | null {
  const hours = RUBY_ZONE_HOURS[name.toUpperCase()];
  return hours === undefined ? null : hours * 60;
}

/**
 * True for an IANA `Area/Location` name Intl knows (`Asia/Shanghai`). Bare names such as
 * `CET` are IANA zones too, but Ruby ignores them and a newsroom rarely means one: left out.
 */
export function isAreaZoneName(name: string): boolean {
  return name.includes("/") && isZoneName(name);
}
