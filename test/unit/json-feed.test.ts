import { afterEach, describe, expect, it, vi } from "vitest";
import type { Article } from "../../src/db/types";
import { renderJsonFeed } from "../../src/syndication/json-feed";
import { ARTICLES, feedSpec, SEED, SITE, TRICKY, WESTERN } from "../support/articles";

type Json = { readonly [key: string]: unknown };

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parse(output: string): Json {
  const feed: unknown = JSON.parse(output);
  if (!isObject(feed)) throw new Error("feed is not an object");
  return feed;
}

function items(feed: Json): Json[] {
  const list = feed.items;
  if (!Array.isArray(list) || !list.every(isObject)) throw new Error("items is not a list of objects");
  return list;
}

function itemFor(feed: Json, infoCode: string): Json {
  const item = items(feed).find((i) => i.id === `${SITE.url}/a/${infoCode}`);
  if (!item) throw new Error(`no item for ${infoCode}`);
  return item;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("renderJsonFeed", () => {
  it("has the JSON Feed 1.1 top-level fields", () => {
    const feed = parse(renderJsonFeed(feedSpec()));
    expect(feed).toMatchObject({
      version: "https://jsonfeed.org/version/1.1",
      title: "边缘新闻 & 最新",
      home_page_url: "https://news.example.com/",
      feed_url: "https://news.example.com/feed.xml",
      description: "最新文章 <全部>",
      language: "zh-CN",
      authors: [{ name: "边缘新闻 Edgewire", url: "https://news.example.com/" }],
    });
    expect(feed).not.toHaveProperty("next_url");
    expect(feed).not.toHaveProperty("hubs");
    expect(items(feed).map((i) => i.id)).toEqual(ARTICLES.map((a) => `${SITE.url}/a/${a.infoCode}`));
  });

  it("gives every item an id and content, as 1.1 requires", () => {
    const noBody: Article = { ...SEED, infoCode: "NW202204280000000001", bodyHtml: "" };
    for (const item of items(parse(renderJsonFeed(feedSpec({ articles: [...ARTICLES, noBody] }))))) {
      expect(typeof item.id).toBe("string");
      expect(typeof item.content_html === "string" || typeof item.content_text === "string").toBe(true);
    }
    const fallback = itemFor(parse(renderJsonFeed(feedSpec({ articles: [noBody] }))), noBody.infoCode);
    expect(fallback).not.toHaveProperty("content_html");
    expect(fallback.content_text).toBe(SEED.summary);
  });

  it("advertises paging and the WebSub hub when given", () => {
    const feed = parse(renderJsonFeed(feedSpec({ nextPath: "/feed.json?before=1651126133000", hubUrl: "https://hub.example.com/" })));
    expect(feed.next_url).toBe("https://news.example.com/feed.json?before=1651126133000");
    expect(feed.hubs).toEqual([{ type: "WebSub", url: "https://hub.example.com/" }]);
  });

  it("renders the fixture article field by field, keys in a fixed order", () => {
    const item = itemFor(parse(renderJsonFeed(feedSpec())), SEED.infoCode);
    const url = "https://news.example.com/a/NW202204282363815497";
    expect(Object.keys(item)).toEqual([
      "id", "url", "title", "summary", "content_html", "date_published", "date_modified", "tags", "authors", "_edgewire",
    ]);
    expect(item).toEqual({
      id: url,
      url,
      title: "中国太保聚焦主责主业 助力打赢疫情防控大战硬战",
      summary: SEED.summary,
      content_html: SEED.bodyHtml,
      date_published: "2022-04-28T14:08:53+08:00",
      date_modified: "2022-04-28T14:08:53+08:00",
      // The category name and the one tag are the same word: listed once.
      tags: ["北方网新闻"],
      authors: [{ name: "北方网" }],
      _edgewire: { source: "北方网", source_url: null, info_code: "NW202204282363815497", category: { slug: "beifangwang", name: "北方网新闻" }, categories: [{ slug: "beifangwang", name: "北方网新闻" }] },
    });
  });

  it("keeps a -05:00 offset, the named author and the original source", () => {
    const item = itemFor(parse(renderJsonFeed(feedSpec())), WESTERN.infoCode);
    expect(item.date_published).toBe("2022-04-28T09:15:00-05:00");
    expect(item.date_modified).toBe("2022-04-28T11:45:30-05:00");
    expect(item.authors).toEqual([{ name: "Jane Doe" }]);
    expect(item.image).toBe("https://img.example.com/fed.webp");
    expect(item.tags).toEqual(["World", "economy", "C++ & Rust/变化"]);
    expect(item._edgewire).toEqual({
      source: "Reuters",
      source_url: "https://www.reuters.com/markets/fed-2022-04-28/",
      info_code: "US202204280000000042",
      category: { slug: "world", name: "World" },
      categories: [{ slug: "world", name: "World" }],
    });
  });

  it("round-trips markup characters and CJK, without XML-forbidden controls", () => {
    const item = itemFor(parse(renderJsonFeed(feedSpec())), TRICKY.infoCode);
    expect(item.title).toBe(TRICKY.title);
    expect(item.summary).toBe("利润增长 📈 <b>不是标签</b> & 更多");
    expect(item.content_html).toBe(TRICKY.bodyHtml);
    expect(item.image).toBe("https://img.example.com/covers/%E5%9B%BE.PNG?w=800&h=450");
    expect(item.tags).toEqual(["财经要闻", "股市", "A&B <c>"]);
  });

  it("is valid when empty", () => {
    const feed = parse(renderJsonFeed(feedSpec({ articles: [] })));
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.title).toBe("边缘新闻 & 最新");
    expect(feed.items).toEqual([]);
  });

  it("keeps item ids stable across renders and edits", () => {
    const edited: Article = { ...TRICKY, title: "新标题", updatedAt: TRICKY.updatedAt + 1000 };
    const id = (a: Article) => items(parse(renderJsonFeed(feedSpec({ articles: [a] }))))[0]?.id;
    expect(id(edited)).toBe(id(TRICKY));
    expect(id(TRICKY)).toBe("https://news.example.com/a/CJ202205010000000001");
  });

  it("is byte-identical across renders, whatever the clock says", () => {
    // An empty feed too: its date is the one a clock read would most likely slip into.
    const render = () => renderJsonFeed(feedSpec({ nextPath: "/feed.json?before=1" })) + renderJsonFeed(feedSpec({ articles: [] }));
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2030, 0, 1));
    const first = render();
    vi.setSystemTime(Date.UTC(2031, 5, 15));
    expect(render()).toBe(first);
    expect(first).not.toMatch(/203[01]-/);
  });
});
