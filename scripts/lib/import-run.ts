/**
 * The import command's work, shared by `npm run import` and `npm start`. Every post goes through the admin import API, so parsing, sanitizing, writing and
 * cache purging run in the Worker exactly as in production:
 * - with --url: the deployed (or any) instance at that base URL;
 * - without: the local server `npm start` runs, if it is edgewire (so its edge cache is
 *   purged too), else the Worker started in-process on the same local D1.
 */
import path from "node:path";
import { chooseAdminTarget, UsageError, type AdminTarget } from "./admin-target";
import { chunkPosts, collectPostFiles, readPostFiles, type PostFile } from "./posts";

const POSTS_PER_REQUEST = 200;
const BYTES_PER_REQUEST = 4 * 1024 * 1024;

export type Result = {
  index: number;
  name?: string;
  infoCode: string | null;
  outcome: "created" | "updated" | "unchanged" | "stale" | "rejected" | "failed";
  reason?: string;
  line?: number;
};

export { UsageError };

function fail(message: string): never {
  throw new UsageError(message);
}

function printResult(file: string, result: Result): void {
  const where = result.line ? `${file}:${result.line}` : file;
  const code = result.infoCode ?? "-";
  if (result.outcome === "rejected") console.log(`rejected   ${where}: ${result.reason ?? "rejected"}`);
  else if (result.outcome === "failed") console.log(`failed     ${code}  ${file}: ${result.reason ?? "retry"}`);
  else if (result.outcome === "stale") console.log(`stale      ${code}  ${file}: ${result.reason ?? ""}`);
  else console.log(`${result.outcome.padEnd(10)} ${code}  ${file}`);
}

async function sendChunk(target: AdminTarget, chunk: PostFile[]): Promise<Result[]> {
  const body = JSON.stringify({ posts: chunk.map((p) => ({ name: path.basename(p.path), text: p.text })) });
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

export async function runImport(options: ImportOptions): Promise<ImportCounts> {
  const { files, missing } = collectPostFiles(options.paths);
  for (const m of missing) console.error(`import: ${m}: no such file or folder`);
  if (files.length === 0) fail("no post files (.md, .markdown, .html) found.");

  const target = await chooseAdminTarget(options.url, options.token);
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, stale: 0, rejected: 0, failed: 0, files: files.length, missing: missing.length };
  const started = performance.now();
  try {
    for (const chunk of chunkPosts(readPostFiles(files), POSTS_PER_REQUEST, BYTES_PER_REQUEST)) {
      const results = await sendChunk(target, chunk);
      for (const result of results) {
        const file = chunk[result.index]?.path ?? "?";
        if (!options.quiet || result.outcome === "rejected") printResult(path.relative(process.cwd(), file) || file, result);
        counts[result.outcome] += 1;
      }
    }
  } finally {
    await target.close();
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `${files.length} files into ${target.label} in ${seconds}s: ${counts.created} created, ${counts.updated} updated, ` +
      `${counts.unchanged} unchanged, ${counts.stale} stale, ${counts.rejected} rejected` +
      (counts.failed > 0 ? `, ${counts.failed} failed (run again)` : ""),
  );
  return counts;
}
