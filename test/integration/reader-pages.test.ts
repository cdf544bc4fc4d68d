/**
 * What a reader sees around the content (issue 16): the channel bar from the categories,
 * the configured footer, related articles by shared tags and category, the source shown
 * once, thumbnails, the search result count, and the cache tag that keeps the channel bar
 * current when a write creates a category.
 */
import { env } from "cloudflare:workers";
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { CacheTags, tagsForChange } from "../../src/cache/tags";
import fixture from "../fixtures/2022-04-28-NW202204282363815497.md?raw";
import { parsePage } from "../support/html";
import { makePost, seedPosts } from "../support/seed";
import { callWorker, countingD1, type Counter } from "../support/worker";

const ORIGIN = "https://news.example.com";
const AUTH = { Authorization: "Bearer test-admin-token-current", "Content-Type": "application/json" };

async function html(path: string): Promise<string> {
  const res = await SELF.fetch(`${ORIGIN}${path}`);
  expect(res.status).toBe(200);
  return res.text();
}

const channelBar = (page: string) => /<nav class="channels[\s\S]*?<\/nav>/.exec(page)?.[0] ?? "";

describe("the channel bar and footer", () => {
  it("lists every category on every page and marks the one the reader is in", async () => {
    await seedPosts(fixture, makePost({ title: "财经一", infoCode: "RP202405010000000001", category: "caijing", categoryName: "财经要闻" }));
    for (const path of ["/", "/a/NW202204282363815497", "/category/caijing.html", `/tag/${encodeURIComponent("北方网新闻")}.html`, "/search"]) {
      const bar = channelBar(await html(path));
      expect(bar, path).toContain('<a href="/category/beifangwang.html"');
      expect(bar, path).toContain(">财经要闻</a>");
    }
    expect(channelBar(await html("/category/caijing.html"))).toContain('<a href="/category/caijing.html" aria-current="page">财经要闻</a>');
    // An article marks its channel as the reader's location, not as the current page.
    expect(channelBar(await html("/a/NW202204282363815497"))).toContain('<a href="/category/beifangwang.html" aria-current="true">北方网新闻</a>');
    const page = await html("/");
    expect(page).toContain('<a href="/search">搜索</a>');
    expect(page).toContain("© edgewire 新闻");
  });

  it("renders the share page in one D1 read, channel bar and related list included", async () => {
    await seedPosts(fixture, makePost({ title: "一次读取", infoCode: "RP202405040000000001", category: "beifangwang", categoryName: "北方网新闻", tags: ["北方网新闻"] }));
    const counter: Counter = { reads: 0 };
    const res = await callWorker(`${ORIGIN}/a/RP202405040000000001`, {}, countingD1(env.DB, counter));
    expect(res.status).toBe(200);
    expect(channelBar(await res.text())).toContain("北方网新闻");
    expect(counter.reads).toBe(1);
  });

  it("purges the channel bar's tag only when a write creates or renames a category", async () => {
    expect(tagsForChange({ infoCodes: ["A"], categories: ["c"], tags: [] })).not.toContain(CacheTags.nav);
    expect(tagsForChange({ infoCodes: ["A"], categories: ["c"], tags: [], categoryListChanged: true })).toContain(CacheTags.nav);
    const created = await seedPosts(makePost({ title: "新栏目", infoCode: "RP202405020000000001", category: "xinlanmu", categoryName: "新栏目" }));
    expect(created[0]?.categoryChanged).toBe(true);
    const same = await seedPosts(makePost({ title: "新栏目二", infoCode: "RP202405020000000002", category: "xinlanmu", categoryName: "新栏目" }));
    expect(same[0]?.categoryChanged).toBeUndefined();
    const renamed = await seedPosts(makePost({ title: "新栏目三", infoCode: "RP202405020000000003", category: "xinlanmu", categoryName: "新的栏目" }));
    expect(renamed[0]?.categoryChanged).toBe(true);
  });

  it("a cached page shows a category created after it was cached", async () => {
    await seedPosts(fixture);
    expect(channelBar(await html("/tag/%E5%8C%97%E6%96%B9%E7%BD%91%E6%96%B0%E9%97%BB.html"))).not.toContain("后来的栏目");
    const post = makePost({ title: "后来", infoCode: "RP202405030000000001", category: "houlai", categoryName: "后来的栏目" });
    const res = await SELF.fetch(`${ORIGIN}/api/v1/admin/import`, { method: "POST", headers: AUTH, body: JSON.stringify({ posts: [post] }) });
    expect(res.status).toBe(200);
    expect(channelBar(await html("/tag/%E5%8C%97%E6%96%B9%E7%BD%91%E6%96%B0%E9%97%BB.html"))).toContain("后来的栏目");
  });
});

describe("the article page", () => {
  it("shows the source once, linked to the original, and leaves out a tag that repeats the category", async () => {
    await seedPosts(fixture);
    const page = await html("/a/NW202204282363815497");
    expect(page.match(/来源：/g)).toHaveLength(1);
    expect(page).toContain('来源：<a href="http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202204282363815497" rel="nofollow noopener">北方网</a>');
    expect(page).not.toContain("原文链接");
    expect(page).not.toContain('rel="tag"');
    expect(page).toContain('<div class="body cjk">');
  });

  it("justifies only CJK text and turns an image paragraph into a figure", async () => {
    const body = "The port opened a terminal.\n\n![](https://img.example.com/a.jpg)\n";
    await seedPosts(makePost({ title: "An English headline", infoCode: "EN202406010000000001", body, extra: { description: "An English summary." } }));
    const page = await html("/a/EN202406010000000001");
    expect(page).toContain('<div class="body">');
    expect(page).toMatch(/<figure><img src="https:\/\/img\.example\.com\/a\.jpg"[^>]*><\/figure>/);
  });
});

describe("lists", () => {
  it("show a lazy fixed-size thumbnail, with srcset only on a resizing image host, and no category on its own page", async () => {
    await seedPosts(
      makePost({ title: "有图", infoCode: "TH202406010000000001", category: "tu", categoryName: "图片", extra: { image: "https://bucket.oss-cn-beijing.aliyuncs.com/a.jpg" } }),
      makePost({ title: "别处的图", infoCode: "TH202406010000000002", category: "tu", categoryName: "图片", extra: { image: "https://img.example.com/b.jpg" } }),
    );
    const home = await html("/");
    expect(home).toContain(
      '<img class="thumb" src="https://bucket.oss-cn-beijing.aliyuncs.com/a.jpg" srcset="https://bucket.oss-cn-beijing.aliyuncs.com/a.jpg?x-oss-process=image/resize,w_240 240w, https://bucket.oss-cn-beijing.aliyuncs.com/a.jpg?x-oss-process=image/resize,w_480 480w"',
    );
    expect(home).toMatch(/<img class="thumb" src="https:\/\/img\.example\.com\/b\.jpg" alt="" width="240" height="160" loading="lazy"/);
    expect(home).toContain('<a href="/category/tu.html">图片</a></p>');
    const category = await parsePage(await html("/category/tu.html"));
    expect(category.anchors.filter((a) => a.href === "/category/tu.html" && a.text === "图片")).toHaveLength(1); // the channel bar's
  });
});

describe("search", () => {
  it("says how many articles matched", async () => {
    await seedPosts(...[1, 2, 3].map((n) => makePost({ title: `计数测试${n}`, infoCode: `SC20240601000000000${n}` })));
    const page = await html(`/search?q=${encodeURIComponent("计数测试")}`);
    expect(page).toContain('<p class="count" role="status">找到 3 篇相关文章</p>');
    expect(page).toContain('<input type="search" name="q" value="计数测试"');
  });
});
