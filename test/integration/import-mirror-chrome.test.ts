/**
 * The seed mirror's chrome on its two common post shapes (fixtures written for this test,
 * mimicking them): the footer names the category, the trailing upstream link becomes the
 * original URL and the end-of-text credit the source; none of them stays in what readers
 * get (body, teaser, page). Through SELF against real D1.
 */
import { env } from "cloudflare:workers";
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

const BASE = "https://news.example.com";
const AUTH = { Authorization: "Bearer test-admin-token-current" };

const SHORT = `---
layout: post
title: "测试局：通报第四季度整治进展"
date: 2021-12-08 10:39:01 +0800
categories: mcnews
tags: 测试滚动新闻
---

记者今天从测试局了解到，今年以来累计处理申请12.5万件。(测试新闻台)

<http://upstream.example/news/1,2021120801.html>

[返回测试滚动新闻](../mcnews/)
[返回首页](../)`;

const LONG = `---
layout: post
title: "测试公司发布新产品"
date: 2021-12-08 11:00:00 +0800
categories: mcnews
tags: 测试滚动新闻
---
> 测试公司发布新产品，摘要一句话。

测试公司今天发布了新产品，业内人士认为前景广阔。（来源：测试日报）

<http://upstream.example/a/2021120802.html>

<http://upstream.example/a/2021120802.html>

<>

[返回测试滚动新闻](//mirror.example/mcnews/)｜[返回首页](//mirror.example/)`;

type Imported = { results: { infoCode: string | null; outcome: string }[] };
type ArticleJson = { summary: string; source: string | null; sourceUrl: string | null; category: { slug: string; name: string } };

async function importPosts(posts: string[]): Promise<string[]> {
  const res = await SELF.fetch(`${BASE}/api/v1/admin/import`, {
    method: "POST",
    headers: { ...AUTH, "Content-Type": "application/json" },
    body: JSON.stringify({ posts }),
  });
  expect(res.status).toBe(200);
  const { results } = (await res.json()) as Imported;
  expect(results.map((r) => r.outcome)).toEqual(posts.map(() => "created"));
  return results.map((r) => r.infoCode ?? "");
}

async function articleJson(code: string): Promise<ArticleJson> {
  const res = await SELF.fetch(`${BASE}/api/v1/articles/${code}`);
  expect(res.status).toBe(200);
  return res.json();
}

const bodyOf = async (code: string) =>
  (await env.DB.prepare("SELECT body_html FROM articles WHERE info_code = ?").bind(code).first<{ body_html: string }>())?.body_html ?? "";

describe("the mirror's chrome", () => {
  it("gives category name, original URL and source, and leaves none of it in the body", async () => {
    const [short = "", long = ""] = await importPosts([SHORT, LONG]);

    expect(await articleJson(short)).toMatchObject({
      category: { slug: "mcnews", name: "测试滚动新闻" },
      sourceUrl: "http://upstream.example/news/1,2021120801.html",
      source: "测试新闻台",
      summary: "记者今天从测试局了解到，今年以来累计处理申请12.5万件。",
    });
    expect((await bodyOf(short)).trim()).toBe("<p>记者今天从测试局了解到，今年以来累计处理申请12.5万件。</p>");

    const longJson = await articleJson(long);
    expect(longJson).toMatchObject({
      category: { slug: "mcnews", name: "测试滚动新闻" },
      sourceUrl: "http://upstream.example/a/2021120802.html",
      source: "测试日报",
    });
    expect(longJson.summary).not.toMatch(/upstream|来源|&lt;&gt;/);
    const body = await bodyOf(long);
    expect(body).toContain("前景广阔。</p>");
    expect(body).not.toMatch(/upstream\.example|测试日报|&lt;&gt;|返回/);
  });

  it("shows the category's name on its page and on the article page", async () => {
    const [code = ""] = await importPosts([
      SHORT.replace("通报第四季度", "通报第三季度").replace("categories: mcnews", "categories: mcpage").replace("../mcnews/", "../../mcpage/index.html"),
    ]);
    const category = await SELF.fetch(`${BASE}/category/mcpage.html`);
    expect(category.status).toBe(200);
    expect(await category.text()).toMatch(/<h1>测试滚动新闻<\/h1>/);
    const page = await (await SELF.fetch(`${BASE}/a/${code}`)).text();
    expect(page).toContain("返回测试滚动新闻</a>");
    expect(page).toContain('href="http://upstream.example/news/1,2021120801.html"');
    // Navigation, meta line and 返回 link: the slug is never shown as the category's name.
    expect(page).not.toMatch(/>\s*(?:返回)?mcpage\s*</);
  });
});
