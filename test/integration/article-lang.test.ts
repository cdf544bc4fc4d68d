/**
 * Front matter `lang` end to end: stored in articles.lang by the one write path, and what
 * the share page, the three feeds, the news sitemap, the JSON API and the embed card label
 * the article with.
 * The posts are Chinese text stating zh-TW (or Japanese), so detection alone would say the
 * site's zh-CN: only the stored value can make these pass.
 */
import { env } from "cloudflare:workers";
import { SELF } from "cloudflare:test";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { metaOne, parsePage } from "../support/html";
import { makePost } from "../support/seed";

const BASE = "https://news.example.com";
const AUTH = { Authorization: "Bearer test-admin-token-current" };
const TW = "TW202405010000000001";
const JA = "JA202405010000000002";

async function importPosts(posts: string[]): Promise<{ results: { outcome: string; warnings?: { line: number; message: string }[] }[] }> {
  const res = await SELF.fetch(`${BASE}/api/v1/admin/import`, {
    method: "POST",
    headers: { ...AUTH, "Content-Type": "application/json" },
    body: JSON.stringify({ posts }),
  });
  expect(res.status).toBe(200);
  return res.json();
}

const storedLang = async (code: string) =>
  (await env.DB.prepare("SELECT lang FROM articles WHERE info_code = ?").bind(code).first<{ lang: string | null }>())?.lang;

const twPost = (lang: string) =>
  makePost({ title: "臺北市公布新的交通政策", infoCode: TW, date: "2024-05-02 09:00:00 +0800", body: "<p>臺北市政府今天公布新的交通政策。</p>", extra: { lang } });
const jaPost = makePost({ title: "東京で新しい交通政策", infoCode: JA, date: "2024-05-01 09:00:00 +0800", body: "<p>東京都は新しい交通政策を発表しました。</p>", extra: { lang: "ja" } });

async function text(path: string): Promise<string> {
  const res = await SELF.fetch(`${BASE}${path}`);
  expect(res.status, path).toBe(200);
  return res.text();
}

describe("front matter lang", () => {
  it("is stored canonical, and labels the share page: html lang, og:locale, JSON-LD inLanguage", async () => {
    const report = await importPosts([twPost("zh_tw"), jaPost]);
    expect(report.results.map((r) => r.outcome)).toEqual(["created", "created"]);
    expect(await storedLang(TW)).toBe("zh-TW");
    expect(await storedLang(JA)).toBe("ja");

    const html = await text(`/a/${TW}`);
    expect(html).toContain('<html lang="zh-TW">');
    const page = await parsePage(html);
    expect(metaOne(page, "og:locale")).toBe("zh_TW");
    expect((JSON.parse(page.jsonLd[0] ?? "{}") as { inLanguage: string }).inLanguage).toBe("zh-TW");
    expect(metaOne(await parsePage(await text(`/a/${JA}`)), "og:locale")).toBe("ja_JP");
  });

  it("labels each feed's entries: RSS dc:language, Atom xml:lang, JSON Feed language", async () => {
    await importPosts([twPost("zh-TW"), jaPost]);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });
    type RssItem = { link: string; "dc:language"?: string };
    const rss = xml.parse(await text("/feed.xml")) as { rss: { channel: { language: string; item: RssItem[] } } };
    expect(rss.rss.channel.language).toBe("zh-CN");
    const rssLang = Object.fromEntries(rss.rss.channel.item.map((i) => [i.link, i["dc:language"]]));
    expect(rssLang[`${BASE}/a/${TW}`]).toBe("zh-TW");
    expect(rssLang[`${BASE}/a/${JA}`]).toBe("ja");

    type AtomEntry = { id: string; "@xml:lang"?: string };
    const atom = xml.parse(await text("/atom.xml")) as { feed: { "@xml:lang": string; entry: AtomEntry[] } };
    expect(atom.feed["@xml:lang"]).toBe("zh-CN");
    expect(Object.fromEntries(atom.feed.entry.map((e) => [e.id, e["@xml:lang"]]))).toMatchObject({ [`${BASE}/a/${TW}`]: "zh-TW", [`${BASE}/a/${JA}`]: "ja" });

    const json = JSON.parse(await text("/feed.json")) as { items: { url: string; language?: string }[] };
    expect(Object.fromEntries(json.items.map((i) => [i.url, i.language]))).toMatchObject({ [`${BASE}/a/${TW}`]: "zh-TW", [`${BASE}/a/${JA}`]: "ja" });
  });

  it("labels the JSON API and the embed card; an embedder's ?lang= still wins on the card", async () => {
    await importPosts([twPost("zh-TW")]);
    expect(((await (await SELF.fetch(`${BASE}/api/v1/articles/${TW}`)).json()) as { lang: string }).lang).toBe("zh-TW");
    expect(await text(`/embed/${TW}`)).toMatch(/<html lang="zh-TW"/);
    expect(await text(`/embed/${TW}?lang=en`)).toMatch(/<html lang="en"/);
  });

  it("a changed lang is an update, the same one again changes nothing", async () => {
    await importPosts([twPost("zh-TW")]);
    expect((await importPosts([twPost("zh-HK")])).results[0]?.outcome).toBe("updated");
    expect(await storedLang(TW)).toBe("zh-HK");
    expect(await text(`/a/${TW}`)).toContain('<html lang="zh-HK">');
    expect((await importPosts([twPost("zh-HK")])).results[0]?.outcome).toBe("unchanged");
  });

  it("a malformed lang is ignored with a warning: stored as null, the language detected", async () => {
    const report = await importPosts([twPost("Chinese (Taiwan)")]);
    expect(report.results[0]).toMatchObject({ outcome: "updated", warnings: [{ line: 7, message: expect.stringContaining("not a BCP 47 language tag") }] });
    expect(await storedLang(TW)).toBeNull();
    expect(await text(`/a/${TW}`)).toContain('<html lang="zh-CN">');
  });
});

describe("the news sitemap's news:language", () => {
  /** A front matter date `hoursAgo` before now at +08:00: inside the sitemap's 48-hour window. */
  const hoursAgo = (hours: number) =>
    new Date(Date.now() - hours * 3_600_000 + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ") + " +0800";
  const EN = "EN202405010000000011";
  const ZH = "ZH202405010000000012";
  const HANT = "TW202405010000000013";

  it("is each article's stated lang in Google's form, the site's when it states none", async () => {
    const report = await importPosts([
      makePost({ title: "New traffic rules announced", infoCode: EN, date: hoursAgo(1), body: "<p>The city announced new traffic rules.</p>", extra: { lang: "en" } }),
      makePost({ title: "市政府公布新的交通规则", infoCode: ZH, date: hoursAgo(2), body: "<p>市政府今天公布新的交通规则。</p>" }),
      makePost({ title: "臺北市公布新的交通規則", infoCode: HANT, date: hoursAgo(3), body: "<p>臺北市政府今天公布新的交通規則。</p>", extra: { lang: "zh-Hant" } }),
    ]);
    expect(report.results.map((r) => r.outcome)).toEqual(["created", "created", "created"]);
    type NewsUrl = { loc: string; "news:news": { "news:publication": { "news:language": string } } };
    const parsed = new XMLParser().parse(await text("/news-sitemap.xml")) as { urlset: { url: NewsUrl[] } };
    const langs = Object.fromEntries(parsed.urlset.url.map((u) => [u.loc, u["news:news"]["news:publication"]["news:language"]]));
    expect(langs).toMatchObject({ [`${BASE}/a/${EN}`]: "en", [`${BASE}/a/${ZH}`]: "zh-cn", [`${BASE}/a/${HANT}`]: "zh-tw" });
  });

  it("follows a PUT that changes the lang", async () => {
    const code = "EN202405010000000014";
    const put = (lang: string) =>
      SELF.fetch(`${BASE}/api/v1/admin/articles/${code}`, {
        method: "PUT",
        headers: { ...AUTH, "Content-Type": "application/json" },
        body: JSON.stringify({ title: "Les nouvelles règles", date: hoursAgo(1), body: "<p>La ville a annoncé de nouvelles règles.</p>", category: { slug: "world", name: "World" }, lang }),
      });
    expect((await put("fr")).status).toBe(201);
    expect(await text("/news-sitemap.xml")).toMatch(new RegExp(`<loc>${BASE}/a/${code}</loc>.*?<news:language>fr</news:language>`, "s"));
    expect((await put("en")).status).toBe(200);
    expect(await text("/news-sitemap.xml")).toMatch(new RegExp(`<loc>${BASE}/a/${code}</loc>.*?<news:language>en</news:language>`, "s"));
  });
});

describe("PUT /api/v1/admin/articles/{infoCode} with lang", () => {
  const put = (lang: string) =>
    SELF.fetch(`${BASE}/api/v1/admin/articles/EN202405010000000003`, {
      method: "PUT",
      headers: { ...AUTH, "Content-Type": "application/json" },
      body: JSON.stringify({ title: "Bonjour le monde", date: "2024-05-01 10:00:00 +0800", body: "<p>Le texte.</p>", category: { slug: "world", name: "World" }, lang }),
    });

  it("stores a valid one, and refuses a malformed one with 422 naming the field", async () => {
    expect((await put("fr")).status).toBe(201);
    expect(await storedLang("EN202405010000000003")).toBe("fr");
    const bad = await put("French");
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain("lang");
    expect(await storedLang("EN202405010000000003")).toBe("fr");
  });
});
