/**
 * The mirror's "back to …" footer: `[返回东财滚动新闻](../emnews/)`, `[返回首页](../)`, one a
 * line or joined by bars, with relative, root-relative, protocol-relative or absolute
 * destinations. Each category link's text is the partner's display name for a category.
 */
// Link destinations may hold one level of balanced parentheses, as CommonMark allows.
const DEST = String.raw`\(((?:[^()\s]|\([^()\s]*\))*)\)`;
const LINK = String.raw`\[返回[^\]\n]*\]${DEST}`;
// A line made only of "返回…" (back to …) links, separated by full- or half-width bars.
const FOOTER_RE = new RegExp(String.raw`^\s*${LINK}(?:\s*[｜|]\s*${LINK})*\s*$`);
const FOOTER_LINK_RE = new RegExp(String.raw`\[返回([^\]\n]*)\]${DEST}`, "g");
/** Link texts that name the site's home, not a category. */
const HOME_NAMES = new Set(["首页", "主页", "网站首页"]);
const SCHEME_RE = /^([a-z][a-z0-9+.-]*):/i;
const INDEX_PAGE_RE = /^index\.html?$/i;

/**
 * `slug` is the category the link's path names (its last segment, `.html` and
 * `index.html` left out, lower-cased); null when the path names none (`../`, `//host/`).
 */
export type FooterCategory = { slug: string | null; name: string };

export function isFooterLine(line: string): boolean {
  return FOOTER_RE.test(line);
}

/** The slug a footer link's destination names; undefined when it is no page link at all. */
export function footerSlug(destination: string): string | null | undefined {
  const scheme = SCHEME_RE.exec(destination)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== "http" && scheme !== "https") return undefined; // javascript:, mailto:
  if (destination.startsWith("#")) return undefined;
  let path = destination.replace(/[?#].*$/, "").replace(SCHEME_RE, "");
  if (path.startsWith("//")) path = path.slice(2).replace(/^[^/]*/, ""); // the host
  const segments = path.split("/").filter((s) => s !== "" && s !== "." && s !== "..");
  if (INDEX_PAGE_RE.test(segments[segments.length - 1] ?? "")) segments.pop();
  const last = segments[segments.length - 1];
  if (last === undefined) return null;
  const slug = decodeURIComponentSafe(last.replace(/\.html?$/i, "")).trim().toLowerCase();
  return slug === "" ? null : slug;
}

/** The categories a footer line names; home links and script links name none. */
export function footerCategories(line: string): FooterCategory[] {
  const found: FooterCategory[] = [];
  for (const m of line.matchAll(FOOTER_LINK_RE)) {
    const name = (m[1] ?? "").trim();
    if (name === "" || HOME_NAMES.has(name)) continue;
    const slug = footerSlug(m[2] ?? "");
    if (slug !== undefined) found.push({ slug, name });
  }
  return found;
}

/**
 * The footer's display name for a category: the link whose path names its slug, else a
 * link whose path names none when the post has exactly one category.
 */
export function footerNameFor(footer: FooterCategory[], slug: string, onlyCategory: boolean): string | undefined {
  const named = footer.find((c) => c.slug === slug)?.name;
  if (named !== undefined || !onlyCategory) return named;
  return footer.find((c) => c.slug === null)?.name;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
