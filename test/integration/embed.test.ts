import { env } from "cloudflare:workers";
import { SELF } from "cloudflare:test";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import fixture from "../fixtures/2022-04-28-NW202204282363815497.md?raw";
import { makePost, seedPosts } from "../support/seed";
import { callWorker } from "../support/worker";
import { decodePng } from "../support/png";

const BASE = "https://news.example.com";
const CODE = "NW202204282363815497";
const articleUrl = encodeURIComponent(`${BASE}/a/${CODE}`);

beforeAll(async () => {
  await seedPosts(fixture, makePost({ title: "有图", infoCode: "NW202401050000000001", extra: { image: "https://img.example/p.jpg" } }));
});

describe("/embed/{infoCode}", () => {
  it("is a small framable card with title, source, date and a new-tab link", async () => {
    const res = await SELF.fetch(`${BASE}/embed/${CODE}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(new TextEncoder().encode(html).byteLength).toBeLessThan(10 * 1024);
    expect(html).toContain("中国太保聚焦主责主业");
    expect(html).toContain("北方网");
    expect(html).toContain("2022-04-28 14:08");
    expect(html).toMatch(new RegExp(`<a class="c" href="${BASE}/a/${CODE}" target="_blank" rel="noopener">`));
    expect(html).not.toMatch(/<(link|script)[^>]+(src|href)="https?:\/\/(?!news\.example\.com)/);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors *");
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(res.headers.get("x-frame-options")).toBeNull();
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("limits framing to the configured partners", async () => {
    const res = await callWorker(`${BASE}/embed/${CODE}?theme=dark`, {}, env.DB);
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors *");
    const { createApp } = await import("../../src/app");
    const partnered = await createApp().request(`/embed/${CODE}`, {}, { ...env, EMBED_PARTNERS: "https://partner.example http://127.0.0.1:9000 javascript:x" });
    expect(partnered.headers.get("content-security-policy")).toMatch(/frame-ancestors https:\/\/partner\.example http:\/\/127\.0\.0\.1:9000$/);
  });

  it("takes theme and lang, and answers unknown codes with a 404 card", async () => {
    const dark = await (await SELF.fetch(`${BASE}/embed/${CODE}?theme=dark&lang=en`)).text();
    expect(dark).toContain('data-theme="dark"');
    expect(dark).toContain('lang="en"');
    expect((await SELF.fetch(`${BASE}/embed/NW202201010000000000`)).status).toBe(404);
    expect((await SELF.fetch(`${BASE}/embed/bad`)).status).toBe(404);
  });

  it("keeps framing denied on every other page", async () => {
    const res = await SELF.fetch(`${BASE}/a/${CODE}`);
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });
});

describe("/embed.js", () => {
  it("is small, cacheable and served for any origin", async () => {
    const res = await SELF.fetch(`${BASE}/embed.js`);
    const js = await res.text();
    expect(new TextEncoder().encode(js).byteLength).toBeLessThan(3 * 1024);
    expect(res.headers.get("content-type")).toBe("application/javascript; charset=utf-8");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(res.headers.get("cache-control")).toBe("public, max-age=3600");
  });
});

describe("/oembed", () => {
  it("answers JSON with the oEmbed fields", async () => {
    const res = await SELF.fetch(`${BASE}/oembed?url=${articleUrl}&maxwidth=400`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const data = (await res.json()) as Record<string, unknown>;
    expect(data).toMatchObject({ type: "rich", version: "1.0", title: "中国太保聚焦主责主业 助力打赢疫情防控大战硬战", author_name: "北方网", width: 400, height: 240, cache_age: 3600 });
    expect(data.provider_url).toBe(`${BASE}/`);
  });

  it("answers XML with the same fields", async () => {
    const res = await SELF.fetch(`${BASE}/oembed?url=${articleUrl}&format=xml`);
    expect(res.headers.get("content-type")).toBe("text/xml; charset=utf-8");
    const doc = new XMLParser({ parseTagValue: false }).parse(await res.text()) as { oembed: Record<string, string> };
    expect(doc.oembed).toMatchObject({ type: "rich", version: "1.0", author_name: "北方网", width: "550", height: "240" });
    expect(doc.oembed.html).toContain("edgewire-card");
  });

  it("sizes the thumbnail within maxwidth/maxheight with the image's proportions", async () => {
    const data = (await (await SELF.fetch(`${BASE}/oembed?url=${articleUrl}&maxwidth=400&maxheight=400`)).json()) as Record<string, unknown>;
    // The article's share card (its page's og:image) at the largest size that fits: 300×158,
    // and the PNG at that URL is exactly that size.
    expect([data.thumbnail_url, data.thumbnail_width, data.thumbnail_height]).toEqual([expect.stringMatching(new RegExp(`^${BASE}/card/[A-Z]{2}\\d{18}-[0-9a-f]{16}-300\\.png$`)), 300, 158]);
    const thumbnail = await SELF.fetch(String(data.thumbnail_url));
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get("content-type")).toBe("image/png");
    const png = decodePng(await thumbnail.arrayBuffer());
    expect([png.width, png.height]).toEqual([300, 158]);
    const wider = (await (await SELF.fetch(`${BASE}/oembed?url=${articleUrl}&maxwidth=700`)).json()) as Record<string, unknown>;
    const widerPng = decodePng(await (await SELF.fetch(String(wider.thumbnail_url))).arrayBuffer());
    expect([widerPng.width, widerPng.height]).toEqual([wider.thumbnail_width, wider.thumbnail_height]);
    expect([widerPng.width, widerPng.height]).toEqual([600, 315]);
  });

  it.each([["https://evil.example/a/" + CODE], ["http://news.example.com/a/" + CODE], ["https://news.example.com@evil.example/a/" + CODE], [""]])(
    "answers 404 for a URL we do not own: %s",
    async (url) => {
      const res = await SELF.fetch(`${BASE}/oembed?url=${encodeURIComponent(url)}`);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    },
  );

  it("answers 501 for an unsupported format", async () => {
    expect((await SELF.fetch(`${BASE}/oembed?url=${articleUrl}&format=yaml`)).status).toBe(501);
  });

  it("is discoverable from the article page", async () => {
    const html = await (await SELF.fetch(`${BASE}/a/${CODE}`)).text();
    expect(html).toContain(`type="application/json+oembed" href="${BASE}/oembed?url=${articleUrl}&amp;format=json"`);
    expect(html).toContain('type="text/xml+oembed"');
  });
});

describe("/api/v1/articles/{infoCode}", () => {
  it("is the JSON card with stable fields and CORS without credentials", async () => {
    const res = await SELF.fetch(`${BASE}/api/v1/articles/${CODE}`, { headers: { Origin: "https://partner.example" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
    expect(await res.json()).toEqual({
      infoCode: CODE,
      url: `${BASE}/a/${CODE}`,
      title: "中国太保聚焦主责主业 助力打赢疫情防控大战硬战",
      summary: expect.any(String),
      source: "北方网",
      sourceUrl: `http://finews.zning.xyz/html_News/NewsShare.html?infoCode=${CODE}`,
      author: null,
      category: { slug: "beifangwang", name: "北方网新闻", url: `${BASE}/category/beifangwang.html` },
      categories: [{ slug: "beifangwang", name: "北方网新闻", url: `${BASE}/category/beifangwang.html` }],
      tags: ["北方网新闻"],
      publishedAt: "2022-04-28T14:08:53+08:00",
      updatedAt: "2022-04-28T14:08:53+08:00",
      image: null,
      lang: "zh-CN",
      embedUrl: `${BASE}/embed/${CODE}`,
    });
  });

  it("answers a preflight and 404 problem+json for unknown codes", async () => {
    const pre = await SELF.fetch(`${BASE}/api/v1/articles/${CODE}`, { method: "OPTIONS", headers: { Origin: "https://p.example", "Access-Control-Request-Method": "GET" } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("*");
    const res = await SELF.fetch(`${BASE}/api/v1/articles/NW202201010000000000`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });
});
