/**
 * What a write costs as the cache fills with variants: PUT latency with no cached page
 * besides the article's own, then again after `variants` distinct search pages (each one a
 * cache entry tagged list:search, which every write purges) have been cached. Purging by
 * recorded time per tag (src/cache/invalidations.ts) must make the two about the same.
 */
import { load } from "./load";
import type { Started } from "./workers";

export type PurgeCost = { variants: number; emptyMs: number[]; filledMs: number[]; variantErrors: number };

const TOKEN = "bench-admin-token";
export const PURGE_COST_BINDINGS = { ADMIN_TOKEN: TOKEN, ADMIN_RATE_LIMIT: "1000000" };

function article(version: number): string {
  return JSON.stringify({
    title: `清除成本测试 第${version}版`,
    date: "2024-06-01 09:00:00 +0800",
    // Each version a second later, written as partners write dates.
    updated: `${new Date(Date.UTC(2024, 5, 1, 9) + version * 1000).toISOString().replace("T", " ").slice(0, 19)} +0000`,
    body: `<p>第${version}版正文。</p>`,
    category: { slug: "purgecost", name: "清除成本" },
    tags: ["清除"],
  });
}

async function putLatencies(base: URL, from: number, count: number): Promise<number[]> {
  const out: number[] = [];
  for (let v = from; v < from + count; v++) {
    // The article's page is cached before each write, so every write has something to purge.
    await (await fetch(new URL("/a/PC202406010000000001", base))).arrayBuffer();
    const t0 = performance.now();
    const res = await fetch(new URL("/api/v1/admin/articles/PC202406010000000001", base), {
      method: "PUT",
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
      body: article(v),
    });
    await res.arrayBuffer();
    if (res.status >= 300) throw new Error(`PUT answered ${res.status}`);
    out.push(performance.now() - t0);
  }
  return out;
}

export async function measurePurgeCost(worker: Started, variants: number, connections: number): Promise<PurgeCost> {
  const emptyMs = await putLatencies(worker.url, 1, 30);
  const paths = Array.from({ length: variants }, (_, i) => `/search?q=${encodeURIComponent(`变体${i}`)}`);
  const filled = await load({ url: worker.url.href, connections, seconds: 60, paths, amount: paths.length });
  const filledMs = await putLatencies(worker.url, 1_000, 30);
  return { variants, emptyMs, filledMs, variantErrors: filled.errors + filled.non2xx };
}

export const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
