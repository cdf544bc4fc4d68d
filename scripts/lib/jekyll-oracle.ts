/**
 * Real Jekyll as the oracle for the importer: builds a copy of a site that holds only what
 * posts need (_config.yml, _data, _includes, every _posts and _drafts folder), offline,
 * with the site's own plugins and theme switched off (they are gems we do not have), and
 * records every post it builds through scripts/jekyll-oracle/dump_posts.rb.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
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

// Switches off what needs gems; `future: true` because an import takes scheduled posts too.
const OVERRIDE = (pluginsDir: string, dest: string): string =>
  [
    "plugins: []",
    "gems: []",
    "theme: null",
    "remote_theme: null",
    `plugins_dir: ${JSON.stringify(pluginsDir)}`,
    `destination: ${JSON.stringify(dest)}`,
    "future: true",
    "incremental: false",
    "quiet: true",
    "",
  ].join("\n");

/** `only`: site-relative post paths to build (a sample of a big site); all posts when absent. */
export function runJekyll(siteDir: string, only?: string[]): { posts: OraclePost[]; seconds: number; stderr: string } {
  const stage = mkdtempSync(path.join(os.tmpdir(), "edgewire-jekyll-"));
  try {
    for (const name of ["_config.yml", "_data", "_includes"]) {
      if (existsSync(path.join(siteDir, name))) cpSync(path.join(siteDir, name), path.join(stage, name), { recursive: true });
    }
    if (only) for (const file of only) cpSync(path.join(siteDir, file), path.join(stage, file));
    else for (const folder of postFolders(siteDir)) cpSync(path.join(siteDir, folder), path.join(stage, folder), { recursive: true });
    if (!existsSync(path.join(stage, "_config.yml"))) writeFileSync(path.join(stage, "_config.yml"), "{}\n");
    const override = path.join(stage, "_edgewire_override.yml");
    writeFileSync(override, OVERRIDE(path.join(ROOT, "scripts/jekyll-oracle"), path.join(stage, "_site")));
    const out = path.join(stage, "_oracle.json");
    const started = performance.now();
    const run = spawnSync("jekyll", ["build", "-s", stage, "--config", `${path.join(stage, "_config.yml")},${override}`], {
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

