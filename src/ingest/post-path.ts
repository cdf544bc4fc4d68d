/**
 * What Jekyll reads from a post's path: `_posts/YYYY-MM-DD-slug.ext` gives the date and
 * slug, folders above `_posts` (`markets/_posts/…`) give categories, folders below it do
 * not. Paths use `/` and are relative to the site (or just a file name for a bare post).
 */
import { isInfoCode } from "./info-code";

// Jekyll's DATE_FILENAME_MATCHER: a date, a dash, the slug, an extension.
const DATED_RE = /^(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^./]+)$/;
const CODE_RE = /(?:^|-)([A-Z]{2}\d{18})$/;
// The mirror also names files by the code's 18 digits alone; its codes carry "NW".
const BARE_CODE_RE = /(?:^|-)(\d{18})$/;
export const BARE_CODE_PREFIX = "NW";

export type PostPath = {
  /** The path as given, with `/` separators. */
  path: string;
  /** "2022-04-28" from the file name, or null when the name carries no date. */
  dateText: string | null;
  slug: string;
  infoCode: string | null;
  /** Folders above `_posts`, in order (Jekyll's categories from the path). */
  folderCategories: string[];
  /** The file sits in a `_drafts` folder: Jekyll does not publish it. */
  draft: boolean;
};

export function parsePostPath(input: string): PostPath {
  const path = input.replace(/\\/g, "/").replace(/^\.\//, "");
  const parts = path.split("/");
  const file = parts[parts.length - 1] ?? "";
  const postsAt = parts.lastIndexOf("_posts");
  const folderCategories = postsAt > 0 ? parts.slice(0, postsAt).filter((p) => p !== "" && p !== ".") : [];
  const dated = DATED_RE.exec(file);
  const slug = dated ? (dated[2] ?? "") : file.replace(/\.[^.]+$/, "");
  const code = CODE_RE.exec(slug)?.[1] ?? null;
  const bare = BARE_CODE_RE.exec(slug)?.[1];
  const candidate = code ?? (bare ? `${BARE_CODE_PREFIX}${bare}` : null);
  return {
    path,
    dateText: dated?.[1] ?? null,
    slug,
    infoCode: candidate && isInfoCode(candidate) ? candidate : null,
    folderCategories,
    draft: parts.includes("_drafts"),
  };
}

/** Jekyll's title for a post without one: the slug's words, each capitalised. */
export function titleFromSlug(slug: string): string {
  return slug
    .split("-")
    .filter((w) => w !== "")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
}
