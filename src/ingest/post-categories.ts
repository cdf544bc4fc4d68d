/**
 * Categories as Jekyll has them: folders above `_posts`, then `category` and `categories`
 * from front matter (strings split on white space), all kept, the first being primary.
 * A category is stored by an ASCII slug (URLs) and shown by its display name.
 */
import type { Boilerplate } from "./boilerplate";
import { footerNameFor } from "./footer-links";
import type { FrontMatter } from "./front-matter";
import { sha256Hex } from "./hash";
import { PostParseError } from "./types";

export const DEFAULT_CATEGORY = "uncategorized";
export const MAX_CATEGORIES = 10;
const CATEGORY_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export type PostCategory = { slug: string; name: string };

const collapse = (s: string): string => s.replace(/\s+/g, " ").trim();

/**
 * A stable ASCII slug: the name itself when it is one ("Finance" -> "finance"); else its
 * ASCII letters and digits joined by "-" plus 8 hex digits of SHA-256(name), so "市场" and
 * "Java基础" get slugs that never change and never collide with a written slug.
 */
export async function categorySlug(name: string): Promise<string> {
  const lower = name.toLowerCase();
  if (CATEGORY_RE.test(lower)) return lower;
  const ascii = lower
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  const hash = (await sha256Hex(name)).slice(0, 8);
  return ascii === "" ? `c-${hash}` : `${ascii}-${hash}`;
}

function written(fm: FrontMatter): { names: string[]; line: number | null; key: string | null } {
  const names: string[] = [];
  let line: number | null = null;
  let key: string | null = null;
  for (const k of ["category", "categories"]) {
    const e = fm.entry(k);
    if (!e) continue;
    line ??= e.line;
    key ??= k;
    // A single `category` is one name even with spaces in it, as Jekyll reads it.
    const items = k === "category" && fm.optionalText(e) !== null ? [fm.text(e)] : fm.list(e);
    names.push(...items);
  }
  return { names, line, key };
}

export async function readCategories(
  fm: FrontMatter,
  folders: string[],
  chrome: Boilerplate,
  siteNames: Record<string, string>,
): Promise<{ categories: PostCategory[]; named: boolean; namedSlugs: string[] }> {
  const fromFm = written(fm);
  const names = [...new Set([...folders, ...fromFm.names].map(collapse).filter((s) => s !== ""))];
  if (names.length > MAX_CATEGORIES) {
    throw new PostParseError(
      `\`${fromFm.key ?? "categories"}\` on line ${fromFm.line ?? 1} gives ${names.length} categories; at most ${MAX_CATEGORIES} are allowed.`,
      fromFm.line ?? 1,
      fromFm.key,
    );
  }
  if (names.length === 0) return { categories: [{ slug: DEFAULT_CATEGORY, name: DEFAULT_CATEGORY }], named: false, namedSlugs: [] };
  const categories: PostCategory[] = [];
  const seen = new Set<string>();
  const namedSlugs: string[] = [];
  for (const [i, written] of names.entries()) {
    const slug = await categorySlug(written);
    if (seen.has(slug)) continue;
    seen.add(slug);
    // The footer's "返回北方网新闻" link is the partner's own name for the category.
    const footer = footerNameFor(chrome.footerCategories, slug, names.length === 1);
    const given = i === 0 || categories.length === 0 ? collapse(fm.optionalText(fm.entry("category_name")) ?? "") : "";
    const site = siteNames[slug] ?? siteNames[written];
    const name = footer || given || site || written;
    // A name the post gives (or one that differs from the slug, "Finance") may rename the
    // category; a bare slug never overwrites a display name someone set.
    if (footer || given || site || name !== slug) namedSlugs.push(slug);
    categories.push({ slug, name });
  }
  return { categories, named: namedSlugs[0] === categories[0]?.slug, namedSlugs };
}
