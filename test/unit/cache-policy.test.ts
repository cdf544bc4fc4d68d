import { describe, expect, it } from "vitest";
import { browserCacheControl, etagMatches, freshness, PAGE, resolve, storableFor } from "../../src/cache/policy";

const SITE = "https://news.example.com";
const page = { ...PAGE, params: [] as string[] };

describe("cache key", () => {
  it.each([
    ["/a/NW202204282363815497", "https://news.example.com/a/NW202204282363815497"],
    ["/a/nw202204282363815497?utm_source=wechat&fbclid=x", "https://news.example.com/a/NW202204282363815497"],
    ["/html_News/NewsShare.html?infoCode=NW202204282363815497&from=timeline&isappinstalled=0", "https://news.example.com/a/NW202204282363815497"],
    ["/?utm_medium=x&before=1651126133000.4", "https://news.example.com/?before=1651126133000.4"],
    ["/category/caijing.html?page=2&before=5.1&zz=1", "https://news.example.com/category/caijing.html?before=5.1&page=2"],
    ["/oembed?url=u&format=json&utm_campaign=c", "https://news.example.com/oembed?format=json&url=u"],
  ])("%s → %s", (path, key) => {
    expect(resolve("GET", `http://evil.example${path}`, SITE)?.key).toBe(key);
  });

  it("renders from the configured origin with declared parameters only", () => {
    expect(resolve("GET", "http://evil.example/?before=1.2&utm_source=x", SITE)?.renderUrl).toBe("https://news.example.com/?before=1.2");
  });

  it.each([["POST"], ["PUT"], ["DELETE"], ["OPTIONS"]])("%s is never cached", (method) => {
    expect(resolve(method, `${SITE}/a/NW202204282363815497`, SITE)).toBeNull();
  });

  it.each([["/api/v1/admin/import"], ["/api/v1/admin/stats"], ["/healthz"], ["/v/NW202204282363815497.gif"], ["/random"]])(
    "%s is not a cached route",
    (path) => {
      expect(resolve("GET", `${SITE}${path}`, SITE)).toBeNull();
    },
  );

  it("gives a malformed share code no entry", () => {
    expect(resolve("GET", `${SITE}/a/<script>`, SITE)?.key).toBe("");
  });
});

describe("what may be stored", () => {
  it.each([
    ["200", new Response("x"), true, PAGE.softTtl],
    ["404, briefly", new Response("x", { status: 404 }), true, 30],
    ["410, briefly", new Response("x", { status: 410 }), true, 30],
    ["500", new Response("x", { status: 500 }), false, 0],
    ["503", new Response("x", { status: 503 }), false, 0],
    ["400", new Response("x", { status: 400 }), false, 0],
    ["Set-Cookie", new Response("x", { headers: { "Set-Cookie": "a=b" } }), false, 0],
    ["no-store", new Response("x", { headers: { "Cache-Control": "no-store" } }), false, 0],
    ["private", new Response("x", { headers: { "Cache-Control": "private, max-age=60" } }), false, 0],
  ])("%s", (_label, res, store, softTtl) => {
    expect(storableFor(res, page)).toEqual({ store, softTtl });
  });
});

describe("freshness and revalidation", () => {
  it("is fresh, then stale, then expired", () => {
    expect(freshness(10, 60, page)).toBe("fresh");
    expect(freshness(61, 60, page)).toBe("stale");
    expect(freshness(60 + PAGE.staleWhileRevalidate + 1, 60, page)).toBe("expired");
  });

  it("gives browsers a short max-age and 404s a shorter one", () => {
    expect(browserCacheControl(200, page)).toBe("public, max-age=60");
    expect(browserCacheControl(404, page)).toBe("public, max-age=30");
  });

  it.each([
    ['"abc"', '"abc"', true],
    ['W/"abc"', '"abc"', true],
    ['"x", W/"abc" , "y"', '"abc"', true],
    ["*", '"abc"', true],
    ['"abd"', '"abc"', false],
    [null, '"abc"', false],
  ])("If-None-Match %s vs %s → %s", (header, etag, match) => {
    expect(etagMatches(header, etag)).toBe(match);
  });
});
