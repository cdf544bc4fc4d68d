import { describe, expect, it } from "vitest";
import fixture from "../fixtures/2022-04-28-NW202204282363815497.md?raw";
import { parsePost } from "../../src/ingest/parse-post";
import { SANITIZER_VERSION } from "../../src/ingest/sanitize";

const post = (frontMatter: string, body = "Hello **world**.\n"): string => `---\n${frontMatter}\n---\n${body}`;

describe("parsePost on the real partner post", () => {
  it("reads every field the seed carries", async () => {
    const p = await parsePost(fixture);
    expect(p.title).toBe("中国太保聚焦主责主业 助力打赢疫情防控大战硬战");
    expect(p.infoCode).toBe("NW202204282363815497");
    expect(p.publishedAt).toBe(Date.parse("2022-04-28T14:08:53+08:00"));
    expect(p.updatedAt).toBe(p.publishedAt);
    expect(p.utcOffsetMin).toBe(480);
    expect(p.category).toEqual({ slug: "beifangwang", name: "北方网新闻" });
    expect(p.tags).toEqual(["北方网新闻"]);
    expect(p.sourceName).toBe("北方网");
    expect(p.author).toBeNull();
    expect(p.imageUrl).toBeNull();
    expect(p.originalUrl).toBe("http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202204282363815497");
    expect(p.sanitizerVersion).toBe(SANITIZER_VERSION);
  });

  it("drops the share link and footer from the body but keeps the story and its credit", async () => {
    const p = await parsePost(fixture);
    expect(p.bodyHtml).toContain("中国太保");
    expect(p.bodyHtml).toContain("文章来源：北方网");
    expect(p.bodyHtml).not.toContain("NewsShare");
    expect(p.bodyHtml).not.toContain("返回首页");
    expect(p.bodyHtml).not.toContain("返回北方网新闻");
    expect(p.sourceText).toBe(fixture.replace(/\r\n?/g, "\n"));
  });

  it("summarises the opening of the body, cut at a character boundary", async () => {
    const p = await parsePost(fixture);
    expect(Array.from(p.summary).length).toBeLessThanOrEqual(121);
    expect(p.summary.startsWith("3月以来，上海地区新冠疫情形势日趋严峻")).toBe(true);
    expect(p.summary.endsWith("…")).toBe(true);
    expect(p.summary).not.toMatch(/[<>]/);
  });

  it("hashes the same post the same way every time", async () => {
    const [a, b] = await Promise.all([parsePost(fixture), parsePost(fixture)]);
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.contentHash).toBe(b.contentHash);
    const edited = await parsePost(fixture.replace("中国太保聚焦", "中国太保专注"));
    expect(edited.contentHash).not.toBe(a.contentHash);
  });

  it("gives the same result for CRLF, CR and BOM-prefixed input", async () => {
    const lf = await parsePost(fixture);
    for (const variant of [fixture.replace(/\n/g, "\r\n"), fixture.replace(/\n/g, "\r"), `\uFEFF${fixture}`]) {
      expect(await parsePost(variant)).toEqual(lf);
    }
  });
});

describe("parsePost bodies", () => {
  it("renders Markdown: headings, lists, links, images", async () => {
    const body = "## 小标题\n\n- 第一\n- 第二\n\n1. one\n\n[链接](https://example.com/a) ![图](https://img.example.com/p.jpg)\n";
    const p = await parsePost(post("title: T\ndate: 2022-04-28", body));
    expect(p.bodyHtml).toMatch(/<h2 id="user-content-小标题">小标题<\/h2>/);
    expect(p.bodyHtml).toMatch(/<ul>\s*<li>第一<\/li>\s*<li>第二<\/li>\s*<\/ul>/);
    expect(p.bodyHtml).toMatch(/<ol>\s*<li>one<\/li>/);
    expect(p.bodyHtml).toMatch(/<a [^>]*href="https:\/\/example\.com\/a"[^>]*>链接<\/a>/);
    expect(p.bodyHtml).toMatch(/<img [^>]*src="https:\/\/img\.example\.com\/p\.jpg"[^>]*>/);
    expect(p.imageUrl).toBe("https://img.example.com/p.jpg");
    expect(p.summary).toBe("小标题 第一 第二 one 链接");
  });

  it("decodes character references in Markdown once, and leaves unknown ones as text", async () => {
    const body = "Tom &amp; Jerry &copy; 2024 &#20013;&#x6587; &notareference; [链接](https://example.com/?a=1&amp;b=2)\n";
    const p = await parsePost(post("title: T\ndate: 2022-04-28", body));
    expect(p.bodyHtml).toContain("Tom &amp; Jerry © 2024 中文 &amp;notareference;");
    expect(p.bodyHtml).toContain('href="https://example.com/?a=1&amp;b=2"');
    expect(p.summary).toBe("Tom & Jerry © 2024 中文 &notareference; 链接");
  });

  it("passes HTML blocks through and renders Markdown between them", async () => {
    const body = '<div class="lead">\n<p>原文 *不是强调*</p>\n</div>\n\n**加粗** 段落\n\n<p>再一段</p>\n';
    const p = await parsePost(post("title: T\ndate: 2022-04-28", body));
    expect(p.bodyHtml).toContain("<p>原文 *不是强调*</p>");
    expect(p.bodyHtml).toContain("<p><strong>加粗</strong> 段落</p>");
    expect(p.bodyHtml).toContain("<p>再一段</p>");
  });

  it("does not linkify bare URLs, and curls quotes in Markdown text as kramdown does", async () => {
    const p = await parsePost(post("title: T\ndate: 2022-04-28", 'See https://example.com and "quoted" -- text\n'));
    expect(p.bodyHtml).not.toContain("<a");
    expect(p.bodyHtml).toContain("“quoted” – text");
    // Inside an HTML block, as in the seed, text is left as written.
    const html = await parsePost(post("title: T\ndate: 2022-04-28", '<p>"quoted" -- text</p>\n'));
    expect(html.bodyHtml).toMatch(/(?:&quot;|")quoted(?:&quot;|") -- text/);
  });

  it("keeps a footer-like line inside a code fence", async () => {
    const body = "```\n[返回首页](//host/)\n```\n";
    const p = await parsePost(post("title: T\ndate: 2022-04-28", body));
    expect(p.bodyHtml).toContain("[返回首页](//host/)");
  });

  it("keeps the source credit out of a short summary", async () => {
    const body = '<p>短消息。</p><p class="em_media">（来源：新华社）</p>\n';
    const p = await parsePost(post("title: T\ndate: 2022-04-28", body));
    expect(p.sourceName).toBe("新华社");
    expect(p.summary).toBe("短消息。");
  });
});

describe("parsePost front matter", () => {
  it("takes the info code from front matter over the share link", async () => {
    const body = "正文\n\n<http://h.example/html_News/NewsShare.html?infoCode=NW202204282363815497>\n";
    const p = await parsePost(post("title: T\ndate: 2022-04-28\ninfo_code: AB202001011234567890", body));
    expect(p.infoCode).toBe("AB202001011234567890");
    expect(p.originalUrl).toBe("http://h.example/html_News/NewsShare.html?infoCode=NW202204282363815497");
  });

  it("generates a stable, well-formed info code that follows the title", async () => {
    const text = post("title: 标题\ndate: 2021-12-31 23:30 -0500");
    const a = await parsePost(text);
    const b = await parsePost(text);
    const c = await parsePost(post("title: 标题（更正）\ndate: 2021-12-31 23:30 -0500"));
    expect(a.infoCode).toMatch(/^EW20211231\d{10}$/);
    expect(b.infoCode).toBe(a.infoCode);
    expect(c.infoCode).toMatch(/^EW20211231\d{10}$/);
    expect(c.infoCode).not.toBe(a.infoCode);
    expect(a.publishedAt).toBe(Date.parse("2022-01-01T04:30:00Z"));
    expect(a.utcOffsetMin).toBe(-300);
  });

  it("reads categories and tags given as strings or lists", async () => {
    const asString = await parsePost(post("title: T\ndate: 2022-04-28\ncategories: Finance world\ntags: 保险  上海 保险"));
    expect(asString.category.slug).toBe("finance");
    expect(asString.tags).toEqual(["保险", "上海"]);
    const asList = await parsePost(
      post("title: T\ndate: 2022-04-28\ncategory: [world, finance]\ntag:\n  - 上海 疫情\n  - ' 保险 '\n  - ''\n  - 2022"),
    );
    expect(asList.category.slug).toBe("world");
    expect(asList.tags).toEqual(["上海 疫情", "保险", "2022"]);
    const none = await parsePost(post("title: T\ndate: 2022-04-28"));
    expect(none.category).toEqual({ slug: "uncategorized", name: "uncategorized" });
    expect(none.tags).toEqual([]);
  });

  it("names the category from category_name when no footer names it", async () => {
    const p = await parsePost(post("title: T\ndate: 2022-04-28\ncategories: caijing\ncategory_name: 财经"));
    expect(p.category).toEqual({ slug: "caijing", name: "财经" });
  });

  it("reads the optional keys", async () => {
    const p = await parsePost(
      post(
        [
          "title: '  2022  年 '",
          "date: 2022-04-28T06:08:53Z",
          "updated: 2022-04-29 09:00:00 +08:00",
          "source: 新华社",
          "author: 张三",
          "description: 一句话 摘要",
          "image: //img.example.com/lead.jpg",
          "original_url: https://partner.example/a/1",
        ].join("\n"),
        '<p class="em_media">（文章来源：北方网）</p>\n',
      ),
    );
    expect(p.title).toBe("2022 年");
    expect(p.publishedAt).toBe(Date.parse("2022-04-28T06:08:53Z"));
    expect(p.utcOffsetMin).toBe(0);
    expect(p.updatedAt).toBe(Date.parse("2022-04-29T01:00:00Z"));
    expect(p.sourceName).toBe("新华社");
    expect(p.author).toBe("张三");
    expect(p.summary).toBe("一句话 摘要");
    expect(p.imageUrl).toBe("https://img.example.com/lead.jpg");
    expect(p.originalUrl).toBe("https://partner.example/a/1");
  });

  it("uses the default offset for dates without one", async () => {
    const china = await parsePost(post("title: T\ndate: 2022-04-28 14:08"));
    expect(china.publishedAt).toBe(Date.parse("2022-04-28T14:08:00+08:00"));
    const utc = await parsePost(post("title: T\ndate: 2022-04-28 14:08"), { defaultOffsetMin: 0 });
    expect(utc.publishedAt).toBe(Date.parse("2022-04-28T14:08:00Z"));
    expect(utc.utcOffsetMin).toBe(0);
  });
});

describe("parsePost on the mirror's boilerplate variants", () => {
  it("takes originalUrl from 原文链接 when no share link or front matter gives one", async () => {
    const body = '<p>正文</p>\n<p>原文链接：<a href="https://up.example/a/1.html">查看</a></p>\n<p style="display:none">x</p>\n';
    const p = await parsePost(post("title: T\ndate: 2022-04-28", body));
    expect(p.originalUrl).toBe("https://up.example/a/1.html");
    expect(p.bodyHtml).toBe("<p>正文</p>");
  });
});
