/**
 * A site post's own URL on the partner's Jekyll site (jekyll-url.ts computes it), read from
 * the post: its `permalink:` and `slug:`, its categories in Jekyll's order, its date. Stored
 * decoded (src/lib/old-urls.ts), so the old URL answers 301 to the share page.
 */
import type { FrontMatter } from "./front-matter";
import { jekyllPostUrl, PermalinkError } from "./jekyll-url";
import type { PostPath } from "./post-path";
import type { SiteContext } from "./types";
import type { Zone } from "./zone";
import { decodeUrlPath, MAX_OLD_URL_CHARS } from "../lib/old-urls";

/**
 * Jekyll's page.categories: folders above `_posts`, then `categories` (a string split on
 * white space), then `category` as one name (Document#populate_categories), repeats dropped.
 */
function jekyllCategories(fm: FrontMatter, folders: readonly string[]): string[] {
  const plural = fm.entry("categories");
  const singular = fm.entry("category");
  const fromCategory = singular ? (fm.optionalText(singular) !== null ? [fm.text(singular)] : fm.list(singular)) : [];
  const names = [...folders, ...(plural ? fm.list(plural) : []), ...fromCategory];
  return [...new Set(names.filter((n) => n !== ""))];
}

/** The post's URL on its site, decoded (`/emnews/2021/12/08/x.html`); null for a post sent alone or a pattern Jekyll refuses (with a warning). */
export function readJekyllUrl(fm: FrontMatter, path: PostPath | null, site: SiteContext | undefined, zone: Zone, instantMs: number): string | null {
  if (!site || !path) return null;
  const own = fm.entry("permalink");
  const slugEntry = fm.entry("slug");
  try {
    const url = jekyllPostUrl({
      ...(site.permalink ? { sitePermalink: site.permalink } : {}),
      postPermalink: fm.optionalText(own),
      ...(site.baseurl ? { baseurl: site.baseurl } : {}),
      categories: jekyllCategories(fm, path.folderCategories),
      instantMs,
      zone,
      // Jekyll drops a file name slug's trailing dots (Document#populate_title).
      slug: fm.optionalText(slugEntry) ?? path.slug.replace(/\.+$/, ""),
      path: path.path,
    });
    if (url.length > MAX_OLD_URL_CHARS) {
      // Longer than any request path the route looks up: kept nowhere (and the row stays small).
      fm.warnings.push({ line: own ? own.line : 1, message: `The post's URL on its site is ${url.length} characters; old URLs longer than ${MAX_OLD_URL_CHARS} are not kept.` });
      return null;
    }
    return decodeUrlPath(url);
  } catch (err) {
    if (!(err instanceof PermalinkError)) throw err;
    const line = own ? own.line : 1;
    fm.warnings.push({ line, message: `${err.message}; the post's old site URL is not kept.` });
    return null;
  }
}
