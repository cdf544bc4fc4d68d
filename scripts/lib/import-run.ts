/**
 * The import command's work, shared by `npm run import` and `npm start`. Every post goes through the admin import API, so parsing, sanitizing, writing and
 * cache purging run in the Worker exactly as in production:
 * - with --url: the deployed (or any) instance at that base URL;
 * - without: the local server `npm start` runs, if it is edgewire (so its edge cache is
 *   purged too), else the Worker started in-process on the same local D1.
 */
import path from "node:path";
import { chooseAdminTarget, UsageError, type AdminTarget } from "./admin-target";
import { isJekyllSite, readSite } from "./jekyll-site";
import { chunkPosts, collectPostFiles, readPostFiles, type PostFile } from "./posts";
import { prepareSite } from "./site-import";
import type { SiteContext } from "../../src/ingest/types";
import { JEKYLL_WOULD_SHOW } from "../../src/ingest/post-date";

const POSTS_PER_REQUEST = 200;
const BYTES_PER_REQUEST = 4 * 1024 * 1024;

export type Result = {
  index: number;
  name?: string;
  infoCode: string | null;
  outcome: "created" | "updated" | "unchanged" | "stale" | "rejected" | "failed";
  reason?: string;
  line?: number;
  warnings?: { line: number; message: string }[];
  status?: "unpublished";
};

/** What one request carries: posts (with a site-relative path for a site) and the site's context. */
export type Batch = { files: (PostFile & { sendPath?: string; warnings?: { line: number; message: string }[] })[]; site?: SiteContext };

export { UsageError };

function fail(message: string): never {
  throw new UsageError(message);
}

function printResult(file: string, result: Result, extra: { line: number; message: string }[]): void {
  const where = result.line ? `${file}:${result.line}` : file;
  const code = result.infoCode ?? "-";
  for (const w of [...extra, ...(result.warnings ?? [])]) console.log(`warning    ${file}:${w.line}: ${w.message}`);
  if (result.outcome === "rejected") console.log(`rejected   ${where}: ${result.reason ?? "rejected"}`);
  else if (result.outcome === "failed") console.log(`failed     ${code}  ${file}: ${result.reason ?? "retry"}`);
  else if (result.outcome === "stale") console.log(`stale      ${code}  ${file}: ${result.reason ?? ""}`);
  else console.log(`${result.outcome.padEnd(10)} ${code}  ${file}${result.status === "unpublished" ? " (unpublished: published: false)" : ""}`);
}

async function sendChunk(target: AdminTarget, chunk: Batch["files"], site?: SiteContext): Promise<Result[]> {
  const posts = chunk.map((p) =>
    p.sendPath ? { name: p.sendPath, path: p.sendPath, text: p.text } : { name: path.basename(p.path), path: path.basename(p.path), text: p.text },
  );
  const body = JSON.stringify(site ? { posts, site } : { posts });
  const res = await target.post("/api/v1/admin/import", body);
  const text = await res.text();
  // 503 with results: some posts landed, the rest are "failed"; running the command again converges.
  if (res.status === 503 && text.includes('"results"')) return (JSON.parse(text) as { results: Result[] }).results;
  if (!res.ok) {
    let detail = text;
    try {
      detail = (JSON.parse(text) as { detail?: string }).detail ?? text;
    } catch {
      // Not a problem document: show the raw text.
    }
    throw new Error(`${target.label} answered ${res.status}: ${detail}`);
  }
  return (JSON.parse(text) as { results: Result[] }).results;
}

export type ImportOptions = {
  paths: string[];
  url?: string;
  token?: string;
  /** Print only the rejected posts and the summary line. */
  quiet?: boolean;
};

export type ImportCounts = Record<Result["outcome"], number> & { files: number; missing: number };

/** A Jekyll site folder becomes one batch with its context; other paths are bare posts. */
async function batches(paths: string[]): Promise<{ batches: Batch[]; files: number; missing: string[]; skipped: { path: string; reason: string }[] }> {
  const out: Batch[] = [];
  const skipped: { path: string; reason: string }[] = [];
  const bare: string[] = [];
  let files = 0;
  for (const p of paths) {
    if (!isJekyllSite(p)) {
      bare.push(p);
      continue;
    }
    const site = readSite(p);
    const prepared = await prepareSite(site);
    for (const s of site.skipped) skipped.push({ path: path.join(p, s.path), reason: s.reason });
    out.push({
      site: prepared.context,
      files: prepared.posts.map((post) => ({ path: post.abs, text: post.text, sendPath: post.path, warnings: post.warnings })),
    });
    files += prepared.posts.length;
  }
  const { files: bareFiles, missing } = collectPostFiles(bare);
  if (bareFiles.length > 0) out.push({ files: readPostFiles(bareFiles) });
  return { batches: out, files: files + bareFiles.length, missing, skipped };
}

/** `unlikeJekyll`: posts whose date we read otherwise than Jekyll on purpose (a site's zone-less timestamps). */
export type Tally = { counts: Record<Result["outcome"], number>; reasons: Map<string, number>; unlikeJekyll: number };

/**
 * Sends batches through the admin import API in requests of at most POSTS_PER_REQUEST
 * posts, printing one line per post (only rejections when quiet); `beforePrint` runs before
 * a request's lines are printed and `onProgress` hears the number of posts done after. Throws on a transport error or an answer
 * without per-post results (what was sent before stays stored: importing is idempotent).
 */
export async function sendBatches(target: AdminTarget, work: Batch[], options: { quiet?: boolean; onProgress?: (done: number) => void; beforePrint?: () => void } = {}): Promise<Tally> {
  const counts = { created: 0, updated: 0, unchanged: 0, stale: 0, rejected: 0, failed: 0 };
  const reasons = new Map<string, number>();
  let unlikeJekyll = 0;
  let done = 0;
  for (const batch of work) {
    for (const chunk of chunkPosts(batch.files, POSTS_PER_REQUEST, BYTES_PER_REQUEST)) {
      const results = await sendChunk(target, chunk, batch.site);
      options.beforePrint?.();
      for (const result of results) {
        const post: Batch["files"][number] | undefined = chunk[result.index];
        const file = post?.path ?? "?";
        if (!options.quiet || result.outcome === "rejected") printResult(path.relative(process.cwd(), file) || file, result, post?.warnings ?? []);
        counts[result.outcome] += 1;
        if (result.warnings?.some((w) => w.message.includes(JEKYLL_WOULD_SHOW))) unlikeJekyll += 1;
        if (result.outcome === "rejected" || result.outcome === "stale" || result.outcome === "failed") {
          const key = `${result.outcome}: ${reasonKey(result.reason ?? "")}`;
          reasons.set(key, (reasons.get(key) ?? 0) + 1);
        }
      }
      done += chunk.length;
      options.onProgress?.(done);
    }
  }
  return { counts, reasons, unlikeJekyll };
}

/** The reasons counted, then the one summary line both import and sync end with. */
export function printSummary(tally: Tally, files: number, label: string, seconds: string, skipped: number, extra = ""): void {
  const { counts } = tally;
  for (const [reason, n] of [...tally.reasons].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(5)} ${reason}`);
  if (skipped > 0) console.log(`  ${String(skipped).padStart(5)} skipped (not published by Jekyll)`);
  if (tally.unlikeJekyll > 0) {
    console.log(`  ${String(tally.unlikeJekyll).padStart(5)} dated as the newsroom meant, not as Jekyll shows them (see "${JEKYLL_WOULD_SHOW}" warnings)`);
  }
  console.log(
    `${files} files into ${label} in ${seconds}s: ${counts.created} created, ${counts.updated} updated, ` +
      `${counts.unchanged} unchanged, ${counts.stale} stale, ${counts.rejected} rejected${extra}` +
      (counts.failed > 0 ? `, ${counts.failed} failed (run again)` : ""),
  );
}

export async function runImport(options: ImportOptions): Promise<ImportCounts> {
  const { batches: work, files, missing, skipped } = await batches(options.paths);
  for (const m of missing) console.error(`import: ${m}: no such file or folder`);
  if (files === 0) fail("no post files (.md, .markdown, .html) found.");
  for (const s of skipped) if (!options.quiet) console.log(`skipped    ${path.relative(process.cwd(), s.path) || s.path}: ${s.reason}`);

  const target = await chooseAdminTarget(options.url, options.token);
  const started = performance.now();
  let tally: Tally;
  try {
    tally = await sendBatches(target, work, { quiet: options.quiet });
  } finally {
    await target.close();
  }
  printSummary(tally, files, target.label, ((performance.now() - started) / 1000).toFixed(1), skipped.length);
  return { ...tally.counts, files, missing: missing.length };
}

/** A reason without its line numbers and quoted values, so like reasons count together. */
function reasonKey(reason: string): string {
  return reason.replace(/line \d+/g, "line N").replace(/"[^"]*"/g, '"…"').replace(/`[^`]*`/g, (m) => (m.length > 24 ? "`…`" : m)).slice(0, 100);
}
