/**
 * Parse-and-sanitize CPU per post (src/ingest/parse-post.ts), in-process: a real post and
 * adversarial posts of about 900 KB (the per-post limit) built from the attacks in issue 13.
 * Budget: a normal post under 5 ms, every adversarial one under 200 ms (median), whether it
 * is parsed or refused. Run alone: `npx tsx scripts/bench/ingest-cpu.ts [--quick]`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parsePost } from "../../src/ingest/parse-post";
import { prng, randomPost } from "../lib/fuzz-posts";

export type IngestCpu = { name: string; kb: number; median: number; max: number; result: string; budgetMs: number };

const TARGET = 900 * 1024 - 200;
const front = "---\ntitle: 基准\ndate: 2024-01-01 10:00:00 +0800\n---\n";
const fill = (unit: string, prefix = "", suffix = "") =>
  `${front}${prefix}${unit.repeat(Math.floor((TARGET - Buffer.byteLength(front + prefix + suffix)) / Buffer.byteLength(unit)))}${suffix}\n`;

export function adversarialPosts(): { name: string; text: string }[] {
  const rand = prng(900);
  let soup = randomPost(rand, 0, 40, 2000);
  while (Buffer.byteLength(soup) < TARGET - 20_000) soup += randomPost(rand, 1, 40, 2000).split("---\n")[2];
  return [
    { name: "em_media ReDoS (`<p class=\"em_media ` run)", text: fill('<p class="em_media ') },
    { name: "nested `<div>` (HTML block)", text: fill("<div>") },
    { name: "nested `<b>` (inline)", text: fill("<b>", "前言\n\n") },
    { name: "nested tables", text: fill("<table><tr><td>") },
    { name: "`![` run", text: fill("![") },
    { name: "`&` run (inline)", text: fill("&") },
    { name: "`&` in an HTML block (sanitizes past 2 MB)", text: fill("&", "<div>\n", "\n</div>") },
    { name: "`*a ` run (emphasis)", text: fill("*a ") },
    { name: "flat `<i></i>` elements", text: fill("<i></i>") },
    { name: "attribute soup", text: fill(' a="b"', "<p", ">x</p>") },
    { name: "random fragment soup", text: Buffer.from(soup).subarray(0, TARGET).toString() },
  ];
}

async function time(text: string): Promise<{ ms: number; result: string }> {
  const t0 = performance.now();
  let result: string;
  try {
    const post = await parsePost(text);
    result = `parsed (${Math.round(post.bodyHtml.length / 1024)} KB body)`;
  } catch (err) {
    result = `refused: ${err instanceof Error ? err.message.slice(0, 60) : String(err)}…`;
  }
  return { ms: performance.now() - t0, result };
}

async function measure(name: string, text: string, runs: number, budgetMs: number): Promise<IngestCpu> {
  await time(text); // warm the JIT
  const times: number[] = [];
  let result = "";
  for (let i = 0; i < runs; i++) {
    const r = await time(text);
    times.push(r.ms);
    result = r.result;
  }
  times.sort((a, b) => a - b);
  return { name, kb: Math.round(Buffer.byteLength(text) / 1024), median: times[Math.floor(times.length / 2)] ?? 0, max: times.at(-1) ?? 0, result, budgetMs };
}

export async function ingestCpu(quick: boolean): Promise<IngestCpu[]> {
  const root = path.resolve(import.meta.dirname, "../..");
  const normal = readFileSync(path.join(root, "test/fixtures/2022-04-28-NW202204282363815497.md"), "utf8");
  const rows = [await measure("normal post (the seed article)", normal, quick ? 50 : 300, 5)];
  for (const { name, text } of adversarialPosts()) rows.push(await measure(name, text, quick ? 3 : 9, 200));
  return rows;
}

export function ingestCpuTable(rows: IngestCpu[]): string[] {
  return [
    "| post | KB | median ms | max ms | outcome | budget |",
    "|---|---:|---:|---:|---|---|",
    ...rows.map((r) => `| ${r.name} | ${r.kb} | ${r.median.toFixed(1)} | ${r.max.toFixed(1)} | ${r.result.replace(/\|/g, "\\|")} | < ${r.budgetMs} ms: ${r.median < r.budgetMs ? "ok" : "**over**"} |`),
  ];
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const rows = await ingestCpu(process.argv.includes("--quick"));
  console.log(ingestCpuTable(rows).join("\n"));
}
