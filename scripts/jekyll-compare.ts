/**
 * npm run jekyll:compare -- [--legacy] [--no-jekyll] [--oracle-cache <dir>] <site folders…>
 *
 * Imports each Jekyll site through the importer's own path (the same site reading and
 * parsePost the import command runs, without the database) and compares post by post
 * with what real Jekyll builds: which posts are published, dates, titles, categories and
 * the body text. Prints the two figures IMPORT.md reports: the share of Jekyll's posts we
 * import, and stored bodies with Liquid or kramdown markers (`{%`, `{{`, `{:`) left in.
 * --legacy parses each _posts file alone, as the importer did before site support.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { htmlToText } from "../src/lib/html-text";
import { categorySlug, DEFAULT_CATEGORY } from "../src/ingest/post-categories";
import { dateVerdict, hasJekyll, runJekyll, type OraclePost } from "./lib/jekyll-oracle";
import { readSite } from "./lib/jekyll-site";
import { importSiteLocally, type LocalResult } from "./lib/site-local";

const RAW_MARKER_RE = /\{%|\{\{|\{:/;
// Rouge labels code with no language `language-plaintext`; that one is not counted as lost.
const LANGUAGE_CLASS_RE = /class="[^"]*\blanguage-(?!plaintext\b)[^"\s]+/;

/** Same-page links (`href="#x"`: footnotes, the table of contents) with no `id="x"` in the body. */
function deadAnchors(html: string): number {
  const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
  const decoded = (s: string): string => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  // As browsers match them: the fragment as written, or percent-decoded.
  return [...html.matchAll(/\shref="#([^"]+)"/g)].filter((m) => !ids.has(m[1]) && !ids.has(decoded(m[1] ?? ""))).length;
}

type SiteFigures = {
  site: string;
  jekyllPosts: number;
  imported: number;
  missing: { path: string; reason: string }[];
  extra: string[];
  rawMarkers: string[];
  rawMarkersNotInJekyll: string[];
  /** Bodies with a same-page link that leads nowhere, where Jekyll's links all lead somewhere. */
  deadAnchors: string[];
  /** Bodies whose code blocks lost the language class Jekyll's output has. */
  languageLost: string[];
  dateDiffs: string[];
  /** Dates that differ from Jekyll's only by newsroom time, on purpose (see dateVerdict). */
  dateByDesign: string[];
  titleDiffs: string[];
  categoryDiffs: string[];
  textSame: number;
  textClose: number;
  textDiffs: string[];
  /** Posts whose Liquid Jekyll itself could not render (left out of the text comparison). */
  jekyllLiquidErrors: number;
};

// Site chrome the importer drops by design (SPEC 1, src/ingest/boilerplate.ts), as Jekyll
// renders it: a paragraph of only a bare URL (the share link, the upstream `<http://…>`
// line), or of only "返回…" links.
const SHARE_P_RE = /<p>\s*<a href="([^"]*)">\1<\/a>\s*<\/p>/gi;
const FOOTER_P_RE = /<p>(?:\s*<a [^>]*>返回[^<]*<\/a>\s*[｜|]?)+\s*<\/p>/g;
const withoutChrome = (html: string): string => html.replace(SHARE_P_RE, "").replace(FOOTER_P_RE, "");

const squeeze = (s: string): string => s.replace(/\s+/g, "");

/** Share of characters the two texts have in common, as multisets (order ignored): cheap and rough. */
function overlap(a: string, b: string): number {
  if (a === b) return 1;
  const counts = new Map<string, number>();
  for (const ch of a) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let common = 0;
  for (const ch of b) {
    const n = counts.get(ch) ?? 0;
    if (n > 0) {
      common += 1;
      counts.set(ch, n - 1);
    }
  }
  return common / Math.max(a.length, b.length, 1);
}

async function compareSite(site: string, timezone: string | undefined, oracle: OraclePost[], ours: LocalResult[]): Promise<SiteFigures> {
  const byPath = new Map(ours.map((r) => [r.path, r]));
  const f: SiteFigures = {
    site, jekyllPosts: oracle.length, imported: 0, missing: [], extra: [], rawMarkers: [], rawMarkersNotInJekyll: [], deadAnchors: [], languageLost: [],
    dateDiffs: [], dateByDesign: [], titleDiffs: [], categoryDiffs: [], textSame: 0, textClose: 0, textDiffs: [], jekyllLiquidErrors: 0,
  };
  const oraclePaths = new Set(oracle.map((p) => p.path));
  for (const r of ours) if (r.post && r.post.status === "published" && !oraclePaths.has(r.path)) f.extra.push(r.path);
  for (const o of oracle) {
    const r = byPath.get(o.path);
    const post = r?.post;
    if (!post || post.status !== "published") {
      f.missing.push({ path: o.path, reason: r?.reason ?? (post ? "not published" : "not found by the importer") });
      continue;
    }
    f.imported += 1;
    const jekyllText = htmlToText(withoutChrome(o.content));
    const ourText = htmlToText(post.bodyHtml);
    if (RAW_MARKER_RE.test(post.bodyHtml)) {
      f.rawMarkers.push(o.path);
      if (!RAW_MARKER_RE.test(o.content)) f.rawMarkersNotInJekyll.push(o.path);
    }
    if (deadAnchors(post.bodyHtml) > 0 && deadAnchors(o.content) === 0) f.deadAnchors.push(o.path);
    if (LANGUAGE_CLASS_RE.test(o.content) && !LANGUAGE_CLASS_RE.test(post.bodyHtml)) f.languageLost.push(o.path);
    const date = dateVerdict(o.date, post.publishedAt, timezone);
    const dates = `${o.path}: jekyll ${o.date}, ours ${new Date(post.publishedAt).toISOString()}`;
    if (date === "differs") f.dateDiffs.push(dates);
    else if (date === "newsroom-time") f.dateByDesign.push(dates);
    if (o.title.replace(/\s+/g, " ").trim() !== post.title) f.titleDiffs.push(`${o.path}: jekyll "${o.title}", ours "${post.title}"`);
    // Compared by slug: our names may come from _data/categories.yml, Jekyll's are as written.
    const ourCats = post.categories.map((c) => c.slug).filter((s) => s !== DEFAULT_CATEGORY);
    const jekyllCats = [...new Set(await Promise.all(o.categories.map(categorySlug)))];
    if (jekyllCats.join("|") !== ourCats.join("|")) f.categoryDiffs.push(`${o.path}: jekyll [${o.categories.join(", ")}], ours [${ourCats.join(", ")}]`);
    // Jekyll failed on this post's Liquid (a plugin's tag): its text is no oracle.
    if (o.liquidError) {
      f.jekyllLiquidErrors += 1;
      continue;
    }
    const a = squeeze(jekyllText);
    const b = squeeze(ourText);
    if (a === b) f.textSame += 1;
    else if (overlap(a, b) >= 0.98) f.textClose += 1;
    else f.textDiffs.push(`${o.path}: overlap ${overlap(a, b).toFixed(3)}`);
  }
  return f;
}

const pct = (n: number, d: number): string => (d === 0 ? "-" : `${((100 * n) / d).toFixed(2)}%`);

function printFigures(all: SiteFigures[], verbose: boolean): void {
  let jekyll = 0, imported = 0, raw = 0, rawNew = 0, same = 0, close = 0, dead = 0, lost = 0;
  for (const f of all) {
    jekyll += f.jekyllPosts; imported += f.imported; raw += f.rawMarkers.length; rawNew += f.rawMarkersNotInJekyll.length;
    dead += f.deadAnchors.length; lost += f.languageLost.length;
    same += f.textSame; close += f.textClose;
    console.log(
      `${f.site}: jekyll builds ${f.jekyllPosts}, imported ${f.imported} (${pct(f.imported, f.jekyllPosts)}), ` +
        `raw markers ${f.rawMarkers.length} (${f.rawMarkersNotInJekyll.length} not in Jekyll's output), extra ${f.extra.length}, ` +
        `dead #links ${f.deadAnchors.length}, code language lost ${f.languageLost.length}, ` +
        `date diffs ${f.dateDiffs.length} (+${f.dateByDesign.length} newsroom time by design), title diffs ${f.titleDiffs.length}, category diffs ${f.categoryDiffs.length}, ` +
        `text same ${f.textSame}, close ${f.textClose}, different ${f.textDiffs.length}, Liquid errors in Jekyll ${f.jekyllLiquidErrors}`,
    );
    const show = (label: string, items: string[]): void => {
      for (const item of items.slice(0, verbose ? 1000 : 5)) console.log(`  ${label} ${item}`);
    };
    show("missing", f.missing.map((m) => `${m.path}: ${m.reason}`));
    show("extra", f.extra);
    show("raw", f.rawMarkersNotInJekyll);
    show("dead-links", f.deadAnchors);
    show("language-lost", f.languageLost);
    show("date", f.dateDiffs);
    show("title", f.titleDiffs);
    show("category", f.categoryDiffs);
    show("text", f.textDiffs);
  }
  console.log(
    `TOTAL ${all.length} sites: jekyll builds ${jekyll}, imported ${imported} (${pct(imported, jekyll)}); ` +
      `bodies with {% {{ {: ${raw} (${rawNew} where Jekyll's own output has none); text same ${pct(same, imported)}, within 2% ${pct(same + close, imported)}; ` +
      `bodies with same-page links to nowhere ${dead}, code blocks without Jekyll's language class ${lost}`,
  );
}

function sampleOf(paths: string[], n: number): string[] {
  if (!(n > 0) || n >= paths.length) return paths;
  const step = paths.length / n;
  return Array.from({ length: n }, (_, i) => paths[Math.floor(i * step)]!);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: {
      legacy: { type: "boolean" },
      "no-jekyll": { type: "boolean" },
      "oracle-cache": { type: "string" },
      verbose: { type: "boolean", short: "v" },
      json: { type: "string" },
      // Build only every k-th post so Jekyll takes about N of them (big sites are slow to build).
      sample: { type: "string" },
    },
    allowPositionals: true,
  });
  if (positionals.length === 0) throw new Error("name at least one Jekyll site folder");
  if (!values["no-jekyll"] && !hasJekyll()) {
    console.log("jekyll-compare: `jekyll` is not installed; nothing to compare (apt-get install jekyll).");
    return;
  }
  const all: SiteFigures[] = [];
  for (const site of positionals) {
    const cache = values["oracle-cache"] ? path.join(values["oracle-cache"], `${path.basename(path.resolve(site))}.json`) : null;
    const ours = await importSiteLocally(site, { legacy: values.legacy ?? false });
    const read = readSite(site);
    const sample = values.sample ? sampleOf(read.posts.map((p) => p.path), Number(values.sample)) : undefined;
    let oracle: OraclePost[];
    if (cache && existsSync(cache)) oracle = JSON.parse(readFileSync(cache, "utf8")) as OraclePost[];
    else {
      oracle = runJekyll(site, sample).posts;
      if (cache) {
        mkdirSync(path.dirname(cache), { recursive: true });
        writeFileSync(cache, JSON.stringify(oracle));
      }
    }
    const built = new Set(sample ?? ours.map((r) => r.path));
    all.push(await compareSite(site, read.context.timezone, oracle, ours.filter((r) => built.has(r.path))));
  }
  printFigures(all, values.verbose ?? false);
  if (values.json) writeFileSync(values.json, JSON.stringify(all, null, 1));
  const failed = all.some((f) => f.imported < f.jekyllPosts || f.rawMarkersNotInJekyll.length > 0);
  if (failed) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(`jekyll-compare: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
});
