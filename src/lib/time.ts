/**
 * Instants are stored as epoch milliseconds plus the source's UTC offset in minutes.
 * Everything shown to people or machines is the wall time at that offset, so the seed
 * reads 2022-04-28 14:08 in every time zone. No function here reads the clock.
 */

type WallTime = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
};

function wallTime(instantMs: number, offsetMin: number): WallTime {
  const d = new Date(instantMs + offsetMin * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

function offsetText(offsetMin: number, separator: string): string {
  const sign = offsetMin < 0 ? "-" : "+";
  const abs = Math.abs(offsetMin);
  return `${sign}${pad(Math.floor(abs / 60))}${separator}${pad(abs % 60)}`;
}

/** "2022-04-28 14:08": what a reader sees. */
export function formatDisplayDate(instantMs: number, offsetMin: number): string {
  const t = wallTime(instantMs, offsetMin);
  return `${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}`;
}

/** What a reader sees: the day alone when the source gave no time (no invented 00:00). */
export function formatShownDate(instantMs: number, offsetMin: number, dateOnly = false): string {
  return dateOnly ? formatDisplayDay(instantMs, offsetMin) : formatDisplayDate(instantMs, offsetMin);
}

/** "2022-04-28": the date part alone. */
export function formatDisplayDay(instantMs: number, offsetMin: number): string {
  const t = wallTime(instantMs, offsetMin);
  return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
}

/** RFC 3339 with the source's offset: "2022-04-28T14:08:53+08:00". */
export function toRfc3339(instantMs: number, offsetMin: number): string {
  const t = wallTime(instantMs, offsetMin);
  return `${t.year}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${offsetText(offsetMin, ":")}`;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** RFC 822 (as RSS 2.0 uses it) with the source's offset: "Thu, 28 Apr 2022 14:08:53 +0800". */
export function toRfc822(instantMs: number, offsetMin: number): string {
  const t = wallTime(instantMs, offsetMin);
  return `${DAYS[t.weekday]}, ${pad(t.day)} ${MONTHS[t.month - 1]} ${t.year} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)} ${offsetText(offsetMin, "")}`;
}
