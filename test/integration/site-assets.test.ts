/** The icon set, manifest and default share image: served, typed, cached, linked from every page. */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

const BASE = "https://news.example.com";

function pngSize(bytes: Uint8Array): [number, number] {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return [view.getUint32(16), view.getUint32(20)];
}

describe("site icons", () => {
  it.each([
    ["/icon-192.png", 192, 192],
    ["/icon-512.png", 512, 512],
    ["/apple-touch-icon.png", 180, 180],
    ["/share-default.png", 1200, 630],
  ])("serves %s as a %ix%i PNG, cached as a static file", async (path, width, height) => {
    const first = await SELF.fetch(`${BASE}${path}`);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("image/png");
    const bytes = new Uint8Array(await first.arrayBuffer());
    expect([...bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pngSize(bytes)).toEqual([width, height]);
    expect(first.headers.get("cache-control")).toBe("public, max-age=3600");
    const second = await SELF.fetch(`${BASE}${path}`);
    expect(second.headers.get("x-cache")).toBe("HIT");
    await second.arrayBuffer();
  });

  it("serves /favicon.ico as an icon with 16 and 32 px images, not a 404 page", async () => {
    const res = await SELF.fetch(`${BASE}/favicon.ico`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/x-icon");
    const view = new DataView(await res.arrayBuffer());
    expect([view.getUint16(0, true), view.getUint16(2, true), view.getUint16(4, true)]).toEqual([0, 1, 2]);
    expect([view.getUint8(6), view.getUint8(22)]).toEqual([16, 32]);
  });

  it("serves the SVG icon and a web manifest that names the icons", async () => {
    const svg = await SELF.fetch(`${BASE}/icon.svg`);
    expect(svg.headers.get("content-type")).toBe("image/svg+xml");
    expect(await svg.text()).toMatch(/^<svg /);
    const res = await SELF.fetch(`${BASE}/site.webmanifest`);
    expect(res.headers.get("content-type")).toBe("application/manifest+json; charset=utf-8");
    const manifest = (await res.json()) as { name: string; lang: string; icons: { src: string; sizes: string }[] };
    expect(manifest.name).toBe("edgewire 新闻");
    expect(manifest.lang).toBe("zh-CN");
    expect(manifest.icons.map((i) => `${i.src} ${i.sizes}`)).toEqual(["/icon-192.png 192x192", "/icon-512.png 512x512", "/icon.svg any"]);
  });

  it("links the icon set from every page's head", async () => {
    const html = await (await SELF.fetch(`${BASE}/`)).text();
    for (const link of ['<link rel="icon" href="/favicon.ico" sizes="32x32"/>', '<link rel="apple-touch-icon" href="/apple-touch-icon.png"/>', '<link rel="manifest" href="/site.webmanifest"/>']) {
      expect(html).toContain(link);
    }
  });
});
