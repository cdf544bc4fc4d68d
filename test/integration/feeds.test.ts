/**
 * Feed, sitemap and robots routes through the Worker (edge cache + app) against real D1,
 * and WebSub publishing against a fake hub. Storage and the edge cache are shared within
 * this file: each test seeds before its first GET and uses its own categories.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext, SELF, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import worker from "../../src/index";
import { FEED_SIZE } from "../../src/routes/feeds";
import { newsWindowStart } from "../../src/routes/sitemaps";
import { captureLogs } from "../../src/lib/log";
import { feedTopics, pingHub } from "../../src/syndication/websub";
import fixture from "../fixtures/2022-04-28-NW202204282363815497.md?raw";
import { attr, children, childText, only, parseXml, type XmlNode } from "../support/articles";
import { makePost, seedPosts } from "../support/seed";

const ORIGIN = "https://news.example.com";
const CODE = "NW202204282363815497";
const pad = (n: number, width: number) => String(n).padStart(width, "0");

const get = (path: string) => SELF.fetch(`${ORIGIN}${path}`);

function rssChannel(xml: string): XmlNode {
  return only(only(parseXml(xml), "rss"), "channel");
}

function byCode(nodes: XmlNode[], field: string, read: (n: XmlNode) => string): XmlNode {
  const found = nodes.find((n) => read(n).endsWith(`/a/${CODE}`));
  if (!found) throw new Error(`no ${field} for ${CODE}`);
  return found;
}

type JsonFeedDoc = { version: string; feed_url: string; next_url?: string; hubs?: { type: string; url: string }[]; items: { id: string; date_published: string }[] };

describe("site feeds", () => {
  it("serves RSS with its content type, self link and the fixture's +0800 date, cached byte for byte", async () => {
    await seedPosts(fixture);
    const first = await get("/feed.xml");
    const body = await first.text();
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    expect(first.headers.get("cache-tag")).toBe("feed:site");
    expect(first.headers.get("x-cache")).toBe("MISS");
    const channel = rssChannel(body);
    const self = children(channel, "atom:link").find((l) => attr(l, "rel") === "self");
    expect(self && attr(self, "href")).toBe(`${ORIGIN}/feed.xml`);
    expect(children(channel, "atom:link").filter((l) => attr(l, "rel") === "hub")).toEqual([]);
    const item = byCode(children(channel, "item"), "item", (i) => childText(i, "guid"));
    expect(childText(item, "pubDate")).toBe("Thu, 28 Apr 2022 14:08:53 +0800");
    expect(childText(item, "link")).toBe(`${ORIGIN}/a/${CODE}`);

    const second = await get("/feed.xml");
    expect(second.headers.get("x-cache")).toBe("HIT");
    expect(await second.text()).toBe(body);
    expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
  });

  it("serves Atom with the fixture's RFC 3339 date at +08:00", async () => {
    await seedPosts(fixture);
    const res = await get("/atom.xml");
    expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const body = await res.text();
    const feed = only(parseXml(body), "feed");
    const self = children(feed, "link").find((l) => attr(l, "rel") === "self");
    expect(self && attr(self, "href")).toBe(`${ORIGIN}/atom.xml`);
    const entry = byCode(children(feed, "entry"), "entry", (e) => childText(e, "id"));
    expect(childText(entry, "published")).toBe("2022-04-28T14:08:53+08:00");
    expect(childText(entry, "updated")).toBe("2022-04-28T14:08:53+08:00");
    // Re-rendering unchanged content gives the same bytes (no clock in the output).
    const again = await get("/atom.xml?utm_source=x");
    expect(await again.text()).toBe(body);
  });

  it("serves JSON Feed 1.1 with the fixture's date", async () => {
    await seedPosts(fixture);
    const res = await get("/feed.json");
    expect(res.headers.get("content-type")).toBe("application/feed+json; charset=utf-8");
    const feed: JsonFeedDoc = await res.json();
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.feed_url).toBe(`${ORIGIN}/feed.json`);
    const item = feed.items.find((i) => i.id === `${ORIGIN}/a/${CODE}`);
    expect(item?.date_published).toBe("2022-04-28T14:08:53+08:00");
  });
});

describe("category feeds", () => {
  it("carries the category's cache tags and self link, and 404s for an unknown category", async () => {
    await seedPosts(fixture);
    const res = await get("/category/beifangwang/feed.xml");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-tag")).toBe("feed:category:beifangwang,category:beifangwang");
    const channel = rssChannel(await res.text());
    expect(childText(channel, "link")).toBe(`${ORIGIN}/category/beifangwang.html`);
    const self = children(channel, "atom:link").find((l) => attr(l, "rel") === "self");
    expect(self && attr(self, "href")).toBe(`${ORIGIN}/category/beifangwang/feed.xml`);
    expect((await get("/category/no-such-slug/atom.xml")).status).toBe(404);
  });

  it("pages JSON Feed with next_url until the last page", async () => {
    const posts = Array.from({ length: FEED_SIZE + 1 }, (_, i) =>
      makePost({ title: `分页 ${i}`, infoCode: `PG20240701${pad(i, 10)}`, category: "fenyefeed", date: `2024-07-01 ${pad(8 + Math.floor(i / 60), 2)}:${pad(i % 60, 2)}:00 +0800` }),
    );
    await seedPosts(...posts);
    const head: JsonFeedDoc = await (await get("/category/fenyefeed/feed.json")).json();
    expect(head.items).toHaveLength(FEED_SIZE);
    expect(head.items[0]?.id).toBe(`${ORIGIN}/a/PG20240701${pad(FEED_SIZE, 10)}`);
    expect(head.next_url).toMatch(/^https:\/\/news\.example\.com\/category\/fenyefeed\/feed\.json\?before=\d+\.\d+$/);
    const tail: JsonFeedDoc = await (await SELF.fetch(head.next_url ?? "")).json();
    expect(tail.items.map((i) => i.id)).toEqual([`${ORIGIN}/a/PG20240701${pad(0, 10)}`]);
    expect(tail.next_url).toBeUndefined();
  });

  it("has no next_url when the category holds exactly one feed's worth", async () => {
    const posts = Array.from({ length: FEED_SIZE }, (_, i) =>
      makePost({ title: `整页 ${i}`, infoCode: `ZY20240701${pad(i, 10)}`, category: "zhengye", date: `2024-07-02 ${pad(8 + Math.floor(i / 60), 2)}:${pad(i % 60, 2)}:00 +0800` }),
    );
    await seedPosts(...posts);
    const feed: JsonFeedDoc = await (await get("/category/zhengye/feed.json")).json();
    expect(feed.items).toHaveLength(FEED_SIZE);
    expect(feed.next_url).toBeUndefined();
  });

  it("is a valid feed when the category is empty", async () => {
    await env.DB.prepare("INSERT OR IGNORE INTO categories (slug, name) VALUES ('kongfeed', '空频道')").run();
    const res = await get("/category/kongfeed/atom.xml");
    expect(res.status).toBe(200);
    const feed = only(parseXml(await res.text()), "feed");
    expect(children(feed, "entry")).toEqual([]);
    expect(childText(feed, "updated")).toBe("1970-01-01T00:00:00+00:00");
  });

  it("advertises the WebSub hub next to self when WEBSUB_HUB is set", async () => {
    await seedPosts(makePost({ title: "集线器", infoCode: "HB202407010000000001", category: "hubfeed" }));
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request(`${ORIGIN}/category/hubfeed/feed.json`), { ...env, WEBSUB_HUB: "https://hub.example/" }, ctx);
    await waitOnExecutionContext(ctx);
    const feed: JsonFeedDoc = await res.json();
    expect(feed.hubs).toEqual([{ type: "WebSub", url: "https://hub.example/" }]);
    expect(feed.feed_url).toBe(`${ORIGIN}/category/hubfeed/feed.json`);
    expect(res.headers.get("link")).toBe(`<https://hub.example/>; rel="hub", <${ORIGIN}/category/hubfeed/feed.json>; rel="self"`);
  });

  it("sends rel=self in a Link header on every feed, and absolute links inside the content", async () => {
    await seedPosts(makePost({ title: "绝对链接", infoCode: "AB202407010000000001", category: "absfeed", tags: ["链接"], body: '<p><a href="/tag/%E9%93%BE%E6%8E%A5.html">链接</a><img src="/img/a.png" alt="图"></p>' }));
    for (const path of ["/feed.xml", "/atom.xml", "/feed.json", "/category/absfeed/feed.xml", "/category/absfeed/atom.xml", "/category/absfeed/feed.json"]) {
      const res = await get(path);
      expect(res.headers.get("link"), path).toBe(`<${ORIGIN}${path}>; rel="self"`);
      const text = await res.text();
      if (!path.startsWith("/category/")) continue;
      expect(text, path).toContain("https://news.example.com/tag/%E9%93%BE%E6%8E%A5.html");
      expect(text, path).toContain("https://news.example.com/img/a.png");
      expect(text, path).not.toMatch(/href=(\\?"|&quot;)\//);
    }
  });
});

describe("sitemaps and robots", () => {
  it("lists home, categories and articles with absolute locs", async () => {
    await seedPosts(fixture);
    const res = await get("/sitemap.xml");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    expect(res.headers.get("cache-tag")).toBe("sitemap");
    const urlset = only(parseXml(await res.text()), "urlset");
    expect(attr(urlset, "xmlns")).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
    const urls = children(urlset, "url");
    const locs = urls.map((u) => childText(u, "loc"));
    expect(locs[0]).toBe(`${ORIGIN}/`);
    expect(locs).toContain(`${ORIGIN}/category/beifangwang.html`);
    const article = urls.find((u) => childText(u, "loc") === `${ORIGIN}/a/${CODE}`);
    expect(article && childText(article, "lastmod")).toBe("2022-04-28T14:08:53+08:00");
    expect(locs.every((loc) => loc.startsWith(`${ORIGIN}/`))).toBe(true);
    const articles = only(parseXml(await (await get("/sitemap-articles-1.xml")).text()), "urlset");
    expect(children(articles, "url").map((u) => childText(u, "loc"))).toContain(`${ORIGIN}/a/${CODE}`);
    expect((await get("/sitemap-articles-999.xml")).status).toBe(404);
  });

  it("lists articles of the last 48 hours in the news sitemap", async () => {
    const offsetMs = 8 * 3_600_000;
    const at = (msAgo: number) => new Date(Date.now() - msAgo + offsetMs).toISOString().slice(0, 19).replace("T", " ") + " +0800";
    await seedPosts(
      makePost({ title: "刚刚发生", infoCode: "NS202407010000000001", date: at(3_600_000) }),
      makePost({ title: "三天以前", infoCode: "NS202407010000000002", date: at(72 * 3_600_000) }),
    );
    const res = await get("/news-sitemap.xml");
    const urlset = only(parseXml(await res.text()), "urlset");
    const locs = children(urlset, "url").map((u) => childText(u, "loc"));
    expect(locs).toContain(`${ORIGIN}/a/NS202407010000000001`);
    expect(locs).not.toContain(`${ORIGIN}/a/NS202407010000000002`);
    expect(locs).not.toContain(`${ORIGIN}/a/${CODE}`);
  });

  it("quantizes the news window to the hour", () => {
    const start = Date.parse("2026-11-26T10:00:00Z");
    expect(newsWindowStart(Date.parse("2026-11-28T10:00:00Z"))).toBe(start);
    expect(newsWindowStart(Date.parse("2026-11-28T10:59:59.999Z"))).toBe(start);
    expect(newsWindowStart(Date.parse("2026-11-28T11:00:00Z"))).toBe(start + 3_600_000);
  });

  it("serves robots.txt with the admin API disallowed and both sitemaps", async () => {
    const res = await get("/robots.txt");
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const lines = (await res.text()).split("\n");
    expect(lines).toContain("Disallow: /api/v1/admin/");
    expect(lines).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`);
    expect(lines).toContain(`Sitemap: ${ORIGIN}/news-sitemap.xml`);
  });
});

describe("WebSub publishing", () => {
  type Ping = { url: string; method: string; contentType: string | null; body: string };

  /** A fake hub: records each request instead of sending it anywhere. */
  function fakeHub(status = 204): { send: typeof fetch; pings: Ping[] } {
    const pings: Ping[] = [];
    const send: typeof fetch = async (input, init) => {
      const req = new Request(input, init);
      pings.push({ url: req.url, method: req.method, contentType: req.headers.get("content-type"), body: new TextDecoder().decode(await req.arrayBuffer()) });
      return new Response(null, { status });
    };
    return { send, pings };
  }

  it("POSTs hub.mode=publish form-encoded, one request per topic", async () => {
    const hub = fakeHub();
    const topics = feedTopics({ url: ORIGIN, name: "n", lang: "zh-CN" }, ["caijing"]);
    expect(topics).toEqual([
      `${ORIGIN}/feed.xml`,
      `${ORIGIN}/atom.xml`,
      `${ORIGIN}/feed.json`,
      `${ORIGIN}/category/caijing/feed.xml`,
      `${ORIGIN}/category/caijing/atom.xml`,
      `${ORIGIN}/category/caijing/feed.json`,
    ]);
    await pingHub("https://hub.example/publish", topics, hub.send);
    expect(hub.pings).toHaveLength(topics.length);
    for (const ping of hub.pings) {
      expect([ping.url, ping.method, ping.contentType]).toEqual(["https://hub.example/publish", "POST", "application/x-www-form-urlencoded"]);
      expect(new URLSearchParams(ping.body).get("hub.mode")).toBe("publish");
    }
    expect(hub.pings.map((p) => new URLSearchParams(p.body).get("hub.url"))).toEqual(topics);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("logs instead of throwing when the hub fails or is unreachable", async () => {
    const logs = captureLogs();
    try {
      await expect(pingHub("https://hub.example/", [`${ORIGIN}/feed.xml`], fakeHub(500).send)).resolves.toBeUndefined();
      const unreachable: typeof fetch = async () => {
        throw new TypeError("network down");
      };
      await expect(pingHub("https://hub.example/", [`${ORIGIN}/feed.xml`], unreachable)).resolves.toBeUndefined();
    } finally {
      logs.release();
    }
    expect(logs.named("websub_ping_failed")).toEqual([
      expect.objectContaining({ status: 500 }),
      expect.objectContaining({ error: expect.stringContaining("network down") }),
    ]);
  });
});
