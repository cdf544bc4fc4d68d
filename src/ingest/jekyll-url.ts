/**
 * A post's URL on the partner's Jekyll site, as Jekyll 4.3 builds it (Jekyll::URL,
 * Drops::UrlDrop, Configuration::STYLE_TO_PERMALINK, Utils.slugify): the post's own
 * `permalink:` if it has one, else the site's `permalink` (a style name or a pattern;
 * default `date`), placeholders filled from the post, each value percent-escaped as
 * Jekyll escapes it, then `baseurl` in front.
 *
 * The date parts are the post's date in the site's zone (Jekyll's Time#localtime under
 * the site's TZ); categories are each lower-cased, repeats dropped, joined by "/" (not
 * slugified: `Java基础` stays `java基础`).
 */
import { zoneOffsetMin, type Zone } from "./zone";

/** Jekyll's named permalink styles (Configuration::STYLE_TO_PERMALINK). */
export const PERMALINK_STYLES: Readonly<Record<string, string>> = {
  none: "/:categories/:title:output_ext",
  date: "/:categories/:year/:month/:day/:title:output_ext",
  ordinal: "/:categories/:year/:y_day/:title:output_ext",
  pretty: "/:categories/:year/:month/:day/:title/",
  weekdate: "/:categories/:year/W:week/:short_day/:title:output_ext",
};

export type JekyllUrlInput = {
  /** The site's `permalink` (`date` when absent). */
  sitePermalink?: string;
  /** The post's own `permalink:` front matter: wins over the site's. */
  postPermalink?: string | null;
  /** `/base` or absent. */
  baseurl?: string;
  /** Jekyll's `page.categories` in its order: folders above `_posts`, then front matter. */
  categories: readonly string[];
  instantMs: number;
  /** The site's zone: the date parts are the wall-clock date there. */
  zone: Zone;
  /** Jekyll's `page.slug`: front matter `slug`, else the file name's slug. */
  slug: string;
  /** The site-relative file path (`_posts/2021-12-08-x.md`), for `:path` and `:name`. */
  path: string;
};

/** A permalink placeholder Jekyll does not know: its build fails, so no URL exists. */
export class PermalinkError extends Error {
  override readonly name = "PermalinkError";
}

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

// Utils.slugify's "default" and "pretty" modes.
const SLUG_DEFAULT = /[^\p{M}\p{L}\p{Nd}]+/gu;
const SLUG_PRETTY = /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu;

function slugify(text: string, mode: "default" | "pretty", cased = false): string {
  const slug = text.replace(mode === "pretty" ? SLUG_PRETTY : SLUG_DEFAULT, "-").replace(/^-|-$/g, "");
  return cased ? slug : slug.toLowerCase();
}

/** Jekyll::URL.escape_path: Addressable's path component encoding (unreserved, sub-delims, ":@/" stay). */
export function escapeJekyllPath(value: string): string {
  if (value === "" || /^[a-zA-Z0-9./-]+$/.test(value)) return value;
  let out = "";
  for (const ch of value) {
    if (/[A-Za-z0-9\-._~!$&'()*+,;=:@/]/.test(ch)) out += ch;
    else for (const byte of new TextEncoder().encode(ch)) out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** ISO 8601 week number and week-based year (strftime %V and %G) of a UTC calendar day. */
function isoWeek(d: Date): { week: number; year: number } {
  const day = d.getUTCDay() || 7;
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 4 - day));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return { week: Math.ceil(((thursday.getTime() - yearStart) / 86_400_000 + 1) / 7), year: thursday.getUTCFullYear() };
}

/** Every placeholder of Drops::UrlDrop (Jekyll 4.3), computed when a template names it. */
function placeholders(input: JekyllUrlInput): Record<string, () => string> {
  const wall = new Date(input.instantMs + zoneOffsetMin(input.zone, input.instantMs) * 60_000);
  const y = wall.getUTCFullYear();
  const m = wall.getUTCMonth();
  const d = wall.getUTCDate();
  const file = input.path.split("/").pop() ?? "";
  const stem = file.replace(/\.[^.]*$/, "");
  return {
    collection: () => "posts",
    // cleaned_relative_path: the path without its extension and the first `_posts`.
    path: () => input.path.replace(/\.[^./]*$/, "").replace("_posts", "").replace(/\.+$/, ""),
    output_ext: () => ".html",
    name: () => slugify(stem, "default"),
    title: () => slugify(input.slug, "pretty", true),
    slug: () => slugify(input.slug, "default"),
    categories: () => [...new Set(input.categories.map((c) => c.toLowerCase()))].join("/"),
    slugified_categories: () => [...new Set(input.categories.map((c) => slugify(c, "default")))].join("/"),
    year: () => String(y),
    month: () => pad(m + 1),
    day: () => pad(d),
    hour: () => pad(wall.getUTCHours()),
    minute: () => pad(wall.getUTCMinutes()),
    second: () => pad(wall.getUTCSeconds()),
    i_day: () => String(d),
    i_month: () => String(m + 1),
    short_month: () => (MONTHS[m] ?? "").slice(0, 3),
    long_month: () => MONTHS[m] ?? "",
    short_year: () => pad(y % 100),
    w_year: () => String(isoWeek(wall).year),
    week: () => pad(isoWeek(wall).week),
    w_day: () => String(wall.getUTCDay() || 7),
    short_day: () => (DAYS[wall.getUTCDay()] ?? "").slice(0, 3),
    long_day: () => DAYS[wall.getUTCDay()] ?? "",
    y_day: () => pad(Math.round((Date.UTC(y, m, d) - Date.UTC(y, 0, 1)) / 86_400_000) + 1, 3),
  };
}

/** Jekyll::URL#generate_url_from_drop: `:name` (or `:name_` before an underscore) replaced, escaped. */
function fill(template: string, values: Record<string, () => string>): string {
  return template.replace(/:([a-z_]+)/g, (match, name: string) => {
    const winner = name in values ? name : name.endsWith("_") && name.slice(0, -1) in values ? name.slice(0, -1) : null;
    if (winner === null) throw new PermalinkError(`the permalink has the placeholder \`${match}\`, which Jekyll does not know`);
    return match.replace(`:${winner}`, escapeJekyllPath(values[winner]?.() ?? ""));
  });
}

/** Jekyll::URL#sanitize_url: a leading "/", no "..", no "./", no repeated "/". */
function sanitizeUrl(url: string): string {
  return `/${url}`.replaceAll("..", "/").replaceAll("./", "").replace(/\/{2,}/g, "/");
}

/** The site's permalink as a pattern: a style name (`pretty`) or the pattern itself. */
export function permalinkPattern(sitePermalink: string | undefined): string {
  const value = sitePermalink?.trim() || "date";
  return PERMALINK_STYLES[value] ?? value;
}

/**
 * The post's URL as Jekyll writes it in `_site` and links it (percent-escaped, with
 * baseurl): `/emnews/2021/12/08/202112082206735975.html`. Throws PermalinkError for a
 * pattern Jekyll would refuse.
 */
export function jekyllPostUrl(input: JekyllUrlInput): string {
  const post = input.postPermalink?.trim();
  const url = sanitizeUrl(fill(post ? post : permalinkPattern(input.sitePermalink), placeholders(input)));
  const base = (input.baseurl ?? "").replace(/\/+$/, "");
  return `${base}${url}`;
}
