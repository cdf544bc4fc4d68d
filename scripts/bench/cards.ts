/**
 * Share card cost: the cards Worker as deployed, in workerd through Miniflare, drawing cards
 * one at a time (no concurrency, so the workerd process's CPU between two responses is that
 * card's). CPU from /proc (user + system time of the workerd process); memory as the
 * process's peak resident size (VmHWM) above its size before the first card, and then the
 * isolate's own memory against the 128 MB limit (cards-memory.ts).
 * Run alone: `npx tsx scripts/bench/cards.ts [--quick]`.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { Miniflare } from "miniflare";
import { buildCardsWorker, cardsWorkerOptions } from "../lib/cards-worker";
import { ROOT } from "../lib/env";
import { benchCardMemory, cardMemoryLines, type CardMemory } from "./cards-memory";

export type CardCost = {
  variant: string;
  runs: number;
  cpuMedian: number;
  cpuP99: number;
  wallMedian: number;
  wallP99: number;
};
export type CardBench = { costs: CardCost[]; baseRssMb: number; firstRssMb: number; peakRssMb: number; firstCardMs: number; bundleGzMb: number; bundleMb: number; fontMb: number; memory: CardMemory };

const TITLES = [
  "中国太保聚焦主责主业 助力打赢疫情防控大战硬战",
  "长三角一体化示范区发布新政：跨省域统一企业登记标准，首批二十项政务服务事项实现“一网通办”",
  "天津港集装箱吞吐量创新高 前十月同比增长百分之六",
  "東京で国際会議、各国首脳が集まる 😀",
  "서울시, 대중교통 요금 인상 계획 발표",
  "Central bank holds rates steady as inflation cools 📉",
];

const TICK = 100; // USER_HZ on Linux: /proc times are in 1/100 s.

/** workerd processes this process started (the bench may have other Miniflare instances running). */
function workerdChildren(): Set<number> {
  const out = new Set<number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (stat.includes("(workerd)") && Number(fields[1]) === process.pid) out.add(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/** The one workerd child that is in `after` and not in `before`: the cards Worker's. */
function newWorkerd(before: Set<number>): number {
  const fresh = [...workerdChildren()].filter((pid) => !before.has(pid));
  if (fresh.length !== 1) throw new Error(`expected one new workerd process, found ${fresh.length}`);
  return fresh[0] ?? 0;
}

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICK;
}

function statusKb(pid: number, key: "VmHWM" | "VmRSS"): number {
  const m = new RegExp(`${key}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(m?.[1] ?? 0);
}

const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

function bundleSize(dir: string): { raw: number; gz: number; fonts: number } {
  let raw = 0;
  let gz = 0;
  let fonts = 0;
  for (const f of readdirSync(dir)) {
    const file = path.join(dir, f);
    if (!statSync(file).isFile() || f.endsWith(".map") || f === "README.md") continue;
    const bytes = readFileSync(file);
    raw += bytes.byteLength;
    gz += gzipSync(bytes).byteLength;
    if (f.endsWith(".woff")) fonts += bytes.byteLength;
  }
  return { raw, gz, fonts };
}

export async function benchCards(quick: boolean): Promise<CardBench> {
  const dir = buildCardsWorker(path.join(ROOT, ".bench/cards-dist"));
  const size = bundleSize(dir);
  const before = workerdChildren();
  const mf = new Miniflare({ ...cardsWorkerOptions(dir), r2Persist: false });
  await mf.ready;
  const pid = newWorkerd(before);
  const baseRss = statusKb(pid, "VmRSS");
  const runsPerVariant = quick ? 12 : 60;
  const costs: CardCost[] = [];
  let firstCardMs = 0;
  let firstRss = 0;
  let disposed = false;
  try {
    for (const variant of ["wide", "square"]) {
      const cpu: number[] = [];
      const wall: number[] = [];
      for (let i = 0; i < runsPerVariant; i++) {
        const model = { title: `${TITLES[i % TITLES.length]}${i >= TITLES.length ? ` ${i}` : ""}`, category: "财经要闻", date: "2024-05-01 10:00 +08:00", source: "证券时报", site: "edgewire 新闻", imageUrl: null };
        const c0 = cpuMs(pid);
        const t0 = performance.now();
        const res = await mf.dispatchFetch(`http://cards.internal/render?variant=${variant}`, { method: "POST", body: JSON.stringify(model) });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`card render answered ${res.status}`);
        const t = performance.now() - t0;
        if (costs.length === 0 && i === 0) {
          firstCardMs = t; // wasm instantiation and the first fonts: not a steady-state card
          firstRss = statusKb(pid, "VmRSS");
          continue;
        }
        wall.push(t);
        cpu.push(cpuMs(pid) - c0);
      }
      cpu.sort((a, b) => a - b);
      wall.sort((a, b) => a - b);
      costs.push({ variant, runs: wall.length, cpuMedian: at(cpu, 0.5), cpuP99: at(cpu, 0.99), wallMedian: at(wall, 0.5), wallP99: at(wall, 0.99) });
    }
    const rss = { baseRssMb: baseRss / 1024, firstRssMb: firstRss / 1024, peakRssMb: statusKb(pid, "VmHWM") / 1024 };
    await mf.dispose();
    disposed = true;
    // Inside the isolate, in its own workerd processes (cards-memory.ts), after this one has ended.
    const memory = await benchCardMemory(quick);
    return { costs, ...rss, firstCardMs, bundleGzMb: size.gz / 1024 ** 2, bundleMb: size.raw / 1024 ** 2, fontMb: size.fonts / 1024 ** 2, memory };
  } finally {
    if (!disposed) await mf.dispose();
  }
}

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function cardBenchLines(b: CardBench): string[] {
  const worst = Math.max(...b.costs.map((c) => c.cpuP99));
  return [
    "## 9. Share cards (the cards Worker, one card at a time)",
    "",
    "| card | runs | CPU median ms | CPU p99 ms | wall median ms | wall p99 ms |",
    "|---|---|---|---|---|---|",
    ...b.costs.map((c) => `| ${c.variant} | ${c.runs} | ${fmt(c.cpuMedian)} | ${fmt(c.cpuP99)} | ${fmt(c.wallMedian)} | ${fmt(c.wallP99)} |`),
    "",
    `CPU is the workerd process's user + system time across one render (10 ms resolution); the first card of an isolate ` +
      `(wasm instantiation, first fonts) took ${fmt(b.firstCardMs)} ms wall and is left out. Memory: workerd's resident size was ` +
      `${fmt(b.baseRssMb)} MB before the first card, ${fmt(b.firstRssMb)} MB after it, and peaked at **${fmt(b.peakRssMb)} MB** ` +
      `(growth ${fmt(b.peakRssMb - b.baseRssMb)} MB). That is the whole process, garbage not yet collected included (Miniflare's workerd ` +
      `sets no isolate heap limit, so V8 collects lazily); the isolate's own memory, what the 128 MB limit counts, is measured below. ` +
      `CPU per card: p99 ${fmt(worst)} ms, ${worst > 10 ? "over" : "within"} the Free plan's 10 ms per request, well within Workers Paid (30 s default). ` +
      `Bundle: ${fmt(b.bundleMb, 1)} MB raw, **${fmt(b.bundleGzMb, 1)} MB gzipped** (${fmt(b.fontMb, 1)} MB of it WOFF font subsets), ` +
      `over the Free plan's 3 MB Worker size limit and under Paid's 10 MB: the cards Worker needs Workers Paid.`,
    "",
    ...cardMemoryLines(b.memory),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchCards(process.argv.includes("--quick"));
  console.log(cardBenchLines(result).join("\n"));
}
