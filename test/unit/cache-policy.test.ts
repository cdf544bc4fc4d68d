import { describe, expect, it } from "vitest";
import { browserCacheControl, CachePolicies, compilePath, etagMatches, freshness, PAGE, storableFor } from "../../src/cache/policy";
import { PUBLIC_ROUTES } from "../../src/routes/public-routes";

const SITE = "https://news.example.com";
const page = PAGE;
const policies = new CachePolicies(PUBLIC_ROUTES);
const resolve = (method: string, url: string, site: string) => policies.resolve(method, url, site);

describe("cache key", () => {
  it.each([
    ["/a/NW202204282363815497", "https://news.example.com/a/NW202204282363815497"],
    ["/a/nw202204282363815497?utm_source=wechat&fbclid=x", "https://news.example.com/a/NW202204282363815497"],
    ["/html_News/NewsShare.html?infoCode=NW202204282363815497&from=timeline&isappinstalled=0", "https://news.example.com/a/NW202204282363815497"],
    ["/?utm_medium=x&before=1651126133000.4", "https://news.example.com/?before=1651126133000.4"],
    ["/?before=01651126133000.04", "https://news.example.com/?before=1651126133000.4"],
    ["/category/caijing.html?page=2&before=5.1&zz=1", "https://news.example.com/category/caijing.html?before=5.1"],
    ["/tag/%e6%b5%8b%e8%af%95.html", "https://news.example.com/tag/%E6%B5%8B%E8%AF%95.html"],
    ["/search?q=%20%20%E5%85%BB%E8%80%81%20%20%20%E5%A4%AA%E4%BF%9D&page=1", "https://news.example.com/search?q=%E5%85%BB%E8%80%81+%E5%A4%AA%E4%BF%9D"],
    ["/search?page=3&q=a", "https://news.example.com/search?page=3&q=a"],
    [
      "/oembed?url=https%3A%2F%2Fnews.example.com%2Fa%2Fnw202204282363815497%3Futm_source%3Dx&format=json&utm_campaign=c",
      "https://news.example.com/oembed?url=https%3A%2F%2Fnews.example.com%2Fa%2FNW202204282363815497",
    ],
    ["/oembed?url=https%3A%2F%2Fnews.example.com%2Fa%2FNW202204282363815497&maxwidth=0400&format=xml", "https://news.example.com/oembed?format=xml&maxwidth=400&url=https%3A%2F%2Fnews.example.com%2Fa%2FNW202204282363815497"],
    ["/embed/nw202204282363815497?theme=blue&lang=en", "https://news.example.com/embed/NW202204282363815497?lang=en"],
  ])("%s → %s", (path, key) => {
    expect(resolve("GET", `http://evil.example${path}`, SITE)?.key).toBe(key);
  });

  it("renders from the configured origin with declared parameters only", () => {
    expect(resolve("GET", "http://evil.example/?before=1.2&utm_source=x", SITE)?.renderUrl).toBe("https://news.example.com/?before=1.2");
  });

  it.each([["POST"], ["PUT"], ["DELETE"], ["OPTIONS"]])("%s is never cached", (method) => {
    expect(resolve(method, `${SITE}/a/NW202204282363815497`, SITE)).toBeNull();
  });

  it.each([["/api/v1/admin/import"], ["/api/v1/admin/stats"], ["/healthz"], ["/v/NW202204282363815497.gif"], ["/random.php"], ["/.env"]])(
    "%s is not a cached route",
    (path) => {
      expect(resolve("GET", `${SITE}${path}`, SITE)).toBeNull();
    },
  );

  it("keys a page path no route serves as a possible old Jekyll URL, one key for every encoding", () => {
    const a = resolve("GET", `${SITE}/%E5%B8%82%E5%9C%BA/2021/x.html`, SITE);
    expect(a?.key).toBe(`${SITE}/%E5%B8%82%E5%9C%BA/2021/x.html`);
    expect(resolve("GET", `${SITE}/%e5%b8%82%e5%9c%ba/2021/x.html?utm_source=x`, SITE)?.key).toBe(a?.key);
    expect(resolve("GET", `${SITE}/random`, SITE)?.key).toBe(`${SITE}/random`);
  });

  it("gives a malformed share code no entry", () => {
    expect(resolve("GET", `${SITE}/a/<script>`, SITE)?.key).toBe("");
    expect(resolve("GET", `${SITE}/a/NW202202302363815497`, SITE)?.key).toBe(""); // February 30th
  });

  it.each([
    ["a page past the last one a list or search serves", "/search?q=a&page=51"],
    ["a page number that is not one", "/search?q=a&page=2x"],
    ["a search query past the length limit", `/search?q=${"长".repeat(101)}`],
    ["a malformed cursor", "/category/caijing.html?before=abc"],
    ["an oEmbed url that is not ours", "/oembed?url=https%3A%2F%2Fevil.example%2Fa%2FNW202204282363815497"],
    ["an unknown oEmbed format", "/oembed?url=https%3A%2F%2Fnews.example.com%2Fa%2FNW202204282363815497&format=yaml"],
    ["a tag that does not decode", "/tag/%E6%B5.html"],
  ])("makes no entry for %s", (_label, path) => {
    const resolved = resolve("GET", `${SITE}${path}`, SITE);
    expect(resolved?.key).toBe("");
    expect(resolved?.renderUrl.startsWith(SITE)).toBe(true);
  });

  it("gives 10,000 tracking-parameter variants of one page one key", () => {
    const keys = new Set(Array.from({ length: 10_000 }, (_, i) => resolve("GET", `${SITE}/a/NW202204282363815497?utm_source=${i}&from=${i}`, SITE)?.key));
    expect(keys.size).toBe(1);
  });

  it("matches Hono path patterns exactly, custom regexes included", () => {
    expect(compilePath("/category/:file{[^/]+\\.html}").pattern.test("/category/a.html")).toBe(true);
    expect(compilePath("/category/:file{[^/]+\\.html}").pattern.test("/category/a.htm")).toBe(false);
    expect(compilePath("/:file{sitemap-articles-[1-9][0-9]{0,5}\\.xml}").pattern.test("/sitemap-articles-12.xml")).toBe(true);
    expect(compilePath("/a/:infoCode").pattern.test("/a/x/")).toBe(false);
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
    expect(storableFor(res, page, true)).toEqual({ store, softTtl });
  });

  it("never stores a 404 or 410 that carries no tag of what it misses", () => {
    expect(storableFor(new Response("x", { status: 404 }), page, false)).toEqual({ store: false, softTtl: 0 });
    expect(storableFor(new Response("x", { status: 410 }), page, false)).toEqual({ store: false, softTtl: 0 });
  });

  it("stores an old URL's 301 as long as a page, only with the tags of what it points at", () => {
    const redirect = () => new Response(null, { status: 301, headers: { Location: "/a/NW202204282363815497" } });
    expect(storableFor(redirect(), page, true)).toEqual({ store: true, softTtl: page.softTtl });
    expect(storableFor(redirect(), page, false)).toEqual({ store: false, softTtl: 0 });
    expect(browserCacheControl(301, page)).toBe("public, max-age=60");
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
