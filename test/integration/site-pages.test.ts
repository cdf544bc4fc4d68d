/**
 * Category and tag pages, and related articles on the article page. Storage and the edge
 * cache are shared by the tests of this file, so every test uses its own categories and
 * info codes, seeded before the first GET of its lists.
 */
import { env } from "cloudflare:workers";
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { PAGE_SIZE } from "../../src/routes/_shared/paging";
import fixture from "../fixtures/2022-04-28-NW202204282363815497.md?raw";
import { linksWhere, parsePage, type PageParts } from "../support/html";
import { makePost, seedPosts } from "../support/seed";

const ORIGIN = "https://news.example.com";
const TAG = "北方网新闻";
const TAG_PATH = `/tag/${encodeURIComponent(TAG)}.html`;

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** `count` posts in one category, post i published at minute i (so the newest is the last). */
function postsIn(category: string, prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    makePost({
      title: `${category} 文章 ${pad(i, 2)}`,
      infoCode: `${prefix}${pad(i, 10)}`,
      category,
      categoryName: `${category}频道`,
      date: `2024-05-01 09:${pad(i, 2)}:00 +0800`,
    }),
  );
}

async function get(path: string): Promise<{ res: Response; html: string; parts: PageParts }> {
  const res = await SELF.fetch(`${ORIGIN}${path}`);
  const html = await res.text();
  return { res, html, parts: await parsePage(html) };
}

const articleLinks = (parts: PageParts) => parts.anchors.filter((a) => a.href.startsWith("/a/")).map((a) => a.href);
const relHrefs = (parts: PageParts, rel: string) => linksWhere(parts, rel).map((l) => l.href);
const anchorRel = (parts: PageParts, rel: string) => parts.anchors.filter((a) => a.rel === rel).map((a) => a.href);

describe("category pages", () => {
  it("shows the category's display name from the database, its articles and its own feeds", async () => {
    await seedPosts(fixture);
    const { res, parts } = await get("/category/beifangwang.html");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=UTF-8");
    expect(res.headers.get("cache-tag")).toBe("category:beifangwang");
    expect(parts.title).toBe("北方网新闻 - edgewire 新闻");
    expect(articleLinks(parts)).toEqual(["/a/NW202204282363815497"]);
    expect(relHrefs(parts, "canonical")).toEqual([`${ORIGIN}/category/beifangwang.html`]);
    expect(linksWhere(parts, "alternate", "application/rss+xml").map((l) => l.href)).toEqual([
      `${ORIGIN}/category/beifangwang/feed.xml`,
    ]);
    expect(linksWhere(parts, "alternate", "application/atom+xml").map((l) => l.href)).toEqual([
      `${ORIGIN}/category/beifangwang/atom.xml`,
    ]);
    expect(linksWhere(parts, "alternate", "application/feed+json").map((l) => l.href)).toEqual([
      `${ORIGIN}/category/beifangwang/feed.json`,
    ]);
    // One page only: no way on, and nothing to go back to.
    expect(relHrefs(parts, "next")).toEqual([]);
    expect(relHrefs(parts, "prev")).toEqual([]);
  });

  it("answers an existing category with no articles with 200 and an empty state", async () => {
    await env.DB.prepare("INSERT OR IGNORE INTO categories (slug, name) VALUES ('kongbai', '空白频道')").run();
    const { res, html, parts } = await get("/category/kongbai.html");
    expect(res.status).toBe(200);
    expect(parts.title).toBe("空白频道 - edgewire 新闻");
    expect(html).toContain("这里还没有文章。");
    expect(articleLinks(parts)).toEqual([]);
    expect(relHrefs(parts, "next")).toEqual([]);
  });

  it("lists exactly one full page without a next link", async () => {
    await seedPosts(...postsIn("yiye", "YY20240501", PAGE_SIZE));
    const { res, parts } = await get("/category/yiye.html");
    expect(res.status).toBe(200);
    expect(articleLinks(parts)).toHaveLength(PAGE_SIZE);
    expect(articleLinks(parts)[0]).toBe(`/a/YY20240501${pad(PAGE_SIZE - 1, 10)}`);
    expect(relHrefs(parts, "next")).toEqual([]);
    expect(anchorRel(parts, "next")).toEqual([]);
  });

  it("pages with a cursor: next link on the first page, first-page link and no next on the last", async () => {
    await seedPosts(...postsIn("fenye", "FY20240501", PAGE_SIZE + 1));
    const first = await get("/category/fenye.html");
    expect(articleLinks(first.parts)).toHaveLength(PAGE_SIZE);
    expect(relHrefs(first.parts, "prev")).toEqual([]);
    const [next] = anchorRel(first.parts, "next");
    expect(next).toMatch(/^\/category\/fenye\.html\?before=\d+\.\d+$/);
    expect(relHrefs(first.parts, "next")).toEqual([`${ORIGIN}${next}`]);

    const last = await get(next ?? "");
    expect(last.res.status).toBe(200);
    // The oldest post, and only it, is on the second page: no overlap, no gap.
    expect(articleLinks(last.parts)).toEqual([`/a/FY20240501${pad(0, 10)}`]);
    expect(relHrefs(last.parts, "next")).toEqual([]);
    expect(relHrefs(last.parts, "prev")).toEqual([`${ORIGIN}/category/fenye.html`]);
    expect(anchorRel(last.parts, "prev")).toEqual(["/category/fenye.html"]);
    expect(relHrefs(last.parts, "canonical")).toEqual([`${ORIGIN}${next}`]);
  });

  it.each([
    ["an unknown category", "/category/no-such-category.html"],
    ["a malformed cursor", "/category/beifangwang.html?before=yesterday"],
    ["an unknown tag", `/tag/${encodeURIComponent("没有这个标签")}.html`],
  ])("answers %s with the HTML 404 page", async (_what, path) => {
    await seedPosts(fixture);
    const { res, html } = await get(path);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("text/html; charset=UTF-8");
    expect(html).toContain("找不到这篇文章");
  });
});

describe("tag pages", () => {
  it("serves the percent-encoded UTF-8 tag URL the article page links to", async () => {
    await seedPosts(fixture);
    const article = await get("/a/NW202204282363815497");
    expect(article.parts.anchors.filter((a) => a.rel === "tag").map((a) => a.href)).toEqual([TAG_PATH]);
    expect(TAG_PATH).toBe("/tag/%E5%8C%97%E6%96%B9%E7%BD%91%E6%96%B0%E9%97%BB.html");

    const { res, parts } = await get(TAG_PATH);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-tag")).toBe(`tag:${encodeURIComponent(TAG)}`);
    expect(parts.title).toBe(`标签：${TAG} - edgewire 新闻`);
    expect(articleLinks(parts)).toEqual(["/a/NW202204282363815497"]);
    expect(relHrefs(parts, "canonical")).toEqual([`${ORIGIN}${TAG_PATH}`]);
  });

  it("pages a tag with a cursor too", async () => {
    const posts = Array.from({ length: PAGE_SIZE + 2 }, (_, i) =>
      makePost({ title: `标签文章 ${i}`, infoCode: `TG20240601${pad(i, 10)}`, tags: ["翻页标签"], date: `2024-06-01 10:${pad(i, 2)}:00 +0800` }),
    );
    await seedPosts(...posts);
    const path = `/tag/${encodeURIComponent("翻页标签")}.html`;
    const first = await get(path);
    expect(articleLinks(first.parts)).toHaveLength(PAGE_SIZE);
    const [next] = anchorRel(first.parts, "next");
    const second = await get(next ?? "");
    expect(articleLinks(second.parts)).toEqual([`/a/TG20240601${pad(1, 10)}`, `/a/TG20240601${pad(0, 10)}`]);
    expect(anchorRel(second.parts, "prev")).toEqual([path]);
  });
});

describe("related articles on the article page", () => {
  it("lists the newest five of its category, never itself", async () => {
    await seedPosts(...postsIn("xiangguan", "XG20240501", 7));
    const newest = `/a/XG20240501${pad(6, 10)}`;
    const { res, parts } = await get(newest);
    expect(res.status).toBe(200);
    expect(articleLinks(parts)).toEqual([5, 4, 3, 2, 1].map((i) => `/a/XG20240501${pad(i, 10)}`));
    const older = await get(`/a/XG20240501${pad(2, 10)}`);
    expect(articleLinks(older.parts)).toEqual([6, 5, 4, 3, 1].map((i) => `/a/XG20240501${pad(i, 10)}`));
  });
});
