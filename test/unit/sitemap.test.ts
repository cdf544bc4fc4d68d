import { afterEach, describe, expect, it, vi } from "vitest";
import type { ArticleListItem } from "../../src/db/types";
import {
  newsLanguage,
  renderNewsSitemap,
  renderRobots,
  renderSitemap,
  renderSitemapIndex,
  SITEMAP_MAX_URLS,
  type SitemapEntry,
} from "../../src/syndication/sitemap";
import { ARTICLES, attr, children, childText, only, parseXml, SEED, SITE, TRICKY, UNDECLARED_ENTITY, WESTERN } from "../support/articles";

const SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9";

const ENTRIES: SitemapEntry[] = [
  { loc: "https://news.example.com/", lastmod: TRICKY.updatedAt, offsetMin: 480 },
  { loc: "https://news.example.com/a/NW202204282363815497", lastmod: SEED.publishedAt, offsetMin: 480 },
  { loc: "https://news.example.com/a/US202204280000000042", lastmod: WESTERN.updatedAt, offsetMin: -300 },
  { loc: "https://news.example.com/?page=2&sort=new", lastmod: SEED.publishedAt, offsetMin: 0 },
];

function listItems(articles: readonly ArticleListItem[]): ArticleListItem[] {
  return articles.map(({ id, infoCode, title, summary, publishedAt, utcOffsetMin, updatedAt, sourceName, imageUrl, category }) => ({
    id, infoCode, title, summary, publishedAt, utcOffsetMin, updatedAt, sourceName, imageUrl, category,
  }));
}

afterEach(() => {
  vi.useRealTimers();
});

describe("renderSitemap", () => {
  it("lists absolute locs with W3C datetimes at their offsets", () => {
    const urlset = only(parseXml(renderSitemap(ENTRIES)), "urlset");
    expect(attr(urlset, "xmlns")).toBe(SITEMAP_NS);
    expect(children(urlset, "url").map((u) => [childText(u, "loc"), childText(u, "lastmod")])).toEqual([
      ["https://news.example.com/", "2022-05-02T10:00:00+08:00"],
      ["https://news.example.com/a/NW202204282363815497", "2022-04-28T14:08:53+08:00"],
      ["https://news.example.com/a/US202204280000000042", "2022-04-28T11:45:30-05:00"],
      ["https://news.example.com/?page=2&sort=new", "2022-04-28T06:08:53+00:00"],
    ]);
  });

  it("leaves lastmod out when nothing dates the page (an empty category)", () => {
    const url = only(only(parseXml(renderSitemap([{ loc: "https://news.example.com/category/kong.html" }])), "urlset"), "url");
    expect(childText(url, "loc")).toBe("https://news.example.com/category/kong.html");
    expect(children(url, "lastmod")).toEqual([]);
  });

  it("entity-escapes locs and percent-encodes non-ASCII", () => {
    const xml = renderSitemap([{ loc: "https://news.example.com/tag/北方网.html?a=1&b=2", lastmod: 0, offsetMin: 0 }]);
    expect(xml).toContain("<loc>https://news.example.com/tag/%E5%8C%97%E6%96%B9%E7%BD%91.html?a=1&amp;b=2</loc>");
    expect(xml).not.toMatch(UNDECLARED_ENTITY);
  });

  it("leaves out locs that are relative, not http(s), or 2,048 characters and longer", () => {
    const base = "https://news.example.com/";
    const longest = base + "x".repeat(2047 - base.length);
    const entries = [
      { loc: "/a/NW202204282363815497", lastmod: 0, offsetMin: 0 },
      { loc: "javascript:alert(1)", lastmod: 0, offsetMin: 0 },
      { loc: "ftp://news.example.com/file", lastmod: 0, offsetMin: 0 },
      { loc: longest, lastmod: 0, offsetMin: 0 },
      { loc: longest + "y", lastmod: 0, offsetMin: 0 },
    ];
    const locs = children(only(parseXml(renderSitemap(entries)), "urlset"), "url").map((u) => childText(u, "loc"));
    expect(locs).toEqual([longest]);
    for (const loc of locs) {
      expect(loc.length).toBeLessThanOrEqual(2048);
      expect(loc).toMatch(/^https?:\/\//);
    }
  });

  it("takes 50,000 URLs and refuses one more", () => {
    const many = Array.from({ length: SITEMAP_MAX_URLS }, (_, i) => ({ loc: `https://news.example.com/p/${i}`, lastmod: 0, offsetMin: 0 }));
    expect(SITEMAP_MAX_URLS).toBe(50_000);
    const xml = renderSitemap(many);
    expect(xml.match(/<url>/g)).toHaveLength(50_000);
    expect(() => renderSitemap([...many, { loc: "https://news.example.com/p/x", lastmod: 0, offsetMin: 0 }])).toThrow(RangeError);
  });

  it("is valid when empty", () => {
    const urlset = only(parseXml(renderSitemap([])), "urlset");
    expect(children(urlset, "url")).toEqual([]);
  });

  it("is byte-identical across renders, whatever the clock says", () => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2030, 0, 1));
    const first = renderSitemap(ENTRIES) + renderSitemapIndex(ENTRIES) + renderNewsSitemap(SITE, listItems(ARTICLES));
    vi.setSystemTime(Date.UTC(2031, 5, 15));
    expect(renderSitemap(ENTRIES) + renderSitemapIndex(ENTRIES) + renderNewsSitemap(SITE, listItems(ARTICLES))).toBe(first);
    expect(first).not.toMatch(/203[01]-/);
  });
});

describe("renderSitemapIndex", () => {
  it("lists sitemaps with their lastmod", () => {
    const index = only(parseXml(renderSitemapIndex(ENTRIES.slice(1, 3))), "sitemapindex");
    expect(attr(index, "xmlns")).toBe(SITEMAP_NS);
    expect(children(index, "sitemap").map((s) => [childText(s, "loc"), childText(s, "lastmod")])).toEqual([
      ["https://news.example.com/a/NW202204282363815497", "2022-04-28T14:08:53+08:00"],
      ["https://news.example.com/a/US202204280000000042", "2022-04-28T11:45:30-05:00"],
    ]);
  });

  it("refuses more than 50,000 sitemaps", () => {
    const many = Array.from({ length: SITEMAP_MAX_URLS + 1 }, (_, i) => ({ loc: `https://news.example.com/s/${i}.xml`, lastmod: 0, offsetMin: 0 }));
    expect(() => renderSitemapIndex(many)).toThrow(/50000/);
  });
});

describe("renderNewsSitemap", () => {
  it("gives each article its publication, date with offset and title", () => {
    const xml = renderNewsSitemap(SITE, listItems(ARTICLES));
    expect(xml).not.toMatch(UNDECLARED_ENTITY);
    const urlset = only(parseXml(xml), "urlset");
    expect(attr(urlset, "xmlns")).toBe(SITEMAP_NS);
    expect(attr(urlset, "xmlns:news")).toBe(NEWS_NS);
    const urls = children(urlset, "url");
    expect(urls.map((u) => childText(u, "loc"))).toEqual(ARTICLES.map((a) => `${SITE.url}/a/${a.infoCode}`));
    const seed = urls[2];
    if (!seed) throw new Error("missing seed url");
    const news = only(seed, "news:news");
    const publication = only(news, "news:publication");
    expect(childText(publication, "news:name")).toBe("边缘新闻 Edgewire");
    expect(childText(publication, "news:language")).toBe("zh-cn");
    expect(childText(news, "news:publication_date")).toBe("2022-04-28T14:08:53+08:00");
    expect(childText(news, "news:title")).toBe("中国太保聚焦主责主业 助力打赢疫情防控大战硬战");
    const tricky = urls[0];
    if (!tricky) throw new Error("missing tricky url");
    expect(childText(only(tricky, "news:news"), "news:title")).toBe(TRICKY.title);
    expect(childText(only(urls[1] ?? {}, "news:news"), "news:publication_date")).toBe("2022-04-28T09:15:00-05:00");
  });

  it("keeps at most 1,000 articles, as Google News reads no more", () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({ ...SEED, infoCode: `NW2022042800000${String(i).padStart(5, "0")}` }));
    expect(renderNewsSitemap(SITE, many).match(/<news:news>/g)).toHaveLength(1000);
  });

  it("is schema-valid when empty: one URL (a urlset needs one), the home page, with no news entry", () => {
    const urls = children(only(parseXml(renderNewsSitemap(SITE, [])), "urlset"), "url");
    expect(urls.map((u) => childText(u, "loc"))).toEqual([`${SITE.url}/`]);
    expect(children(urls[0] ?? {}, "news:news")).toEqual([]);
  });

  it("labels each article with its own stated lang, the site's where it states none", () => {
    const entries = [
      { ...SEED, lang: "en" },
      { ...SEED, infoCode: "NW202204280000000002", lang: "zh-Hant-TW" },
      { ...SEED, infoCode: "NW202204280000000003" },
    ];
    const urls = children(only(parseXml(renderNewsSitemap({ ...SITE, lang: "ja" }, entries)), "urlset"), "url");
    expect(urls.map((u) => childText(only(only(u, "news:news"), "news:publication"), "news:language"))).toEqual(["en", "zh-tw", "ja"]);
  });

  it.each([
    ["zh-CN", "zh-cn"],
    ["zh-cn", "zh-cn"],
    ["zh-Hans-CN", "zh-cn"],
    ["zh", "zh-cn"],
    ["zh-TW", "zh-tw"],
    ["zh-Hant-HK", "zh-tw"],
    ["zh-HK", "zh-tw"],
    ["en-US", "en"],
    ["en", "en"],
    ["ja_JP", "ja"],
    ["yue-Hant-HK", "yue"],
  ])("publication language for %s is %s", (lang, code) => {
    expect(newsLanguage(lang)).toBe(code);
  });
});

describe("renderRobots", () => {
  it("allows the site, hides the admin API and lists both sitemaps", () => {
    expect(renderRobots(SITE)).toBe(
      [
        "User-agent: *",
        "Allow: /",
        "Disallow: /api/v1/admin/",
        "",
        "Sitemap: https://news.example.com/sitemap.xml",
        "Sitemap: https://news.example.com/news-sitemap.xml",
        "",
      ].join("\n"),
    );
  });

  it("keeps a base path in rules and sitemap URLs", () => {
    const robots = renderRobots({ ...SITE, url: "https://example.org/news" });
    expect(robots).toContain("Disallow: /news/api/v1/admin/\n");
    expect(robots).toContain("Sitemap: https://example.org/news/sitemap.xml\n");
  });
});
