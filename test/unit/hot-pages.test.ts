import { describe, expect, it } from "vitest";
import { answerHeaders, HOT_PAGES_LIMITS, HotPages, type HotPage } from "../../src/cache/hot-pages";

function page(bytes: number, etag = '"e"', tags: string[] = []): HotPage {
  return { status: 200, headers: [["content-type", "text/html"]], body: new ArrayBuffer(bytes), etag, storedAt: 0, softTtl: 60, tags };
}

describe("hot pages micro-cache", () => {
  it("holds a page for one second, then forgets it", () => {
    const hot = new HotPages({ ttlMs: 1_000, maxBytes: 1_000_000, maxEntries: 10 });
    hot.set("k", { ...page(100), tags: ["article:A"] }, 5_000);
    expect(hot.get("k", 5_999)?.body.byteLength).toBe(100);
    expect(hot.get("k", 6_000)).toBeUndefined();
    expect(hot.size).toEqual({ entries: 0, bytes: 0 });
  });

  it("does not trust a clock that went backwards", () => {
    const hot = new HotPages({ ttlMs: 1_000, maxBytes: 1_000_000, maxEntries: 10 });
    hot.set("k", { ...page(100), tags: [] }, 5_000);
    expect(hot.get("k", 4_000)).toBeUndefined();
  });

  it("drops the least recently used page when over its byte budget", () => {
    const hot = new HotPages({ ttlMs: 60_000, maxBytes: 800, maxEntries: 10 });
    hot.set("a", { ...page(100), tags: [] }, 0);
    hot.set("b", { ...page(100), tags: [] }, 0);
    hot.get("a", 1); // a is now younger than b
    for (const key of ["c", "d", "e", "f", "g", "h"]) hot.set(key, { ...page(100), tags: [] }, 2);
    hot.set("i", { ...page(100), tags: [] }, 3);
    expect(hot.get("b", 4)).toBeUndefined();
    expect(hot.get("a", 4)).toBeDefined();
    expect(hot.size.bytes).toBeLessThanOrEqual(800);
  });

  it("drops the oldest page when over its entry budget", () => {
    const hot = new HotPages({ ttlMs: 60_000, maxBytes: 1_000_000, maxEntries: 2 });
    hot.set("a", { ...page(10), tags: [] }, 0);
    hot.set("b", { ...page(10), tags: [] }, 0);
    hot.set("c", { ...page(10), tags: [] }, 0);
    expect([hot.get("a", 1), hot.get("b", 1), hot.get("c", 1)].map((p) => p !== undefined)).toEqual([false, true, true]);
    expect(hot.size).toEqual({ entries: 2, bytes: 20 });
  });

  it("never holds a page larger than an eighth of the budget", () => {
    const hot = new HotPages({ ttlMs: 60_000, maxBytes: 800, maxEntries: 10 });
    hot.set("big", { ...page(101), tags: [] }, 0);
    expect(hot.get("big", 1)).toBeUndefined();
    expect(hot.size.bytes).toBe(0);
  });

  it("replaces a key's page without counting its bytes twice", () => {
    const hot = new HotPages({ ttlMs: 60_000, maxBytes: 1_000, maxEntries: 10 });
    hot.set("k", { ...page(100, '"old"'), tags: [] }, 0);
    hot.set("k", { ...page(50, '"new"'), tags: [] }, 1);
    expect(hot.get("k", 2)?.etag).toBe('"new"');
    expect(hot.size).toEqual({ entries: 1, bytes: 50 });
  });

  it("forgets by cache tag, leaving pages of other tags", () => {
    const hot = new HotPages({ ttlMs: 60_000, maxBytes: 1_000_000, maxEntries: 10 });
    hot.set("/a/A", { ...page(10), tags: ["article:A", "category:x"] }, 0);
    hot.set("/category/x", { ...page(10), tags: ["category:x"] }, 0);
    hot.set("/a/B", { ...page(10), tags: ["article:B", "category:y"] }, 0);
    hot.deleteTagged(["category:x"]);
    expect(["/a/A", "/category/x", "/a/B"].map((k) => hot.get(k, 1) !== undefined)).toEqual([false, false, true]);
  });

  it.each([
    ["12345", true],
    [String(1024 * 1024), true],
    [String(1024 * 1024 + 1), false],
    [null, false],
    ["abc", false],
  ])("Content-Length %s fits: %s", (length, fits) => {
    expect(new HotPages(HOT_PAGES_LIMITS).fits(length)).toBe(fits);
  });

  it("fits nothing when switched off", () => {
    expect(new HotPages({ ttlMs: 0, maxBytes: 0, maxEntries: 0 }).fits("10")).toBe(false);
  });

  it("lets one caller make a held page's gzip bytes, counts them, and drops them with the page", () => {
    const hot = new HotPages({ ttlMs: 60_000, maxBytes: 10_000, maxEntries: 10 });
    hot.set("k", page(400), 0);
    const held = hot.get("k", 1)!;
    expect(hot.claimGzip("k", held)).toBe(true);
    expect(hot.claimGzip("k", held)).toBe(false); // already being made
    hot.attachGzip("k", held, new ArrayBuffer(100));
    expect(hot.get("k", 2)?.gzip?.byteLength).toBe(100);
    expect(hot.size.bytes).toBe(500);
    expect(hot.claimGzip("k", held)).toBe(false); // made
    hot.delete("k");
    expect(hot.size).toEqual({ entries: 0, bytes: 0 });
  });

  it("never attaches gzip bytes to a page that replaced the one they were made from", () => {
    const hot = new HotPages({ ttlMs: 60_000, maxBytes: 10_000, maxEntries: 10 });
    hot.set("k", page(400, '"old"'), 0);
    const old = hot.get("k", 1)!;
    expect(hot.claimGzip("k", old)).toBe(true);
    hot.set("k", page(400, '"new"'), 2);
    hot.attachGzip("k", old, new ArrayBuffer(100));
    const now = hot.get("k", 3)!;
    expect(now.etag).toBe('"new"');
    expect(now.gzip).toBeUndefined();
    expect(hot.size.bytes).toBe(400);
    // A failed compression frees the claim, so a later reader may try again.
    expect(hot.claimGzip("k", now)).toBe(true);
    hot.attachGzip("k", now, null);
    expect(hot.claimGzip("k", now)).toBe(true);
  });

  it("evicts when the gzip bytes push the pages over budget", () => {
    const hot = new HotPages({ ttlMs: 60_000, maxBytes: 1_000, maxEntries: 10 });
    hot.set("a", page(100), 0);
    hot.set("b", page(100), 0);
    const b = hot.get("b", 1)!;
    expect(hot.claimGzip("b", b)).toBe(true);
    hot.attachGzip("b", b, new ArrayBuffer(850));
    expect(hot.get("a", 2)).toBeUndefined();
    expect(hot.size.bytes).toBe(950);
  });

  describe("answer headers of a held page", () => {
    const held = (): HotPage => ({ ...page(4096, '"abc"'), headers: [["content-type", "text/html; charset=UTF-8"], ["etag", '"abc"'], ["x-cache", "HIT"]] });
    const asMap = (headers: [string, string][]) => Object.fromEntries(headers);

    it("name gzip with its own ETag for a gzip reader, and only Vary for one who sends none", () => {
      const p = held();
      const gzip = answerHeaders(p, "br, gzip");
      expect(gzip.encoding).toBe("gzip");
      expect(asMap(gzip.headers)).toMatchObject({ "content-encoding": "gzip", etag: '"abc-gzip"', vary: "Accept-Encoding", "x-cache": "HIT" });
      const plain = answerHeaders(p, null);
      expect(plain.encoding).toBeNull();
      expect(asMap(plain.headers)).toMatchObject({ etag: '"abc"', vary: "Accept-Encoding" });
      expect(asMap(plain.headers)["content-encoding"]).toBeUndefined();
      // The page's own headers are not changed by either.
      expect(p.headers).toEqual(held().headers);
    });

    it("are made once per Accept-Encoding value, and kept for at most four values", () => {
      const p = held();
      expect(answerHeaders(p, "br, gzip")).toBe(answerHeaders(p, "br, gzip"));
      for (const value of ["gzip", "deflate", "identity", "gzip;q=0.5", "br;q=0.1, gzip"]) answerHeaders(p, value);
      expect(p.answers?.size).toBe(4);
      // Past the bound each answer is still right, just made again.
      const extra = answerHeaders(p, "gzip;q=0.9");
      expect(extra.encoding).toBe("gzip");
      expect(answerHeaders(p, "gzip;q=0.9")).not.toBe(extra);
    });

    it("leave a page under 1 KB uncompressed", () => {
      const small = { ...held(), body: new ArrayBuffer(100) };
      expect(answerHeaders(small, "gzip").encoding).toBeNull();
    });
  });
});
