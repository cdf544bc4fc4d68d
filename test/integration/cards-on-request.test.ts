/**
 * Cards are drawn when asked for, never because a post was written: an import leaves R2
 * without a card and the image host unasked, and a burst of first requests for cards is
 * drawn at most DRAW_LIMITS.inFlight at a time, each answered with the card or a 503 that
 * says when to retry (and that a retry fixes). Only the image host is a mock
 * (test/support/image-host.ts, whose /slow/ images take SLOW_MS each).
 */
import { env } from "cloudflare:workers";
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { DRAW_LIMITS } from "../../src/cards/draw-limit";
import { BASE, importPosts } from "../support/admin";
import { metaOne, parsePage } from "../support/html";
import type { RunStats } from "../support/image-host";
import { decodePng } from "../support/png";
import { makePost } from "../support/seed";

async function hostStats(run: string): Promise<RunStats> {
  return (await (await env.IMAGE_HOST.fetch(`https://image-host.test/stats/${run}`)).json()) as RunStats;
}

async function advertised(code: string): Promise<string> {
  const page = await parsePage(await (await SELF.fetch(`${BASE}/a/${code}`)).text());
  return metaOne(page, "og:image") ?? "";
}

/** Card keys R2 holds for these info codes. */
async function storedCards(codes: readonly string[]): Promise<string[]> {
  const listed = await env.CARDS_BUCKET.list({ prefix: "cards/" });
  return listed.objects.map((o) => o.key).filter((key) => codes.some((code) => key.startsWith(`cards/${code}-`)));
}

/** n posts whose images are on the mock host's slow path for this run. */
function posts(prefix: string, n: number, run: string): { codes: string[]; texts: string[] } {
  const codes = Array.from({ length: n }, (_, i) => `${prefix}2024010100000${String(i).padStart(5, "0")}`);
  const texts = codes.map((code, i) =>
    makePost({ title: `按需绘制的卡片 ${i}`, infoCode: code, extra: { image: `https://img.example.com/slow/${run}/${code}.png` } }),
  );
  return { codes, texts };
}

describe("share cards on request", () => {
  it("an import of 30 posts draws no card; the first request for one draws that one only", async () => {
    const run = `import-${crypto.randomUUID()}`;
    const { codes, texts } = posts("IQ", 30, run);
    const res = await importPosts(texts);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { results: { outcome: string }[] }).results.every((r) => r.outcome === "created")).toBe(true);
    // The first card asked for is drawn now, after the import: anything the write had set
    // going would have asked the image host first.
    const card = await SELF.fetch(await advertised(codes[0] ?? ""));
    expect(card.status).toBe(200);
    expect(await hostStats(run)).toMatchObject({ requests: 1 });
    expect(await storedCards(codes)).toHaveLength(1);
  }, 30_000);

  it(`a burst of 12 first requests is drawn at most ${DRAW_LIMITS.inFlight} at a time; every card arrives`, async () => {
    const run = `burst-${crypto.randomUUID()}`;
    const { codes, texts } = posts("BQ", 12, run);
    expect((await importPosts(texts)).status).toBe(200);
    const urls = await Promise.all(codes.map(advertised));
    const first = await Promise.all(urls.map((url) => SELF.fetch(url)));
    const pending: string[] = [];
    for (const [i, res] of first.entries()) {
      if (res.status === 200) {
        expect(decodePng(await res.arrayBuffer()).width).toBe(1200);
        continue;
      }
      // Past the line: a 503 a crawler can act on, never kept by a cache.
      expect(res.status).toBe(503);
      expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
      expect(res.headers.get("Cache-Control")).toBe("no-store");
      await res.arrayBuffer();
      pending.push(urls[i] ?? "");
    }
    expect(pending.length).toBeLessThan(urls.length);
    // A retry fixes it: each try finds the card drawn or a turn free (bounded, not a sleep).
    for (let attempt = 0; attempt < 2 * urls.length && pending.length > 0; attempt++) {
      const url = pending.shift() ?? "";
      const res = await SELF.fetch(url);
      await res.arrayBuffer();
      if (res.status !== 200) pending.push(url);
    }
    expect(pending).toEqual([]);
    const stats = await hostStats(run);
    expect(stats.maxOpen).toBeGreaterThanOrEqual(1);
    expect(stats.maxOpen).toBeLessThanOrEqual(DRAW_LIMITS.inFlight);
    expect(await storedCards(codes)).toHaveLength(12);
  }, 60_000);
});
