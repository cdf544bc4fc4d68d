/**
 * Page weight as served (BENCHMARKS.md section 7): the bytes and gzip bytes of each page
 * type for the newest generated post, its executable scripts, and whether its headline is
 * in the markup itself. Budget: gzip within +20% of the sizes before the reader pages
 * (issue 16), as BENCHMARKS.md recorded them then.
 *
 * Run alone, for a check while changing views or CSS: `npx tsx scripts/bench/page-weight.ts`
 * builds the Worker, imports 500 generated posts into a fresh .bench/weight-state and prints
 * the table (the full bench measures the same pages after importing 10,000).
 */
import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { benchCategory, benchInfoCode, benchTitle, writeBenchPosts } from "./generate";

export type Served = { name: string; path: string; status: number; bytes: number; gzip: number; scripts: number; inMarkup: boolean };

/** Gzip bytes of each page type before issue 16 (BENCHMARKS.md as of commit 55f9b58, the last full run before it). */
const BEFORE_READER_PAGES: Readonly<Record<string, number>> = {
  "article page": 2_667,
  "category page": 2_252,
  "home page": 2_375,
  "embed card": 1_437,
};
const GROWTH_BUDGET = 1.2;

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Fetches each page type of the newest of `posts` generated posts from a running Worker. */
export async function measurePageWeights(origin: URL, posts: number): Promise<Served[]> {
  const newest = posts - 1;
  const code = benchInfoCode(newest);
  const pages = [
    { name: "article page", path: `/a/${code}` },
    { name: "category page", path: `/category/${benchCategory(newest)}.html` },
    { name: "home page", path: "/" },
    { name: "embed card", path: `/embed/${code}` },
  ];
  const headline = benchTitle(newest);
  return Promise.all(
    pages.map(async (p) => {
      const res = await fetch(new URL(p.path, origin));
      const text = await res.text();
      const scripts = [...text.matchAll(/<script\b([^>]*)>/gi)].filter((m) => !/application\/ld\+json/.test(m[1] ?? ""));
      // The content is in the markup itself: the article's headline, outside any script.
      const markup = text.replace(/<script\b[\s\S]*?<\/script>/gi, "");
      return { ...p, status: res.status, bytes: Buffer.byteLength(text), gzip: gzipSync(text).byteLength, scripts: scripts.length, inMarkup: markup.includes(headline) };
    }),
  );
}

function budgetCell(s: Served): string {
  const before = BEFORE_READER_PAGES[s.name];
  if (before === undefined) return "—";
  const growth = s.gzip / before;
  const sign = growth >= 1 ? "+" : "−";
  return `${fmt(before)} → ${sign}${fmt(Math.abs(growth - 1) * 100)}% (≤ +${fmt((GROWTH_BUDGET - 1) * 100)}%: ${growth <= GROWTH_BUDGET ? "met" : "**missed**"})`;
}

export function pageWeightLines(served: readonly Served[]): string[] {
  return [
    "| page | status | bytes | gzip bytes | gzip before issue 16 → change | executable scripts | headline in the markup |",
    "|---|---|---|---|---|---|---|",
    ...served.map(
      (s) => `| ${s.name} (${s.path}) | ${s.status} | ${fmt(s.bytes)} | ${fmt(s.gzip)} | ${budgetCell(s)} | ${s.scripts} | ${s.inMarkup ? "yes" : "**no**"} |`,
    ),
  ];
}

async function main(): Promise<void> {
  const { ROOT } = await import("../lib/env");
  const { buildWorker } = await import("../lib/local-worker");
  const { buildCardsWorker } = await import("../lib/cards-worker");
  const { startReal } = await import("./workers");
  const { unstable_getMiniflareWorkerOptions } = await import("wrangler");
  const posts = 500;
  const dir = path.join(ROOT, ".bench");
  const persistTo = path.join(dir, "weight-state");
  rmSync(persistTo, { recursive: true, force: true });
  const scriptPath = buildWorker(path.join(dir, "weight-dist"));
  const cardsDir = buildCardsWorker(path.join(dir, "cards-dist"));
  process.env.EDGEWIRE_CARDS_DIR = cardsDir;
  const postsDir = writeBenchPosts(path.join(dir, "weight-posts"), posts);
  await new Promise<void>((resolve, reject) =>
    execFile(
      process.execPath,
      [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/import.ts", postsDir],
      { cwd: ROOT, env: { ...process.env, EDGEWIRE_PERSIST_TO: persistTo, EDGEWIRE_WORKER_BUNDLE: scriptPath, EDGEWIRE_CARDS_DIR: cardsDir }, maxBuffer: 64 * 1024 * 1024 },
      (err, _stdout, stderr) => (err ? reject(new Error(`import failed: ${stderr || err.message}`)) : resolve()),
    ),
  );
  const { workerOptions } = unstable_getMiniflareWorkerOptions(path.join(ROOT, "wrangler.toml"));
  const real = await startReal(scriptPath, workerOptions as Record<string, unknown>, path.join(persistTo, "v3"), { SITE_URL: "https://news.example.com" });
  try {
    console.log(pageWeightLines(await measurePageWeights(real.url, posts)).join("\n"));
  } finally {
    await real.mf.dispose();
  }
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  await main();
}
