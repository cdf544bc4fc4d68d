/**
 * Readers while posts are written: the app, the cards Worker and the ingest Worker in one
 * workerd process through Miniflare on 127.0.0.1 (what `npm start` runs, without wrangler's
 * proxy), a seeded local D1, then an import of generated posts through the admin import
 * API in requests of 200 (what `npm run import -- --url` sends) while four readers, one per
 * URL, each ask again as soon as they are answered: /healthz, one cached article page,
 * article pages never asked before (a miss each) and /feed.xml (every write purges it).
 *
 * Bounded: POSTS posts, TAIL_MS of reading after the import's last answer, REQUEST_TIMEOUT_MS
 * a request (a timeout counts as an error), and MAX_MS for the whole run; then it stops.
 *
 *   npx tsx scripts/bench/import-readers.ts [--posts 2000] [--port 8817]
 *   npm run bench -- --only import-readers [--port 8817]
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ROOT } from "../lib/env";
import { benchInfoCode, benchPost } from "./generate";

export const BUDGET_P99_MS = 500;
const SEED = 1_000;
const TAIL_MS = 15_000;
const REQUEST_TIMEOUT_MS = 10_000;
const MAX_MS = 300_000;
const TOKEN = "bench-import-readers-token";
const SITE_URL = "https://news.example.com";

export type ReaderRow = { name: string; requests: number; errors: number; p50: number; p99: number; max: number };
export type ImportReaders = { posts: number; importSeconds: number; readers: ReaderRow[]; cardsStored: number; importSummary: string };

function writePosts(dir: string, from: number, to: number): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let i = from; i < to; i++) writeFileSync(path.join(dir, `${benchInfoCode(i)}.md`), benchPost(i));
  return dir;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/** One reader: asks for next() until stop() says so, one request at a time. */
async function reader(base: string, next: () => string, stop: () => boolean): Promise<{ times: number[]; errors: number }> {
  const times: number[] = [];
  let errors = 0;
  while (!stop()) {
    const t0 = performance.now();
    try {
      const res = await fetch(new URL(next(), base), { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      await res.arrayBuffer();
      if (res.status !== 200) errors++;
    } catch {
      errors++;
    }
    times.push(performance.now() - t0);
  }
  return { times, errors };
}

function row(name: string, r: { times: number[]; errors: number }): ReaderRow {
  const sorted = [...r.times].sort((a, b) => a - b);
  return { name, requests: sorted.length, errors: r.errors, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted[sorted.length - 1] ?? 0 };
}

export async function measureImportReaders(options: { posts: number; port: number; log: (line: string) => void }): Promise<ImportReaders> {
  const work = path.join(ROOT, ".bench/import-readers");
  rmSync(work, { recursive: true, force: true });
  // local-worker reads the state folder from the environment when it is first imported.
  process.env.EDGEWIRE_PERSIST_TO = path.join(work, "state");
  const { applyLocalMigrations, buildWorker, startLocalWorker } = await import("../lib/local-worker");
  const { buildCardsWorker } = await import("../lib/cards-worker");
  const { buildIngestWorker } = await import("../lib/ingest-worker");
  const { runImport } = await import("../lib/import-run");

  options.log("building the three Workers");
  const built = { scriptPath: buildWorker(path.join(work, "dist")), cardsDir: buildCardsWorker(path.join(work, "cards-dist")), ingestScript: buildIngestWorker(path.join(work, "ingest-dist")) };
  applyLocalMigrations();
  const bindings = { SITE_URL, ADMIN_TOKEN: TOKEN, ADMIN_TOKEN_NEXT: "", ADMIN_RATE_LIMIT: "100000", WEBSUB_HUB: "" };
  const start = (extra: Record<string, string> = {}) => startLocalWorker({ ...built, port: options.port, bindings: { ...bindings, ...extra } });

  // The seed is imported with card drawing off where a build still has the switch (older
  // builds drew cards after every write): the measured import starts from an idle server.
  options.log(`seeding ${SEED} posts`);
  const seeder = await start({ CARDS_PRERENDER: "off" });
  await runImport({ paths: [writePosts(path.join(work, "seed"), 0, SEED)], url: seeder.url.origin, token: TOKEN, quiet: true });
  await seeder.dispose();

  const server = await start();
  const base = server.url.origin;
  const cached = `/a/${benchInfoCode(0)}`;
  for (let i = 0; i < 2; i++) await (await fetch(new URL(cached, base))).arrayBuffer();
  const postsDir = writePosts(path.join(work, "posts"), SEED, SEED + options.posts);

  let importDone = 0;
  const started = performance.now();
  const stop = () => performance.now() - started > MAX_MS || (importDone > 0 && performance.now() - importDone > TAIL_MS);
  let uncached = 1;
  options.log(`importing ${options.posts} posts while four readers poll`);
  const readers = Promise.all([
    reader(base, () => "/healthz", stop),
    reader(base, () => cached, stop),
    // Each one a page not asked for before: seeded articles 1…SEED-1, then around again.
    reader(base, () => `/a/${benchInfoCode(uncached++ % SEED || 1)}`, stop),
    reader(base, () => "/feed.xml", stop),
  ]);
  const t0 = performance.now();
  const out: string[] = [];
  const log = console.log;
  console.log = (line: unknown) => void out.push(String(line));
  // A failed import request is a result too (the server dropped it): recorded, and the readers still finish.
  let importError = "";
  try {
    await runImport({ paths: [postsDir], url: base, token: TOKEN, quiet: true });
  } catch (err) {
    importError = err instanceof Error ? `${err.message}${err.cause ? ` (${String(err.cause)})` : ""}` : String(err);
    options.log(`the import failed: ${importError}`);
  } finally {
    console.log = log;
  }
  const importSeconds = (performance.now() - t0) / 1000;
  importDone = performance.now();
  const [health, hit, miss, feed] = await readers;
  const bucket = await server.mf.getR2Bucket("CARDS_BUCKET", "edgewire-cards");
  const cardsStored = (await bucket.list({ prefix: "cards/" })).objects.length;
  await server.dispose();
  if (uncached > SEED) options.log(`note: the uncached reader asked ${uncached} pages, more than the ${SEED} seeded; later ones were cached`);
  return {
    posts: options.posts,
    importSeconds,
    cardsStored,
    importSummary: importError ? `failed after ${out.length} lines: ${importError}` : (out[out.length - 1] ?? ""),
    readers: [row("/healthz", health ?? { times: [], errors: 0 }), row("cached article page", hit ?? { times: [], errors: 0 }), row("uncached article page", miss ?? { times: [], errors: 0 }), row("/feed.xml", feed ?? { times: [], errors: 0 })],
  };
}

const ms = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 0 });

export function importReadersLines(r: ImportReaders, command: string): string[] {
  return [
    `| reader | requests | errors | p50 ms | p99 ms | max ms | p99 < ${BUDGET_P99_MS} ms, 0 errors |`,
    "|---|---|---|---|---|---|---|",
    ...r.readers.map((x) => `| ${x.name} | ${x.requests} | ${x.errors} | ${ms(x.p50)} | ${ms(x.p99)} | ${ms(x.max)} | ${x.p99 < BUDGET_P99_MS && x.errors === 0 ? "met" : "**missed**"} |`),
    "",
    `${r.posts.toLocaleString("en-US")} posts imported in ${r.importSeconds.toFixed(1)} s (\`${r.importSummary}\`); readers ran until ${TAIL_MS / 1000} s after the import's last answer; ` +
      `cards in R2 at the end: ${r.cardsStored}. Command: \`${command}\`.`,
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { posts: { type: "string", default: "2000" }, port: { type: "string", default: "0" }, only: { type: "string" }, quick: { type: "boolean" } } });
  const t0 = performance.now();
  const log = (line: string) => console.error(`import-readers: ${line} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const result = await measureImportReaders({ posts: Number(values.posts), port: Number(values.port), log });
  console.log(importReadersLines(result, `npx tsx scripts/bench/import-readers.ts --posts ${values.posts}`).join("\n"));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((err: unknown) => {
    console.error(`import-readers: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  });
}
