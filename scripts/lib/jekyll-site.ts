/**
 * A Jekyll site on disk as the import command reads it: `_config.yml` (url, baseurl,
 * permalink, timezone, lang, defaults, exclude), every `_posts` folder at any depth (folders above it give
 * categories), `_drafts` skipped, `_includes` for Liquid, `_data/categories.yml` (or
 * `content/categories.yml`) for category display names.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import type { SiteContext } from "../../src/ingest/types";
import { isZoneName } from "../../src/ingest/zone";

/**
 * `path` is where Jekyll reads the post from (date, slug, categories, the article's source
 * key); `file` is where it is in the folder: the same, except for an archive folder's copy
 * (`old_post/x.md` is read as `_posts/x.md`, see readSite).
 */
export type SitePost = { path: string; file: string; abs: string; text: string };
export type Site = {
  root: string;
  config: Record<string, unknown>;
  context: SiteContext;
  posts: SitePost[];
  /** Files Jekyll would not publish as posts, with why (drafts, undated names). */
  skipped: { path: string; reason: string }[];
  includesDir: string | null;
  /** `_data/` files as `site.data` (file name without extension -> its content). */
  data: Record<string, unknown>;
};

const POST_EXT_RE = /\.(?:md|markdown|mkd|mkdn|mdown|html|htm)$/i;
const DATED_RE = /^\d{2,4}-\d{1,2}-\d{1,2}-[^/]*\.[^./]+$/;
// Jekyll's own default excludes.
const DEFAULT_EXCLUDE = [".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock", "node_modules", "vendor", "_site"];

export function isJekyllSite(dir: string): boolean {
  return statSync(dir, { throwIfNoEntry: false })?.isDirectory() === true &&
    (existsSync(path.join(dir, "_config.yml")) || existsSync(path.join(dir, "_posts")));
}

/**
 * The Jekyll site a post file sits in, for a file sent alone: the nearest folder above it
 * with a `_config.yml`, the file being in a `_posts` folder below that one. `rel` is the
 * file's site-relative path, as a site import sends it.
 */
export function enclosingSite(file: string): { root: string; rel: string } | null {
  const abs = path.resolve(file);
  for (let dir = path.dirname(abs); ; dir = path.dirname(dir)) {
    const rel = path.relative(dir, abs).split(path.sep).join("/");
    if (rel.split("/").slice(0, -1).includes("_posts") && existsSync(path.join(dir, "_config.yml"))) return { root: dir, rel };
    if (path.dirname(dir) === dir) return null;
  }
}

function readYamlFile(file: string): unknown {
  // Ruby's YAML lets a repeated key take the last value; so must we, or such a site cannot be read.
  return existsSync(file) ? (parseYaml(readFileSync(file, "utf8").replace(/^\uFEFF/, ""), { uniqueKeys: false }) as unknown) : null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function categoryNames(root: string): Record<string, string> {
  const names: Record<string, string> = {};
  for (const file of ["_data/categories.yml", "_data/categories.yaml", "content/categories.yml"]) {
    const data = readYamlFile(path.join(root, file));
    // Either `slug: 名称` or a list of `{slug, name}`.
    if (isRecord(data)) for (const [k, v] of Object.entries(data)) if (typeof v === "string") names[k] = v;
    if (Array.isArray(data)) {
      for (const item of data) if (isRecord(item) && typeof item.slug === "string" && typeof item.name === "string") names[item.slug] = item.name;
    }
  }
  return names;
}

/** What the admin API accepts of `lang`; a longer value is no language tag, and is cut (it is only warned about). */
export const SITE_LANG_MAX_CHARS = 200;

/**
 * `lang` as written, for the parser to check per post (a malformed one is a warning there,
 * as in front matter): a scalar's text, a list or map as its JSON, absent when empty.
 */
function siteLang(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = (typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : JSON.stringify(value)).trim();
  return text === "" ? undefined : text.slice(0, SITE_LANG_MAX_CHARS);
}

function siteContext(root: string, config: Record<string, unknown>): SiteContext {
  const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);
  const timezone = str(config.timezone);
  if (timezone && !isZoneName(timezone)) throw new Error(`${path.join(root, "_config.yml")}: timezone "${timezone}" is not a zone name such as Asia/Shanghai`);
  const defaults = Array.isArray(config.defaults)
    ? config.defaults.filter(isRecord).map((d) => {
        const scope = isRecord(d.scope) ? d.scope : {};
        return {
          scope: { ...(str(scope.path) !== undefined ? { path: String(scope.path) } : {}), ...(str(scope.type) ? { type: String(scope.type) } : {}) },
          values: isRecord(d.values) ? d.values : {},
        };
      })
    : [];
  const names = categoryNames(root);
  const lang = siteLang(config.lang);
  // Jekyll: `collections.posts.permalink` wins over the site's `permalink` (Configuration#add_default_collections).
  const collections = isRecord(config.collections) ? config.collections : {};
  const postsCollection = isRecord(collections.posts) ? collections.posts : {};
  const permalink = str(postsCollection.permalink) ?? str(config.permalink);
  return {
    ...(str(config.url) ? { url: str(config.url)!.replace(/\/+$/, "") } : {}),
    ...(str(config.baseurl) ? { baseurl: `/${str(config.baseurl)!.replace(/^\/+|\/+$/g, "")}` } : {}),
    ...(permalink ? { permalink } : {}),
    ...(timezone ? { timezone } : {}),
    ...(lang !== undefined ? { lang } : {}),
    ...(defaults.length > 0 ? { defaults } : {}),
    ...(Object.keys(names).length > 0 ? { categoryNames: names } : {}),
  };
}

function excluded(rel: string, patterns: string[]): boolean {
  return patterns.some((p) => {
    const pat = p.replace(/^\/+|\/+$/g, "");
    if (pat.includes("*")) return path.matchesGlob?.(rel, pat) ?? false;
    return rel === pat || rel.startsWith(`${pat}/`);
  });
}

function readData(dir: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  if (!existsSync(dir)) return data;
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) data[entry] = readData(file);
    else if (/\.(?:ya?ml)$/i.test(entry)) data[entry.replace(/\.[^.]+$/, "")] = readYamlFile(file);
    else if (/\.json$/i.test(entry)) data[entry.replace(/\.[^.]+$/, "")] = JSON.parse(readFileSync(file, "utf8")) as unknown;
  }
  return data;
}

export type ReadSiteOptions = {
  /**
   * Top-level folders whose post files are this site's articles too, each read as if it
   * were `_posts/` (`old_post/2021-12-08-x.md` as `_posts/2021-12-08-x.md`): a mirror that
   * moves older posts out of `_posts` keeps them as the same articles. None by default.
   */
  archiveDirs?: readonly string[];
};

/** An archive folder name as the option takes it: one folder, `/`-free at both ends. */
export function archiveDirName(dir: string): string {
  return dir.replace(/\\/g, "/").replace(/^\.?\/+|\/+$/g, "");
}

/**
 * Where Jekyll reads a site-relative file from when it is a post file by its place and
 * name (under a `_posts` folder, or in an archive folder: read as `_posts/…`), else null.
 * For files that are gone (a sync's deletions); readSite walks what is there.
 */
export function postReadPath(file: string, options: ReadSiteOptions = {}): string | null {
  const parts = file.split("/");
  const name = parts[parts.length - 1] ?? "";
  if (!POST_EXT_RE.test(name) || !DATED_RE.test(name) || parts.includes("_drafts")) return null;
  const archive = (options.archiveDirs ?? []).map(archiveDirName).find((d) => d !== "" && parts[0] === d);
  if (archive) return `_posts${file.slice(archive.length)}`;
  return parts.slice(0, -1).includes("_posts") ? file : null;
}

export function readSite(rootInput: string, options: ReadSiteOptions = {}): Site {
  const root = path.resolve(rootInput);
  const raw = readYamlFile(path.join(root, "_config.yml"));
  const config = isRecord(raw) ? raw : {};
  const exclude = [...DEFAULT_EXCLUDE, ...(Array.isArray(config.exclude) ? config.exclude.map(String) : [])];
  const posts: SitePost[] = [];
  const skipped: Site["skipped"] = [];
  const archives = new Set((options.archiveDirs ?? []).map(archiveDirName).filter((d) => d !== ""));
  const walk = (rel: string, inPosts: boolean, archive?: string): void => {
    for (const entry of readdirSync(path.join(root, rel)).sort()) {
      const sub = rel === "" ? entry : `${rel}/${entry}`;
      if (entry.startsWith(".") || excluded(sub, exclude)) continue;
      if (rel === "" && archives.has(entry)) {
        if (statSync(path.join(root, sub), { throwIfNoEntry: false })?.isDirectory()) walk(sub, true, entry);
        continue;
      }
      const stat = statSync(path.join(root, sub), { throwIfNoEntry: false });
      if (!stat) continue;
      if (stat.isDirectory()) {
        if (entry === "_drafts") skipped.push({ path: sub, reason: "drafts: Jekyll does not publish _drafts" });
        else if (entry === "_posts") walk(sub, true);
        else if (inPosts || !entry.startsWith("_")) walk(sub, inPosts, archive);
      } else if (inPosts && POST_EXT_RE.test(entry)) {
        const read = archive ? `_posts${sub.slice(archive.length)}` : sub;
        if (DATED_RE.test(entry)) posts.push({ path: read, file: sub, abs: path.join(root, sub), text: readFileSync(path.join(root, sub), "utf8") });
        else skipped.push({ path: sub, reason: "not a post: Jekyll only publishes _posts files named YYYY-MM-DD-slug.ext" });
      }
    }
  };
  walk("", false);
  const includesDir = path.join(root, typeof config.includes_dir === "string" ? config.includes_dir : "_includes");
  return {
    root, config, context: siteContext(root, config), posts, skipped,
    includesDir: existsSync(includesDir) ? includesDir : null,
    data: readData(path.join(root, typeof config.data_dir === "string" ? config.data_dir : "_data")),
  };
}
