/** CORS as a partner page's script meets it: preflights, reads, errors; never on the admin API. */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { makePost, seedPosts } from "../support/seed";

const BASE = "https://news.example.com";
const CODE = "CR202406010000000001";
const ORIGIN = { Origin: "https://partner.example" };

describe("CORS on public reads", () => {
  it.each(["/oembed", "/api/v1/search", "/api/v1/articles", `/api/v1/articles/${CODE}`, "/feed.json", "/atom.xml", "/sitemap.xml", `/embed/${CODE}`])(
    "answers a preflight on %s",
    async (path) => {
      const res = await SELF.fetch(`${BASE}${path}`, {
        method: "OPTIONS",
        headers: { ...ORIGIN, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "if-none-match" },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("access-control-allow-methods")).toContain("GET");
      expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("if-none-match");
      expect(res.headers.get("access-control-allow-credentials")).toBeNull();
    },
  );

  it("lets other origins read feeds, search, oEmbed and their errors, with ETag exposed", async () => {
    await seedPosts(makePost({ title: "跨域", infoCode: CODE }));
    const url = encodeURIComponent(`${BASE}/a/${CODE}`);
    for (const [path, status] of [
      ["/feed.json", 200],
      [`/api/v1/search?q=${encodeURIComponent("跨域")}`, 200],
      [`/oembed?url=${url}`, 200],
      ["/oembed?url=https%3A%2F%2Felsewhere.example%2Fa%2FNW202204282363815497", 404],
      ["/oembed?format=yaml&url=" + url, 501],
      ["/api/v1/search", 400],
      ["/api/v1/articles/NOPE", 404],
    ] as const) {
      const res = await SELF.fetch(`${BASE}${path}`, { headers: ORIGIN });
      expect(res.status, path).toBe(status);
      expect(res.headers.get("access-control-allow-origin"), path).toBe("*");
      expect(res.headers.get("access-control-expose-headers"), path).toContain("ETag");
      await res.arrayBuffer();
    }
  });

  it("gives the admin API no CORS and no preflight", async () => {
    const res = await SELF.fetch(`${BASE}/api/v1/admin/import`, { method: "OPTIONS", headers: { ...ORIGIN, "Access-Control-Request-Method": "POST" } });
    expect(res.status).not.toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    await res.arrayBuffer();
    const get = await SELF.fetch(`${BASE}/api/v1/admin/stats`, { headers: ORIGIN });
    expect(get.headers.get("access-control-allow-origin")).toBeNull();
    await get.arrayBuffer();
  });
});
