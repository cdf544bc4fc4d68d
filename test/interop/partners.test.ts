/**
 * What partners' software sees: real third-party clients from npm against the Worker
 * running in workerd on a 127.0.0.1 port. Each assertion is what a partner would look at
 * (title, description, date with its offset, image, canonical URL, language, author), not
 * merely that something parsed. No network: every fetch outside loopback throws.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import os from "node:os";
import path from "node:path";
import { extract, setProviderList } from "@extractus/oembed-extractor";
import { parseFeed as parseAtom } from "@rowanmanning/feed-parser";
import { parseFeed } from "feedsmith";
import createMetascraper from "metascraper";
import metaAuthor from "metascraper-author";
import metaDate from "metascraper-date";
import metaDescription from "metascraper-description";
import metaImage from "metascraper-image";
import metaLang from "metascraper-lang";
import metaLogo from "metascraper-logo";
import metaPublisher from "metascraper-publisher";
import metaTitle from "metascraper-title";
import metaUrl from "metascraper-url";
import ogs from "open-graph-scraper";
import RssParser from "rss-parser";
import { validateXML } from "xmllint-wasm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SITE = "https://news.example.com";
const TOKEN = "interop-token";
const ZH = "NW202204282363815497";
const ZH_TITLE = "中国太保聚焦主责主业 助力打赢疫情防控大战硬战";
const EN = "EN202405010000000001";
/** Chinese text stating `lang: zh-TW`: detection alone would call it the site's zh-CN. */
const TW = "TW202405020000000001";
const state = mkdtempSync(path.join(os.tmpdir(), "edgewire-interop-"));
let local = "";
let dispose: (() => Promise<void>) | undefined;
const realFetch = globalThis.fetch;

const ENGLISH_POST = `---
layout: post
title: "Markets rally as rates hold"
date: 2024-05-01 09:30:00 +0800
categories: caijing
category_name: 财经要闻
tags: ["markets"]
author: "Jane Doe"
source: "Example Wire"
image: "https://img.example.com/markets.jpg"
info_code: ${EN}
description: "Stocks rose on Tuesday after the central bank held rates."
---
<p>Stocks rose on Tuesday after the central bank held rates. See <a href="/tag/markets.html">more markets news</a>.</p>
`;

const TAIWAN_POST = `---
layout: post
title: "臺北捷運新路線通車"
date: 2024-05-02 08:00:00 +0800
categories: caijing
category_name: 财经要闻
lang: zh-TW
info_code: ${TW}
---
<p>臺北捷運新路線今天正式通車，沿線居民通勤時間大幅縮短。</p>
`;

/** Our site URL → the local Worker: clients fetch loopback, the documents keep their canonical URLs. */
const toLocal = (url: string) => url.replace(SITE, local);

async function text(pathname: string): Promise<string> {
  const res = await realFetch(`${local}${pathname}`);
  expect(res.status, pathname).toBe(200);
  return res.text();
}

beforeAll(async () => {
  process.env.EDGEWIRE_PERSIST_TO = state;
  const { applyLocalMigrations, buildWorker, startLocalWorker } = await import("../../scripts/lib/local-worker");
  applyLocalMigrations();
  const started = await startLocalWorker({
    port: 0,
    scriptPath: buildWorker(path.join(ROOT, ".wrangler/dist-interop")),
    bindings: { SITE_URL: SITE, ADMIN_TOKEN: TOKEN, WEBSUB_HUB: "", TWITTER_SITE: "edgewire_news" },
  });
  local = started.url.origin;
  dispose = started.dispose;
  // The guard: a client that tried to reach the network would fail the test, not pass silently.
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.hostname !== "127.0.0.1") return Promise.reject(new Error(`network call attempted: ${url.href}`));
    return realFetch(input, init);
  }) as typeof fetch;
  const posts = [readFileSync(path.join(ROOT, "test/fixtures/2022-04-28-NW202204282363815497.md"), "utf8"), ENGLISH_POST, TAIWAN_POST];
  const res = await realFetch(`${local}/api/v1/admin/import`, {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ posts }),
  });
  expect(res.status, await res.text()).toBe(200);
}, 180_000);

afterAll(async () => {
  globalThis.fetch = realFetch;
  await dispose?.();
  rmSync(state, { recursive: true, force: true });
});

describe("link unfurlers", () => {
  it("open-graph-scraper sees title, description, the share card with its size, date with offset and locale", async () => {
    const { result } = await ogs({ url: `${local}/a/${ZH}` });
    expect(result.ogTitle).toBe(ZH_TITLE);
    expect(result.ogDescription).toMatch(/^3月以来/);
    expect(result.ogUrl).toBe(`${SITE}/a/${ZH}`);
    expect(result.ogLocale).toBe("zh_CN");
    // The article's generated share card (issue 17), with its size: what chat apps show.
    expect(result.ogImage?.[0]).toMatchObject({ url: expect.stringMatching(new RegExp(`^${SITE}/card/${ZH}-[0-9a-f]{16}\\.png$`)), width: "1200", height: "630", type: "image/png" });
    expect(result.articlePublishedTime).toBe("2022-04-28T14:08:53+08:00");
    expect(result.twitterSite).toBe("@edgewire_news");
    expect(result.twitterImage?.[0]?.alt).toBe(ZH_TITLE); // the card shows the headline, so its alt text is the headline
    expect(result.favicon).toBe("/favicon.ico");
  });

  it("metascraper picks our data, never the view beacon, for a Chinese and an English article", async () => {
    const metascraper = createMetascraper([metaAuthor(), metaDate(), metaDescription(), metaImage(), metaLang(), metaLogo(), metaPublisher(), metaTitle(), metaUrl()]);
    const zh = await metascraper({ html: await text(`/a/${ZH}`), url: `${SITE}/a/${ZH}` });
    expect(zh).toMatchObject({ title: ZH_TITLE, url: `${SITE}/a/${ZH}`, image: expect.stringMatching(new RegExp(`^${SITE}/card/${ZH}-[0-9a-f]{16}\\.png$`)), lang: "zh", publisher: "edgewire 新闻", author: "北方网" });
    expect(new Date(zh.date ?? "").getTime()).toBe(Date.parse("2022-04-28T14:08:53+08:00"));
    expect(zh.image).not.toContain("/v/");
    expect(zh.logo).toMatch(/^https:\/\/news\.example\.com\//);
    const en = await metascraper({ html: await text(`/a/${EN}`), url: `${SITE}/a/${EN}` });
    // Its own photo is drawn inside its generated card, and the card is what is advertised.
    expect(en).toMatchObject({ title: "Markets rally as rates hold", image: expect.stringMatching(new RegExp(`^${SITE}/card/${EN}-[0-9a-f]{16}\\.png$`)), lang: "en", author: "Jane Doe" });
    expect(en.description).toBe("Stocks rose on Tuesday after the central bank held rates.");
  });
});

describe("the language a front matter states", () => {
  it("open-graph-scraper and metascraper see zh-TW for a post stating lang: zh-TW", async () => {
    const { result } = await ogs({ url: `${local}/a/${TW}` });
    expect(result.ogLocale).toBe("zh_TW");
    const html = await text(`/a/${TW}`);
    expect((result.jsonLD?.[0] as { inLanguage?: string } | undefined)?.inLanguage).toBe("zh-TW");
    // metascraper-lang reads <html lang> (and og:locale) and keeps the primary subtag.
    expect((await createMetascraper([metaLang()])({ html, url: `${SITE}/a/${TW}` })).lang).toBe("zh");
    expect(html).toMatch(/^<!doctype html><html lang="zh-TW"/);
  });

  it("rss-parser, @rowanmanning/feed-parser and feedsmith see it on the entry", async () => {
    const rss = await new RssParser({ customFields: { item: ["dc:language"] } }).parseString(await text("/feed.xml"));
    expect(rss.items.find((i) => i.link === `${SITE}/a/${TW}`)?.["dc:language"]).toBe("zh-TW");
    expect(await text("/atom.xml")).toMatch(new RegExp(`<entry xml:lang="zh-TW">\\s*<id>${SITE}/a/${TW}</id>`));
    const atom = parseAtom(await text("/atom.xml"));
    expect(atom.items.find((i) => i.url === `${SITE}/a/${TW}`)?.title).toBe("臺北捷運新路線通車");
    const json = parseFeed(await text("/feed.json"));
    const items = (json.feed as { items: { url: string; language?: string }[] }).items;
    expect(items.find((i) => i.url === `${SITE}/a/${TW}`)?.language).toBe("zh-TW");
  });
});

describe("oEmbed consumers", () => {
  it("@extractus/oembed-extractor, pointed at our provider, gets a card WordPress can embed and a bounded thumbnail", async () => {
    setProviderList([{ provider_name: "edgewire", provider_url: `${SITE}/`, endpoints: [{ schemes: [`${SITE}/a/*`], url: `${local}/oembed` }] }]);
    // It upgrades every endpoint to https; the local Worker speaks http, so its fetcher undoes that.
    const fetcher = (url: string) => globalThis.fetch(url.replace(/^https:\/\/127\.0\.0\.1:/, "http://127.0.0.1:"));
    const data = (await extract(`${SITE}/a/${ZH}`, { maxwidth: 480, maxheight: 400 }, fetcher)) as Record<string, unknown>;
    expect(data).toMatchObject({ type: "rich", version: "1.0", title: ZH_TITLE, provider_name: "edgewire 新闻", width: 480 });
    expect(data.html).toMatch(/<blockquote[^>]*><a href="https:\/\/news\.example\.com\/a\/NW202204282363815497">/);
    expect(data.html).toContain(`<iframe class="edgewire-card-frame" src="${SITE}/embed/${ZH}"`);
    // The same generated card the page advertises as og:image, at the largest size that fits 480×400.
    expect([data.thumbnail_url, data.thumbnail_width, data.thumbnail_height]).toEqual([expect.stringMatching(new RegExp(`^${SITE}/card/${ZH}-[0-9a-f]{16}-300\\.png$`)), 300, 158]);
  });
});

describe("feed readers", () => {
  it("rss-parser reads RSS: titles, canonical links, dates with +08:00, byline, absolute links in content", async () => {
    const feed = await new RssParser().parseString(await text("/feed.xml"));
    expect(feed.language).toBe("zh-CN");
    const zh = feed.items.find((i) => i.link === `${SITE}/a/${ZH}`);
    expect(zh?.title).toBe(ZH_TITLE);
    expect(zh?.pubDate).toBe("Thu, 28 Apr 2022 14:08:53 +0800");
    expect(zh?.creator).toBe("北方网");
    const en = feed.items.find((i) => i.link === `${SITE}/a/${EN}`);
    expect(en?.enclosure?.url).toBe("https://img.example.com/markets.jpg");
    expect(en?.["content:encoded"]).toContain(`href="${SITE}/tag/markets.html"`);
  });

  it("@rowanmanning/feed-parser reads Atom: entries, dates, authors and content", async () => {
    const feed = parseAtom(await text("/atom.xml"));
    expect(feed.language).toBe("zh-CN");
    const en = feed.items.find((i) => i.url === `${SITE}/a/${EN}`);
    expect(en?.title).toBe("Markets rally as rates hold");
    expect(en?.published?.getTime()).toBe(Date.parse("2024-05-01T09:30:00+08:00"));
    expect(en?.authors.map((a) => a.name)).toContain("Jane Doe");
    expect(en?.content).toContain(`href="${SITE}/tag/markets.html"`);
  });

  it("marks the English entry's language in each format, the Chinese ones inherit the feed's", async () => {
    expect(await text("/atom.xml")).toMatch(new RegExp(`<entry xml:lang="en">\\s*<id>${SITE}/a/${EN}</id>`));
    const json = JSON.parse(await text("/feed.json")) as { language: string; items: { url: string; language?: string }[] };
    expect(json.language).toBe("zh-CN");
    expect(json.items.find((i) => i.url === `${SITE}/a/${EN}`)?.language).toBe("en");
    expect(json.items.find((i) => i.url === `${SITE}/a/${ZH}`)?.language).toBeUndefined();
    const rss = await new RssParser({ customFields: { item: ["dc:language"] } }).parseString(await text("/feed.xml"));
    expect(rss.items.find((i) => i.link === `${SITE}/a/${EN}`)?.["dc:language"]).toBe("en");
  });

  it("feedsmith reads JSON Feed with dates kept at +08:00", async () => {
    const parsed = parseFeed(await text("/feed.json"));
    expect(parsed.format).toBe("json");
    const items = (parsed.feed as { items: { url: string; date_published: string; title: string }[] }).items;
    expect(items.find((i) => i.url === `${SITE}/a/${ZH}`)).toMatchObject({ title: ZH_TITLE, date_published: "2022-04-28T14:08:53+08:00" });
  });

  it("gets the feed compressed on the wire for Accept-Encoding: gzip, with WebSub self link", async () => {
    const raw = await new Promise<{ headers: Record<string, string | string[] | undefined>; bytes: number }>((resolve, reject) => {
      const req = request(`${local}/atom.xml`, { headers: { "Accept-Encoding": "gzip" } }, (res) => {
        let bytes = 0;
        res.on("data", (chunk: Buffer) => (bytes += chunk.length));
        res.on("end", () => resolve({ headers: res.headers, bytes }));
      });
      req.on("error", reject);
      req.end();
    });
    const identity = Buffer.byteLength(await text("/atom.xml"));
    expect(raw.headers["content-encoding"]).toBe("gzip");
    expect(raw.headers.vary).toMatch(/accept-encoding/i);
    expect(raw.headers.link).toBe(`<${SITE}/atom.xml>; rel="self"`);
    expect(raw.bytes).toBeLessThan(identity / 2);
  });
});

describe("sitemap schemas", () => {
  const schemaDir = path.join(ROOT, "node_modules/sitemap/schema");
  const sitemapXsd = readFileSync(path.join(schemaDir, "sitemap.xsd"), "utf8");

  it("/sitemap.xml is valid against the sitemap protocol's XSD", async () => {
    const result = await validateXML({ xml: [{ fileName: "sitemap.xml", contents: await text("/sitemap.xml") }], schema: [sitemapXsd] });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("/news-sitemap.xml is valid with the news extension, also with nothing in the last 48 hours", async () => {
    const xml = await text("/news-sitemap.xml");
    // The imported posts are years old: this is the empty news sitemap.
    expect(xml).not.toContain("<news:news>");
    const fixtures = path.join(ROOT, "test/fixtures/schemas");
    const result = await validateXML({
      xml: [{ fileName: "news-sitemap.xml", contents: xml }],
      schema: [readFileSync(path.join(fixtures, "news-sitemap-root.xsd"), "utf8")],
      preload: [
        { fileName: "sitemap.xsd", contents: sitemapXsd },
        { fileName: "sitemap-news.xsd", contents: readFileSync(path.join(fixtures, "sitemap-news.xsd"), "utf8") },
      ],
    });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });
});
