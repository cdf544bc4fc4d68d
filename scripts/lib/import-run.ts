/**
 * The import command's work, shared by `npm run import` and `npm start`. Every post goes through the admin import API, so parsing, sanitizing, writing and
 * cache purging run in the Worker exactly as in production:
 * - with --url: the deployed (or any) instance at that base URL;
 * - without: the local server on 127.0.0.1:8787 when it is running (so its edge cache is
 *   purged too), else the Worker started in-process on the same local D1.
 */
import path from "node:path";
import { readDevVars } from "./env";
import { applyLocalMigrations, PERSIST_TO, startLocalWorker, type LocalWorker } from "./local-worker";
import { chunkPosts, collectPostFiles, readPostFiles, type PostFile } from "./posts";

const LOCAL_SERVER = "http://127.0.0.1:8787";
const POSTS_PER_REQUEST = 200;
const BYTES_PER_REQUEST = 4 * 1024 * 1024;

export type Result = {
  index: number;
  name?: string;
  infoCode: string | null;
  outcome: "created" | "updated" | "unchanged" | "stale" | "rejected";
  reason?: string;
  line?: number;
};

type Target = { label: string; send: (body: string, token: string) => Promise<Response>; token: string; close?: () => Promise<void> };

export class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

async function localServerAnswers(): Promise<boolean> {
  try {
    const res = await fetch(`${LOCAL_SERVER}/healthz`, { signal: AbortSignal.timeout(500) });
    const body = (await res.json()) as { status?: string };
    return res.ok && body.status === "ok";
  } catch {
    return false;
  }
}

function httpTarget(base: string, token: string, label: string): Target {
  const endpoint = new URL("/api/v1/admin/import", base).toString();
  return {
    label,
    token,
    send: (body, bearer) =>
      fetch(endpoint, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${bearer}` }, body }),
  };
}

async function chooseTarget(url: string | undefined, token: string | undefined): Promise<Target> {
  if (url) {
    const bearer = token ?? process.env.EDGEWIRE_ADMIN_TOKEN;
    if (!bearer) fail("--url needs --token <admin token> (or EDGEWIRE_ADMIN_TOKEN in the environment).");
    return httpTarget(url, bearer, url);
  }
  const devToken = readDevVars().ADMIN_TOKEN;
  // The running dev server owns .wrangler/state; a run aimed at another state folder never uses it.
  if (devToken && !process.env.EDGEWIRE_PERSIST_TO && (await localServerAnswers())) return httpTarget(LOCAL_SERVER, devToken, `the local server at ${LOCAL_SERVER}`);

  applyLocalMigrations();
  const oneRunToken = crypto.randomUUID();
  const worker: LocalWorker = await startLocalWorker({ bindings: { ADMIN_TOKEN: oneRunToken, ADMIN_TOKEN_NEXT: "" } });
  return {
    label: `the local D1 (${path.relative(process.cwd(), PERSIST_TO) || "."})`,
    token: oneRunToken,
    send: async (body, bearer) => {
      const res = await worker.mf.dispatchFetch("http://127.0.0.1/api/v1/admin/import", {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${bearer}` },
        body,
      });
      // Miniflare's Response is undici's; re-wrap so callers see the global type.
      return new Response(await res.text(), { status: res.status, headers: Object.fromEntries(res.headers) });
    },
    close: worker.dispose,
  };
}

function printResult(file: string, result: Result): void {
  const where = result.line ? `${file}:${result.line}` : file;
  const code = result.infoCode ?? "-";
  if (result.outcome === "rejected") console.log(`rejected   ${where}: ${result.reason ?? "rejected"}`);
  else if (result.outcome === "stale") console.log(`stale      ${code}  ${file}: ${result.reason ?? ""}`);
  else console.log(`${result.outcome.padEnd(10)} ${code}  ${file}`);
}

async function sendChunk(target: Target, chunk: PostFile[]): Promise<Result[]> {
  const body = JSON.stringify({ posts: chunk.map((p) => ({ name: path.basename(p.path), text: p.text })) });
  const res = await target.send(body, target.token);
  const text = await res.text();
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

  const target = await chooseTarget(options.url, options.token);
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, stale: 0, rejected: 0, files: files.length, missing: missing.length };
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
    await target.close?.();
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `${files.length} files into ${target.label} in ${seconds}s: ${counts.created} created, ${counts.updated} updated, ` +
      `${counts.unchanged} unchanged, ${counts.stale} stale, ${counts.rejected} rejected`,
  );
  return counts;
}
