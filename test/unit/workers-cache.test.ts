/**
 * Production mode for Cloudflare's Workers Cache. It cannot run locally (no ctx.cache in
 * Miniflare), so its header and purge-batching logic is tested here against a recording
 * stand-in for ctx.cache (the only stand-in: everything else is the real code).
 */
import { describe, expect, it } from "vitest";
import { CachePolicies, FEED, PAGE } from "../../src/cache/policy";
import { CacheTags, type CacheTag } from "../../src/cache/tags";
import { PurgeBatcher, withWorkersCache, workersCacheControl, type WorkersCache } from "../../src/cache/workers-cache";
import { captureLogs } from "../../src/lib/log";
import type { Bindings } from "../../src/env";
import { PUBLIC_ROUTES } from "../../src/routes/public-routes";

function recordingCache(): WorkersCache & { calls: string[][] } {
  const calls: string[][] = [];
  return { calls, purge: async ({ tags }) => void calls.push(tags) };
}

function fakeCtx(): ExecutionContext & { waited: Promise<unknown>[] } {
  const waited: Promise<unknown>[] = [];
  return { waited, waitUntil: (p: Promise<unknown>) => void waited.push(p), passThroughOnException: () => {}, props: {} } as unknown as ExecutionContext & {
    waited: Promise<unknown>[];
  };
}

const tags = (n: number, prefix = "t"): CacheTag[] => Array.from({ length: n }, (_, i) => CacheTags.article(`${prefix}${i}`));

describe("Workers Cache headers", () => {
  it("lets the edge keep a page for its soft TTL and serve it stale around that, browsers for max-age", () => {
    expect(workersCacheControl(200, PAGE, true)).toBe("public, max-age=60, s-maxage=60, stale-while-revalidate=300, stale-if-error=86400");
    expect(workersCacheControl(200, FEED, true)).toBe("public, max-age=300, s-maxage=120, stale-while-revalidate=600, stale-if-error=86400");
    expect(workersCacheControl(404, PAGE, true)).toBe("public, max-age=30, s-maxage=30, stale-while-revalidate=300, stale-if-error=86400");
    expect(workersCacheControl(500, PAGE, false)).toBe("no-store");
  });

  it.each([
    ["a tagged page", 200, "article:A", true],
    ["a tagged 404", 404, "article:A", true],
    ["an untagged 404", 404, null, false],
    ["a 500", 500, "article:A", false],
  ])("%s: stored = %s, Cache-Tag kept, the render normalized", async (_label, status, tag, stored) => {
    const seen: string[] = [];
    const handler = withWorkersCache((req) => {
      seen.push(req.url);
      return new Response("x", { status, headers: tag ? { "Cache-Tag": tag } : {} });
    }, new CachePolicies(PUBLIC_ROUTES));
    const env = { SITE_URL: "https://news.example.com" } as Bindings;
    const res = await handler(new Request("http://evil.example/a/nw202204282363815497?utm_source=x"), env, fakeCtx());
    expect(seen).toEqual(["https://news.example.com/a/NW202204282363815497"]);
    expect(res.headers.get("cache-control")?.startsWith("public")).toBe(stored);
    expect(res.headers.get("cache-tag")).toBe(tag);
    expect(res.headers.get("etag")).toMatch(/^"[0-9a-f]{32}"$/);
  });
});

describe("purge batching under the rate limit", () => {
  it("sends up to 100 tags a call, and no more than 5 calls a minute", async () => {
    let clock = 0;
    const batcher = new PurgeBatcher({ callsPerMinute: 5, tagsPerCall: 100 }, () => clock);
    const cache = recordingCache();
    const ctx = fakeCtx();
    await batcher.submit(tags(250), cache, ctx);
    expect(cache.calls.map((c) => c.length)).toEqual([100, 100, 50]);
    for (let i = 0; i < 4; i++) await batcher.submit(tags(3, `w${i}`), cache, ctx);
    expect(cache.calls).toHaveLength(5);
    expect(batcher.pending).toBe(6); // two writes' tags wait for the next token
    expect(ctx.waited.length).toBeGreaterThan(0); // the queuing request flushes them later itself
    expect(batcher.msUntilToken()).toBe(12_000);
    clock += 12_000;
    await batcher.flush(cache);
    expect(cache.calls).toHaveLength(6);
    expect(cache.calls[5]).toHaveLength(6); // coalesced into one call
    expect(batcher.pending).toBe(0);
  });

  it("puts tags back when a purge call fails, and sends them with the next", async () => {
    let clock = 0;
    const batcher = new PurgeBatcher({ callsPerMinute: 5, tagsPerCall: 100 }, () => clock);
    let fail = true;
    const calls: string[][] = [];
    const cache: WorkersCache = {
      purge: async ({ tags }) => {
        if (fail) throw new Error("purge failed");
        calls.push(tags);
      },
    };
    const logs = captureLogs();
    try {
      await batcher.submit(tags(2), cache, fakeCtx());
    } finally {
      logs.release();
    }
    expect(logs.named("workers_cache_purge_failed")).toEqual([expect.objectContaining({ tags: 2 })]);
    expect(batcher.pending).toBe(2);
    fail = false;
    clock += 60_000;
    await batcher.submit(tags(1, "z"), cache, fakeCtx());
    expect(calls).toEqual([expect.arrayContaining(["article:t0", "article:t1", "article:z0"])]);
  });
});
