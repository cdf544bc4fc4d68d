import { afterEach, describe, expect, it, vi } from "vitest";
import type { Article } from "../../src/db/types";
import { renderAtom } from "../../src/syndication/atom";
import {
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

const ATOM_NS = "http://www.w3.org/2005/Atom";

function feedOf(xml: string): XmlNode {
  return only(parseXml(xml), "feed");
}

function entryFor(feed: XmlNode, infoCode: string): XmlNode {
  const entry = children(feed, "entry").find((e) => childText(e, "id") === `${SITE.url}/a/${infoCode}`);
  if (!entry) throw new Error(`no entry for ${infoCode}`);
  return entry;
}

function links(node: XmlNode): [string | undefined, string | undefined, string | undefined][] {
  return children(node, "link").map((l) => [attr(l, "rel"), attr(l, "type"), attr(l, "href")]);
}

afterEach(() => {
  vi.useRealTimers();
});

describe("renderAtom: RFC 4287 structure", () => {
  it("gives the feed exactly one id, title and updated, a self link and an author", () => {
    const feed = feedOf(renderAtom(feedSpec({ hubUrl: "https://hub.example.com/" })));
    expect(attr(feed, "xmlns")).toBe(ATOM_NS);
    expect(attr(feed, "xml:lang")).toBe("zh-CN");
    expect(childText(feed, "id")).toBe("https://news.example.com/feed.xml");
    expect(childText(feed, "title")).toBe("边缘新闻 & 最新");
    expect(childText(feed, "subtitle")).toBe("最新文章 <全部>");
    expect(childText(feed, "updated")).toBe("2022-05-02T10:00:00+08:00");
    expect(links(feed)).toEqual([
      ["self", "application/atom+xml", "https://news.example.com/feed.xml"],
      ["alternate", "text/html", "https://news.example.com/"],
      ["hub", undefined, "https://hub.example.com/"],
    ]);
    expect(childText(only(feed, "author"), "name")).toBe("边缘新闻 Edgewire");
    expect(childText(feed, "generator")).toBe("edgewire");
  });

  it("gives every entry exactly one id, title and updated, and an alternate link or content", () => {
    const entries = children(feedOf(renderAtom(feedSpec())), "entry");
    expect(entries).toHaveLength(3);
    for (const entry of entries) {
      expect(() => only(entry, "id")).not.toThrow();
      expect(() => only(entry, "title")).not.toThrow();
      expect(() => only(entry, "updated")).not.toThrow();
      expect(() => only(entry, "published")).not.toThrow();
      const alternates = children(entry, "link").filter((l) => attr(l, "rel") === "alternate");
      expect(alternates.length + children(entry, "content").length).toBeGreaterThan(0);
      // At most one alternate per type and hreflang (§4.1.1).
      expect(alternates).toHaveLength(1);
      expect(children(entry, "summary").length).toBeLessThanOrEqual(1);
      expect(children(entry, "content").length).toBeLessThanOrEqual(1);
    }
  });

  it("uses self link and category for a category feed, without a hub link", () => {
    const feed = feedOf(
      renderAtom(feedSpec({ selfPath: "/category/world/atom.xml", htmlPath: "/category/world.html", category: WESTERN.category, articles: [WESTERN] })),
    );
    expect(childText(feed, "id")).toBe("https://news.example.com/category/world/atom.xml");
    expect(links(feed)).toEqual([
      ["self", "application/atom+xml", "https://news.example.com/category/world/atom.xml"],
      ["alternate", "text/html", "https://news.example.com/category/world.html"],
    ]);
    expect(attr(only(feed, "category"), "term")).toBe("world");
  });

  it("is valid when empty, dated at the fixed epoch", () => {
    const feed = feedOf(renderAtom(feedSpec({ articles: [] })));
    expect(children(feed, "entry")).toEqual([]);
    expect(childText(feed, "updated")).toBe("1970-01-01T00:00:00+00:00");
    expect(childText(feed, "id")).toBe("https://news.example.com/feed.xml");
    expect(attr(children(feed, "link")[0] ?? {}, "rel")).toBe("self");
  });
});

describe("renderAtom: entries", () => {
  it("renders the fixture article with its +08:00 dates", () => {
    const entry = entryFor(feedOf(renderAtom(feedSpec())), SEED.infoCode);
    expect(childText(entry, "title")).toBe("中国太保聚焦主责主业 助力打赢疫情防控大战硬战");
    expect(childText(entry, "published")).toBe("2022-04-28T14:08:53+08:00");
    expect(childText(entry, "updated")).toBe("2022-04-28T14:08:53+08:00");
    expect(links(entry)).toEqual([["alternate", "text/html", "https://news.example.com/a/NW202204282363815497"]]);
    expect(childText(entry, "summary")).toBe(SEED.summary);
    const content = only(entry, "content");
    expect(attr(content, "type")).toBe("html");
    expect(text(content)).toBe(SEED.bodyHtml);
    // No named author: the source is the byline.
    expect(childText(only(entry, "author"), "name")).toBe("北方网");
    expect(children(entry, "contributor")).toEqual([]);
    expect(children(entry, "category").map((c) => [attr(c, "term"), attr(c, "label"), attr(c, "scheme")])).toEqual([
      ["beifangwang", "北方网新闻", "https://news.example.com/category/"],
      ["北方网新闻", undefined, "https://news.example.com/tag/"],
    ]);
  });

  it("keeps a -05:00 offset and attributes the original source with rel=via and a contributor", () => {
    const entry = entryFor(feedOf(renderAtom(feedSpec())), WESTERN.infoCode);
    expect(childText(entry, "published")).toBe("2022-04-28T09:15:00-05:00");
    expect(childText(entry, "updated")).toBe("2022-04-28T11:45:30-05:00");
    expect(links(entry)).toEqual([
      ["alternate", "text/html", "https://news.example.com/a/US202204280000000042"],
      ["via", undefined, "https://www.reuters.com/markets/fed-2022-04-28/"],
      ["enclosure", "image/webp", "https://img.example.com/fed.webp"],
    ]);
    expect(childText(only(entry, "author"), "name")).toBe("Jane Doe");
    expect(childText(only(entry, "contributor"), "name")).toBe("Reuters");
  });

  it("falls back to the site name when neither author nor source is known", () => {
    const anonymous: Article = { ...SEED, sourceName: null, author: null };
    const entry = only(feedOf(renderAtom(feedSpec({ articles: [anonymous] }))), "entry");
    expect(childText(only(entry, "author"), "name")).toBe("边缘新闻 Edgewire");
  });

  it("round-trips &, <, quotes and CJK in text, attributes and HTML content", () => {
    const xml = renderAtom(feedSpec());
    expect(xml).not.toMatch(UNDECLARED_ENTITY);
    const entry = entryFor(feedOf(xml), TRICKY.infoCode);
    expect(childText(entry, "title")).toBe(TRICKY.title);
    expect(childText(entry, "summary")).toBe("利润增长 📈 <b>不是标签</b> & 更多");
    expect(childText(entry, "content")).toBe(TRICKY.bodyHtml);
    expect(childText(only(entry, "author"), "name")).toBe("新华社 & 合作方");
    expect(links(entry)).toContainEqual(["via", undefined, "https://partner.example.org/news?id=1&lang=zh"]);
    expect(links(entry)).toContainEqual(["enclosure", "image/png", "https://img.example.com/covers/%E5%9B%BE.PNG?w=800&h=450"]);
    expect(children(entry, "category").map((c) => attr(c, "term"))).toEqual(["caijing", "股市", "A&B <c>"]);
  });

  it("never dates an update before publication", () => {
    const typo: Article = { ...WESTERN, updatedAt: WESTERN.publishedAt - 86_400_000 };
    const entry = only(feedOf(renderAtom(feedSpec({ articles: [typo] }))), "entry");
    expect(childText(entry, "updated")).toBe("2022-04-28T09:15:00-05:00");
  });

  it("keeps ids stable across renders and content edits", () => {
    const ids = (articles: Article[]) => children(feedOf(renderAtom(feedSpec({ articles }))), "entry").map((e) => childText(e, "id"));
    const edited: Article = { ...SEED, title: "改过的标题", bodyHtml: "<p>新</p>", updatedAt: SEED.updatedAt + 3_600_000 };
    expect(ids([SEED])).toEqual(["https://news.example.com/a/NW202204282363815497"]);
    expect(ids([edited])).toEqual(ids([SEED]));
  });

  it("is byte-identical across renders, whatever the clock says", () => {
    // An empty feed too: its date is the one a clock read would most likely slip into.
    const render = () => renderAtom(feedSpec({ hubUrl: "https://hub.example.com/" })) + renderAtom(feedSpec({ articles: [] }));
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2030, 0, 1));
    const first = render();
    vi.setSystemTime(Date.UTC(2031, 5, 15));
    expect(render()).toBe(first);
    expect(first).not.toMatch(/203[01]-/);
  });
});
