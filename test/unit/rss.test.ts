import { afterEach, describe, expect, it, vi } from "vitest";
import { decodeEntities } from "../../src/lib/html-text";
import { renderRss } from "../../src/syndication/rss";
import { escapeXmlAttribute, escapeXmlText, stripIllegalXmlChars } from "../../src/syndication/xml";
import {
  ARTICLES,
  attr,
  children,
  childText,
  feedSpec,
  only,
  parseXml,
  SEED,
  SITE,
  text,
  TRICKY,
  UNDECLARED_ENTITY,
  WESTERN,
  type XmlNode,
} from "../support/articles";

function channelOf(xml: string): XmlNode {
  return only(only(parseXml(xml), "rss"), "channel");
}

function itemFor(channel: XmlNode, infoCode: string): XmlNode {
  const item = children(channel, "item").find((i) => childText(i, "guid").endsWith(`/a/${infoCode}`));
  if (!item) throw new Error(`no item for ${infoCode}`);
  return item;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("renderRss", () => {
  it("is a valid RSS 2.0 document with the three namespaces", () => {
    const rss = only(parseXml(renderRss(feedSpec())), "rss");
    expect(attr(rss, "version")).toBe("2.0");
    expect(attr(rss, "xmlns:atom")).toBe("http://www.w3.org/2005/Atom");
    expect(attr(rss, "xmlns:content")).toBe("http://purl.org/rss/1.0/modules/content/");
    expect(attr(rss, "xmlns:dc")).toBe("http://purl.org/dc/elements/1.1/");
  });

  it("describes the channel, with lastBuildDate from the newest change, never the clock", () => {
    const channel = channelOf(renderRss(feedSpec({ hubUrl: "https://hub.example.com/" })));
    // Text fields are HTML-escaped text inside XML (see rssText): decoded once more, they are the text.
    expect(decodeEntities(childText(channel, "title"))).toBe("边缘新闻 & 最新");
    expect(childText(channel, "title")).toBe("边缘新闻 &amp; 最新");
    expect(childText(channel, "link")).toBe("https://news.example.com/");
    expect(decodeEntities(childText(channel, "description"))).toBe("最新文章 <全部>");
    expect(childText(channel, "language")).toBe("zh-CN");
    expect(childText(channel, "lastBuildDate")).toBe("Mon, 02 May 2022 10:00:00 +0800");
    expect(childText(channel, "generator")).toBe("edgewire");
    const links = children(channel, "atom:link");
    expect(links.map((l) => [attr(l, "rel"), attr(l, "href"), attr(l, "type")])).toEqual([
      ["self", "https://news.example.com/feed.xml", "application/rss+xml"],
      ["hub", "https://hub.example.com/", undefined],
    ]);
  });

  it("has no hub link without a hub, and a category for a category feed", () => {
    const channel = channelOf(
      renderRss(feedSpec({ selfPath: "/category/beifangwang/feed.xml", htmlPath: "/category/beifangwang.html", category: SEED.category, articles: [SEED] })),
    );
    expect(children(channel, "atom:link").map((l) => attr(l, "rel"))).toEqual(["self"]);
    expect(attr(only(channel, "atom:link"), "href")).toBe("https://news.example.com/category/beifangwang/feed.xml");
    expect(childText(channel, "link")).toBe("https://news.example.com/category/beifangwang.html");
    expect(attr(only(channel, "category"), "domain")).toBe("https://news.example.com/category/beifangwang.html");
  });

  it("renders the fixture article field by field", () => {
    const item = itemFor(channelOf(renderRss(feedSpec())), SEED.infoCode);
    const url = "https://news.example.com/a/NW202204282363815497";
    expect(childText(item, "title")).toBe("中国太保聚焦主责主业 助力打赢疫情防控大战硬战");
    expect(childText(item, "link")).toBe(url);
    expect(childText(item, "guid")).toBe(url);
    expect(attr(only(item, "guid"), "isPermaLink")).toBe("true");
    expect(childText(item, "pubDate")).toBe("Thu, 28 Apr 2022 14:08:53 +0800");
    expect(childText(item, "description")).toBe(SEED.summary);
    expect(childText(item, "content:encoded")).toBe(SEED.bodyHtml);
    expect(children(item, "category").map((c) => [text(c), attr(c, "domain")])).toEqual([
      ["北方网新闻", "https://news.example.com/category/beifangwang.html"],
      ["北方网新闻", undefined],
    ]);
    // No original link: the required url attribute points at our own copy.
    expect(attr(only(item, "source"), "url")).toBe(url);
    expect(childText(item, "source")).toBe("北方网");
    // No named author: the byline falls back to the source, as in Atom and JSON Feed.
    expect(childText(item, "dc:creator")).toBe("北方网");
    expect(children(item, "enclosure")).toEqual([]);
  });

  it("keeps a -05:00 source's offset and names author and original source", () => {
    const item = itemFor(channelOf(renderRss(feedSpec())), WESTERN.infoCode);
    expect(childText(item, "pubDate")).toBe("Thu, 28 Apr 2022 09:15:00 -0500");
    expect(childText(item, "dc:creator")).toBe("Jane Doe");
    expect(attr(only(item, "source"), "url")).toBe("https://www.reuters.com/markets/fed-2022-04-28/");
    expect(childText(item, "source")).toBe("Reuters");
    const enclosure = only(item, "enclosure");
    expect([attr(enclosure, "url"), attr(enclosure, "type"), attr(enclosure, "length")]).toEqual([
      "https://img.example.com/fed.webp",
      "image/webp",
      "0",
    ]);
    expect(children(item, "category").map(text)).toEqual(["World", "economy", "C++ & Rust/变化"]);
  });

  it("escapes markup characters so they round-trip, and drops characters XML forbids", () => {
    const xml = renderRss(feedSpec());
    expect(xml).not.toMatch(UNDECLARED_ENTITY);
    expect(xml).not.toContain("<股市>");
    expect(xml).not.toContain("<![CDATA[");
    const item = itemFor(channelOf(xml), TRICKY.infoCode);
    expect(decodeEntities(childText(item, "title"))).toBe(TRICKY.title);
    expect(childText(item, "description")).toBe("利润增长 📈 &lt;b&gt;不是标签&lt;/b&gt; &amp; 更多");
    expect(childText(item, "content:encoded")).toBe(TRICKY.bodyHtml);
    expect(childText(item, "source")).toBe("新华社 & 合作方");
    expect(attr(only(item, "source"), "url")).toBe("https://partner.example.org/news?id=1&lang=zh");
    expect(children(item, "category").map(text)).toEqual(["财经要闻", "股市", "A&B <c>"]);
    const enclosure = only(item, "enclosure");
    expect(attr(enclosure, "url")).toBe("https://img.example.com/covers/%E5%9B%BE.PNG?w=800&h=450");
    expect(attr(enclosure, "type")).toBe("image/png");
  });

  it("lists items in the order given (newest first)", () => {
    const guids = children(channelOf(renderRss(feedSpec())), "item").map((i) => childText(i, "guid"));
    expect(guids).toEqual(ARTICLES.map((a) => `${SITE.url}/a/${a.infoCode}`));
  });

  it("renders a valid empty feed dated at the fixed epoch", () => {
    const channel = channelOf(renderRss(feedSpec({ articles: [] })));
    expect(children(channel, "item")).toEqual([]);
    expect(childText(channel, "lastBuildDate")).toBe("Thu, 01 Jan 1970 00:00:00 +0000");
    expect(attr(only(channel, "atom:link"), "rel")).toBe("self");
  });

  it("is byte-identical across renders, whatever the clock says", () => {
    // An empty feed too: its date is the one a clock read would most likely slip into.
    const render = () => renderRss(feedSpec({ hubUrl: "https://hub.example.com/" })) + renderRss(feedSpec({ articles: [] }));
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2030, 0, 1));
    const first = render();
    vi.setSystemTime(Date.UTC(2031, 5, 15, 12, 34, 56));
    const second = render();
    expect(second).toBe(first);
    expect(first).not.toContain("2030");
    expect(first).not.toContain("2031");
  });
});

describe("XML escaping", () => {
  it.each([
    ["a & b", "a &amp; b"],
    ["<p>x</p>", "&lt;p&gt;x&lt;/p&gt;"],
    ["]]>", "]]&gt;"],
    ["中文 📈", "中文 📈"],
    ["line\r\nnext", "line&#13;\nnext"],
    ['"quotes" \'kept\'', '"quotes" \'kept\''],
  ])("text %j → %j", (input, expected) => {
    expect(escapeXmlText(input)).toBe(expected);
  });

  it.each([
    ['a"b', "a&quot;b"],
    ["a'b", "a&apos;b"],
    ["?x=1&y=<2>", "?x=1&amp;y=&lt;2&gt;"],
    ["tab\tnew\nline", "tab&#9;new&#10;line"],
  ])("attribute %j → %j", (input, expected) => {
    expect(escapeXmlAttribute(input)).toBe(expected);
  });

  it("removes C0 controls, U+FFFE/U+FFFF and lone surrogates, keeps tab/LF/CR and pairs", () => {
    const input = "a\u0000b\u0008c\u000Bd\u000Ce\u001Ff\uFFFEg\uFFFFh\uD800i\uDC00j\t\n\r😀";
    expect(stripIllegalXmlChars(input)).toBe("abcdefghij\t\n\r😀");
  });
});
