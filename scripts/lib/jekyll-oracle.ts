/**
 * Real Jekyll as the oracle for the importer: builds a copy of a site that holds only what
 * posts need (_config.yml, _data, _includes, every _posts and _drafts folder), offline,
 * with the site's own plugins and theme switched off (they are gems we do not have; see
 * oracleConfig), and records every post it builds through scripts/jekyll-oracle/dump_posts.rb.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { isMap, parseDocument } from "yaml";
import { wallTimeToInstant } from "../../src/ingest/zone";
import { ROOT } from "./env";

export type OraclePost = {
  path: string;
  date: string;
  title: string;
  categories: string[];
  tags: string[];
  url: string;
  content: string;
  liquidError: string | null;
};

export function hasJekyll(): boolean {
  return spawnSync("jekyll", ["--version"], { stdio: "ignore" }).status === 0;
}

/** Every folder named _posts or _drafts under root, relative to it (skipping _site, dot-folders). */
function postFolders(root: string, rel = ""): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(path.join(root, rel))) {
    if (entry.startsWith(".") || entry === "_site" || entry === "node_modules" || entry === "vendor") continue;
    const sub = path.join(rel, entry);
    const stat = statSync(path.join(root, sub), { throwIfNoEntry: false });
    if (!stat?.isDirectory()) continue;
    if (entry === "_posts" || entry === "_drafts") found.push(sub);
    else found.push(...postFolders(root, sub));
  }
  return found;
}

/** What the oracle's build changes in the site's own `_config.yml`: every other key stays as written. */
export type OracleSettings = { pluginsDir: string; destination: string };

/**
 * The site's `_config.yml`, merged for the oracle's build: the theme (`theme`,
 * `remote_theme`) and plugin gems (`plugins`, `gems`) are deleted or emptied, since they
 * are gems we do not have; `safe: false`, or Jekyll ignores `plugins_dir` and with it the
 * recorder; `future: true` because an import takes scheduled posts too. Written as one
 * file, because a second `--config` file cannot delete a key: Jekyll skips a null value
 * in its merge, so `theme: null` left a site's theme (and its missing gem) in place.
 */
export function oracleConfig(siteConfigText: string, settings: OracleSettings): string {
  // Ruby's YAML lets a repeated key take the last value (as scripts/lib/jekyll-site.ts reads it).
  const parsed = parseDocument(siteConfigText.replace(/^\uFEFF/, ""), { uniqueKeys: false });
  if (parsed.errors.length > 0) throw new Error(`_config.yml: ${parsed.errors[0]?.message ?? "not YAML"}`);
  // An empty _config.yml is an empty map to Jekyll.
  const doc = isMap(parsed.contents) ? parsed : parseDocument("{}");
  for (const key of ["theme", "remote_theme", "gems", "plugins", "whitelist"]) while (doc.has(key)) doc.delete(key);
  const set: [string, unknown][] = [
    ["plugins", []],
    ["safe", false],
    ["plugins_dir", settings.pluginsDir],
    ["destination", settings.destination],
    ["future", true],
    ["incremental", false],
    ["quiet", true],
  ];
  for (const [key, value] of set) doc.set(key, value);
  return doc.toString();
}

/** `only`: site-relative post paths to build (a sample of a big site); all posts when absent. */
export function runJekyll(siteDir: string, only?: string[]): { posts: OraclePost[]; seconds: number; stderr: string } {
  const stage = mkdtempSync(path.join(os.tmpdir(), "edgewire-jekyll-"));
  try {
    for (const name of ["_data", "_includes"]) {
      if (existsSync(path.join(siteDir, name))) cpSync(path.join(siteDir, name), path.join(stage, name), { recursive: true });
    }
    if (only) for (const file of only) cpSync(path.join(siteDir, file), path.join(stage, file));
    else for (const folder of postFolders(siteDir)) cpSync(path.join(siteDir, folder), path.join(stage, folder), { recursive: true });
    const siteConfig = path.join(siteDir, "_config.yml");
    const config = oracleConfig(existsSync(siteConfig) ? readFileSync(siteConfig, "utf8") : "", {
      pluginsDir: path.join(ROOT, "scripts/jekyll-oracle"),
      destination: path.join(stage, "_site"),
    });
    writeFileSync(path.join(stage, "_config.yml"), config);
    const out = path.join(stage, "_oracle.json");
    const started = performance.now();
    const run = spawnSync("jekyll", ["build", "-s", stage, "--config", path.join(stage, "_config.yml")], {
      env: { ...process.env, EDGEWIRE_ORACLE_OUT: out, JEKYLL_ENV: "production" },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      timeout: 15 * 60_000,
    });
    const seconds = (performance.now() - started) / 1000;
    if (!existsSync(out)) throw new Error(`jekyll build failed for ${siteDir}:\n${run.stderr.slice(-3000)}`);
    return { posts: JSON.parse(readFileSync(out, "utf8")) as OraclePost[], seconds, stderr: run.stderr };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/**
 * How our date compares with Jekyll's. An unquoted `date: 2021-12-10 23:01:55` is a YAML
 * timestamp, which Jekyll (Ruby's YAML) reads as UTC; in a site with `timezone`, edgewire
 * reads such a date as the zone's wall time, as the newsroom meant it (README, dates).
 * That documented difference is "newsroom-time": Jekyll's UTC clock read in the zone.
 */
export function dateVerdict(jekyllDate: string, ourMs: number, timezone: string | undefined): "same" | "newsroom-time" | "differs" {
  const jekyllMs = Date.parse(jekyllDate);
  if (jekyllMs === ourMs) return "same";
  if (timezone !== undefined && wallTimeToInstant(timezone, jekyllMs) === ourMs) return "newsroom-time";
  return "differs";
}
