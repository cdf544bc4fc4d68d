import { describe, expect, it } from "vitest";
import { buildOEmbed, embedSize, oembedXml, ownArticleCode, parseMax } from "../../src/syndication/oembed";
import type { Article } from "../../src/db/types";

const site = { url: "https://news.example.com", name: "edgewire 新闻", lang: "zh-CN" };
const CODE = "NW202204282363815497";

describe("ownArticleCode", () => {
  it.each([
    [`https://news.example.com/a/${CODE}`, CODE],
    [`https://news.example.com/a/${CODE.toLowerCase()}`, CODE],
    [`https://news.example.com/html_News/NewsShare.html?infoCode=${CODE}`, CODE],
    [`https://news.example.com/html_News/NewsShare.html?infoCode=${CODE}&from=timeline&isappinstalled=0`, CODE],
    [`https://news.example.com/a/${CODE}?utm_source=x#frag`, CODE],
  ])("accepts %s", (url, code) => {
    expect(ownArticleCode(url, site)).toBe(code);
  });

  it.each([
    [`https://evil.example/a/${CODE}`],
    [`http://news.example.com/a/${CODE}`],
    [`https://news.example.com:8443/a/${CODE}`],
    [`https://news.example.com@evil.example/a/${CODE}`],
    [`https://user:pw@news.example.com/a/${CODE}`],
    [`https://news.example.com.evil.example/a/${CODE}`],
    [`https://news.example.com/a/${CODE}/../../admin`],
    [`https://news.example.com/a%2F${CODE}`],
    [`https://news.example.com/a/NW123`],
    [`https://news.example.com/b/${CODE}`],
    [`https://news.example.com/html_News/NewsShare.html`],
    [`javascript:alert(1)`],
    [`file:///etc/passwd`],
    [`//news.example.com/a/${CODE}`],
    [""],
    [undefined],
  ])("refuses %s", (url) => {
    expect(ownArticleCode(url, site)).toBeNull();
  });
});

describe("sizes", () => {
  it.each([
    [undefined, undefined, 550, 240],
    [400, undefined, 400, 240],
    [9999, 9999, 550, 240],
    [300, 100, 300, 100],
  ])("maxwidth %s maxheight %s → %s×%s, never above what was asked", (w, h, width, height) => {
    expect(embedSize(w, h)).toEqual({ width, height });
  });

  it.each([["abc"], ["-5"], ["0"], ["1e3"], [""]])("ignores a bad bound %j", (value) => {
    expect(parseMax(value)).toBeUndefined();
  });
});

const article: Article = {
  id: 1,
  infoCode: CODE,
  title: "太保 & <测试>",
  summary: "摘要",
  bodyHtml: "<p>x</p>",
  publishedAt: Date.parse("2022-04-28T14:08:53+08:00"),
  utcOffsetMin: 480,
  updatedAt: Date.parse("2022-04-28T14:08:53+08:00"),
  sourceName: "北方网",
  author: null,
  originalUrl: null,
  imageUrl: null,
  category: { slug: "beifangwang", name: "北方网新闻" },
  tags: [],
  status: "published",
};

describe("buildOEmbed", () => {
  it("has every required field, and the article's share card as the thumbnail, at its real 1200×630", () => {
    const data = buildOEmbed(article, site);
    expect(data).toMatchObject({ type: "rich", version: "1.0", title: "太保 & <测试>", author_name: "北方网", provider_name: "edgewire 新闻", provider_url: "https://news.example.com/", width: 550, height: 240 });
    expect([data.thumbnail_url, data.thumbnail_width, data.thumbnail_height]).toEqual([expect.stringMatching(new RegExp(`^https://news\\.example\\.com/card/${CODE}-[0-9a-f]{16}\\.png$`)), 1200, 630]);
    expect(data.html).toContain(`<blockquote class="edgewire-card" data-info-code="${CODE}"><a href="https://news.example.com/a/${CODE}">太保 &amp; &lt;测试&gt;</a></blockquote>`);
    expect(data.html).toContain(`<iframe class="edgewire-card-frame" src="https://news.example.com/embed/${CODE}" width="550" height="240"`);
    expect(data.html).toContain('<script async src="https://news.example.com/embed.js"></script>');
  });

  it.each([
    [600, undefined, "-600", 600, 315],
    [1199, 700, "-600", 600, 315],
    [480, 400, "-300", 300, 158],
    [300, 300, "-300", 300, 158],
    [5000, 5000, "", 1200, 630],
  ])("gives maxwidth %s × maxheight %s the largest card size that fits (%s.png, %i×%i)", (maxwidth, maxheight, suffix, width, height) => {
    const data = buildOEmbed(article, site, maxwidth, maxheight);
    expect(data.thumbnail_url).toMatch(new RegExp(`^https://news\\.example\\.com/card/${CODE}-[0-9a-f]{16}${suffix}\\.png$`));
    expect([data.thumbnail_width, data.thumbnail_height]).toEqual([width, height]);
    expect((data.thumbnail_width ?? 0) <= (maxwidth ?? Infinity) && (data.thumbnail_height ?? 0) <= (maxheight ?? Infinity)).toBe(true);
  });

  it("gives no thumbnail when not even the smallest card size fits", () => {
    for (const [maxwidth, maxheight] of [[299, undefined], [undefined, 100]] as const) {
      const data = buildOEmbed(article, site, maxwidth, maxheight);
      expect([data.thumbnail_url, data.thumbnail_width, data.thumbnail_height]).toEqual([undefined, undefined, undefined]);
    }
  });

  it("gives an article with its own image (size unknown) its card, which draws that image, never the image with made-up numbers", () => {
    const own = buildOEmbed({ ...article, imageUrl: "https://img.example/a.jpg" }, site, 600);
    const none = buildOEmbed(article, site, 600);
    expect(own.thumbnail_url).toMatch(new RegExp(`^https://news\\.example\\.com/card/${CODE}-[0-9a-f]{16}-600\\.png$`));
    // The card's name is a hash of what it draws: the image is part of it.
    expect(own.thumbnail_url).not.toBe(none.thumbnail_url);
    expect([own.thumbnail_width, own.thumbnail_height]).toEqual([600, 315]);
  });

  it("escapes the XML form", () => {
    const xml = oembedXml(buildOEmbed(article, site));
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8" standalone="yes"?>')).toBe(true);
    expect(xml).toContain("<title>太保 &amp; &lt;测试&gt;</title>");
    expect(xml).toContain("<html>&lt;blockquote");
  });
});
