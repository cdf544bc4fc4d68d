/**
 * Compression and conditional GETs as a reader's client sees them through SELF: real
 * Accept-Encoding, If-None-Match and If-Modified-Since headers against the edge cache.
 */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
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
});
