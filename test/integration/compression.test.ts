/**
 * Compression and conditional GETs as a reader's client sees them through SELF: real
 * Accept-Encoding, If-None-Match and If-Modified-Since headers against the edge cache.
 */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ADMIN_AUTH, importPosts } from "../support/admin";
import { makePost, seedPosts } from "../support/seed";

const BASE = "https://news.example.com";
const CODE = "CP202405010000000001";
const LONG = `<p>${"压缩测试正文。".repeat(400)}</p>`;

async function seeded(): Promise<void> {
  await seedPosts(makePost({ title: "压缩与条件请求", infoCode: CODE, category: "yasuo", date: "2024-05-01 09:30:00 +0800", body: LONG }));
}

describe("compression on the way out", () => {
  it("compresses a large page, gzip unless br is ranked higher, with its own ETag and Vary", async () => {
    await seeded();
    const plain = await SELF.fetch(`${BASE}/a/${CODE}`, { headers: { "Accept-Encoding": "identity" } });
    const br = await SELF.fetch(`${BASE}/a/${CODE}`, { headers: { "Accept-Encoding": "gzip;q=0.8, br" } });
    const both = await SELF.fetch(`${BASE}/a/${CODE}`, { headers: { "Accept-Encoding": "br, gzip" } });
    expect(both.headers.get("content-encoding")).toBe("gzip");
    await both.arrayBuffer();
    const gz = await SELF.fetch(`${BASE}/a/${CODE}`, { headers: { "Accept-Encoding": "gzip" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    for (const res of [plain, br, gz]) expect(res.headers.get("vary")).toMatch(/accept-encoding/i);
    const etag = plain.headers.get("etag") ?? "";
    expect(br.headers.get("etag")).toBe(etag.replace(/"$/, '-br"'));
    expect(gz.headers.get("etag")).toBe(etag.replace(/"$/, '-gzip"'));
    const text = await plain.text();
    expect(await br.text()).toBe(text);
    expect(await gz.text()).toBe(text);
  });

  it("compresses feeds and the JSON API too, and leaves small bodies alone", async () => {
    await seeded();
    for (const path of ["/atom.xml", "/feed.json", "/feed.xml", "/category/yasuo.html"]) {
      const res = await SELF.fetch(`${BASE}${path}`, { headers: { "Accept-Encoding": "br;q=0, gzip;q=0.8" } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-encoding"), path).toBe("gzip");
      await res.arrayBuffer();
    }
    const tiny = await SELF.fetch(`${BASE}/robots.txt`, { headers: { "Accept-Encoding": "gzip, br" } });
    expect(tiny.headers.get("content-encoding")).toBeNull();
    expect(tiny.headers.get("vary")).toMatch(/accept-encoding/i);
    const gif = await SELF.fetch(`${BASE}/v/${CODE}.gif`, { headers: { "Accept-Encoding": "gzip, br" } });
    expect(gif.headers.get("content-encoding")).toBeNull();
  });

  it("answers a compressed variant's ETag with 304 naming that variant", async () => {
    await seeded();
    const first = await SELF.fetch(`${BASE}/a/${CODE}`, { headers: { "Accept-Encoding": "br" } });
    await first.arrayBuffer();
    const etag = first.headers.get("etag") ?? "";
    const again = await SELF.fetch(`${BASE}/a/${CODE}`, { headers: { "Accept-Encoding": "br", "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("content-encoding")).toBeNull();
  });
});

describe("Last-Modified and If-Modified-Since", () => {
  it("dates the article page by its last change and answers If-Modified-Since with 304", async () => {
    await seeded();
    const first = await SELF.fetch(`${BASE}/a/${CODE}`);
    await first.arrayBuffer();
    // 2024-05-01 09:30 +08:00 is 01:30 UTC.
    expect(first.headers.get("last-modified")).toBe("Wed, 01 May 2024 01:30:00 GMT");
    const same = await SELF.fetch(`${BASE}/a/${CODE}`, { headers: { "If-Modified-Since": "Wed, 01 May 2024 01:30:00 GMT" } });
    expect(same.status).toBe(304);
    expect(same.headers.get("etag")).toBe(first.headers.get("etag"));
    const older = await SELF.fetch(`${BASE}/a/${CODE}`, { headers: { "If-Modified-Since": "Wed, 01 May 2024 01:29:59 GMT" } });
    expect(older.status).toBe(200);
    await older.arrayBuffer();
  });

  it("lets If-None-Match win over If-Modified-Since", async () => {
    await seeded();
    const res = await SELF.fetch(`${BASE}/a/${CODE}`, { headers: { "If-None-Match": '"not-this-one"', "If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT" } });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  });

  it("dates every feed and list by its newest article", async () => {
    await seeded();
    for (const path of ["/feed.xml", "/atom.xml", "/feed.json", "/category/yasuo/feed.xml", "/category/yasuo.html", "/", "/api/v1/articles?category=yasuo", "/sitemap.xml", "/news-sitemap.xml"]) {
      const res = await SELF.fetch(`${BASE}${path}`);
      await res.arrayBuffer();
      const lastModified = res.headers.get("last-modified");
      expect(lastModified, path).not.toBeNull();
      const conditional = await SELF.fetch(`${BASE}${path}`, { headers: { "If-Modified-Since": lastModified ?? "" } });
      expect(conditional.status, path).toBe(304);
    }
  });

  it("moves a list's Last-Modified forward when its newest article leaves it, so If-Modified-Since gets the new list", async () => {
    const older = "CP202405010000000011";
    const newer = "CP202405010000000012";
    // Through the import API, which purges what the new articles appear on.
    const imported = await importPosts([
      makePost({ title: "留下的文章", infoCode: older, category: "likai", date: "2026-11-01 09:00:00 +0800" }),
      makePost({ title: "将要下线的文章", infoCode: newer, category: "likai", date: "2026-11-02 09:00:00 +0800" }),
    ]);
    expect(imported.status).toBe(200);
    const paths = ["/category/likai.html", "/category/likai/feed.xml", "/"];
    const before = new Map<string, string>();
    for (const path of paths) {
      const res = await SELF.fetch(`${BASE}${path}`);
      expect(await res.text(), path).toContain("将要下线的文章");
      before.set(path, res.headers.get("last-modified") ?? "");
    }
    // At least the newest article's date; later when the import's purge is later (it is).
    expect(Date.parse(before.get("/category/likai.html") ?? "")).toBeGreaterThanOrEqual(Date.parse("2026-11-02T01:00:00Z"));

    // HTTP dates have whole seconds: the takedown comes in a later second than the import, as
    // it would for any client that fetched in between (two writes in one second share a date).
    const second = Math.floor(Date.now() / 1000);
    while (Math.floor(Date.now() / 1000) === second) await new Promise((resolve) => setTimeout(resolve, 50));
    const gone = await SELF.fetch(`${BASE}/api/v1/admin/articles/${newer}`, { method: "DELETE", headers: ADMIN_AUTH });
    expect(gone.status).toBe(200);
    for (const path of paths) {
      const res = await SELF.fetch(`${BASE}${path}`, { headers: { "If-Modified-Since": before.get(path) ?? "" } });
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).not.toContain("将要下线的文章");
      const lastModified = Date.parse(res.headers.get("last-modified") ?? "");
      expect(lastModified, path).toBeGreaterThan(Date.parse(before.get(path) ?? ""));
      // And the new date is one a client can come back with.
      const again = await SELF.fetch(`${BASE}${path}`, { headers: { "If-Modified-Since": res.headers.get("last-modified") ?? "" } });
      expect(again.status, path).toBe(304);
    }
  });
});

