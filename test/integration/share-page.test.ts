import { env } from "cloudflare:workers";
import { createExecutionContext, SELF, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import fixture from "../fixtures/2022-04-28-NW202204282363815497.md?raw";
import { linksWhere, metaAll, metaOne, parsePage } from "../support/html";
import { makePost, seedPosts } from "../support/seed";

const ORIGIN = "https://news.example.com";
const CODE = "NW202204282363815497";
const CANONICAL = `${ORIGIN}/a/${CODE}`;
const TITLE = "中国太保聚焦主责主业 助力打赢疫情防控大战硬战";

type NewsArticleLd = {
  "@type": string;
  headline: string;
  datePublished: string;
  dateModified: string;
  mainEntityOfPage: { "@id": string };
  publisher: { "@type": string; name: string };
  sourceOrganization: { name: string };
  author: { name: string };
  image?: string[];
  keywords: string[];
  inLanguage: string;
};

function get(path: string, init?: RequestInit): Promise<Response> {
  return SELF.fetch(`${ORIGIN}${path}`, { redirect: "manual", ...init });
}

/** The 404 page; a well-formed code's carries its article's tag, so creating the article purges it. */
async function expectHtml404(res: Response, tag: string | null = null): Promise<string> {
  expect(res.status).toBe(404);
  expect(res.headers.get("content-type")).toBe("text/html; charset=UTF-8");
  expect(res.headers.get("cache-tag")).toBe(tag);
  const html = await res.text();
  expect(html).toContain("找不到这篇文章");
  expect((await parsePage(html)).anchors.map((a) => a.href)).toContain("/");
  return html;
}

describe("GET /a/{infoCode}", () => {
  it("renders the seed post as a share page", async () => {
    await seedPosts(fixture);
    const res = await get(`/a/${CODE}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=UTF-8");
    // Related articles come from its category and tags; the header lists the categories.
    expect(res.headers.get("cache-tag")).toBe(`article:${CODE},category:beifangwang,tag:${encodeURIComponent("北方网新闻")},nav:categories`);
    const html = await res.text();
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain(`<h1>${TITLE}</h1>`);
    expect(html).toContain('<time datetime="2022-04-28T14:08:53+08:00">2022-04-28 14:08</time>');
    // The source, once, linked to the original.
    expect(html).toContain('来源：<a href="http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202204282363815497" rel="nofollow noopener">北方网</a>');
    expect(html).not.toContain("文章来源");

    const page = await parsePage(html);
    expect(page.title).toBe(`${TITLE} - edgewire 新闻`);
    expect(page.bodyText).toContain("3月以来，上海地区新冠疫情形势日趋严峻");
    expect(page.bodyText).toContain("守住了基本运营安全底线");
    // The partner's chrome is not content: neither the share link nor the footer is in the body.
    expect(page.bodyText).not.toContain("NewsShare");
    expect(page.bodyText).not.toContain("返回");
    expect(page.anchors.filter((a) => a.text === "返回首页").map((a) => a.href)).toEqual(["/"]);
    expect(page.anchors.filter((a) => a.text === "返回北方网新闻").map((a) => a.href)).toEqual([
      "/category/beifangwang.html",
    ]);
    // Its one tag only repeats the category's name, so it is not listed.
    expect(page.anchors.filter((a) => a.href.startsWith("/tag/"))).toEqual([]);
    const original = page.anchors.find((a) => a.href.includes("finews.zning.xyz"));
    expect(original?.rel).toBe("nofollow noopener");
  });

  it("carries canonical, Open Graph, Twitter Card, oEmbed and feed links", async () => {
    await seedPosts(fixture);
    const page = await parsePage(await (await get(`/a/${CODE}`)).text());
    expect(linksWhere(page, "canonical").map((l) => l.href)).toEqual([CANONICAL]);
    expect(metaOne(page, "og:title")).toBe(TITLE);
    expect(metaOne(page, "og:type")).toBe("article");
    expect(metaOne(page, "og:url")).toBe(CANONICAL);
    expect(metaOne(page, "og:site_name")).toBe("edgewire 新闻");
    expect(metaOne(page, "og:locale")).toBe("zh_CN");
    // No image of its own: the generated share card (test/integration/cards-route.test.ts).
    expect(metaOne(page, "og:image")).toMatch(new RegExp(`^${ORIGIN}/card/${CODE}-[0-9a-f]{16}\\.png$`));
    expect(metaOne(page, "og:image:width")).toBe("1200");
    expect(metaOne(page, "og:image:height")).toBe("630");
    expect(metaOne(page, "og:image:type")).toBe("image/png");
    expect(metaOne(page, "og:image:alt")).toBe(TITLE);
    expect(metaOne(page, "author")).toBe("北方网");
    expect(metaOne(page, "article:published_time")).toBe("2022-04-28T14:08:53+08:00");
    expect(metaOne(page, "article:modified_time")).toBe("2022-04-28T14:08:53+08:00");
    expect(metaOne(page, "article:section")).toBe("北方网新闻");
    expect(metaAll(page, "article:tag")).toEqual(["北方网新闻"]);
    expect(metaOne(page, "twitter:card")).toBe("summary_large_image");
    expect(metaOne(page, "twitter:image")).toBe(metaOne(page, "og:image"));
    expect(metaOne(page, "twitter:site")).toBeUndefined();
    expect(metaOne(page, "twitter:title")).toBe(TITLE);
    expect(metaOne(page, "description")).toMatch(/^3月以来/);
    const oembed = `${ORIGIN}/oembed?url=${encodeURIComponent(CANONICAL)}`;
    expect(linksWhere(page, "alternate", "application/json+oembed").map((l) => l.href)).toEqual([
      `${oembed}&amp;format=json`,
    ]);
    expect(linksWhere(page, "alternate", "text/xml+oembed").map((l) => l.href)).toEqual([`${oembed}&amp;format=xml`]);
    expect(linksWhere(page, "alternate", "application/rss+xml").map((l) => l.href)).toEqual([`${ORIGIN}/feed.xml`]);
    expect(linksWhere(page, "alternate", "application/atom+xml").map((l) => l.href)).toEqual([`${ORIGIN}/atom.xml`]);
    expect(linksWhere(page, "alternate", "application/feed+json").map((l) => l.href)).toEqual([`${ORIGIN}/feed.json`]);
  });

  it("describes the article as NewsArticle JSON-LD with its source", async () => {
    await seedPosts(fixture);
    const page = await parsePage(await (await get(`/a/${CODE}`)).text());
    expect(page.jsonLd).toHaveLength(1);
    const ld = JSON.parse(page.jsonLd[0] ?? "") as NewsArticleLd;
    expect(ld["@type"]).toBe("NewsArticle");
    expect(ld.headline).toBe(TITLE);
    expect(ld.datePublished).toBe("2022-04-28T14:08:53+08:00");
    expect(ld.dateModified).toBe("2022-04-28T14:08:53+08:00");
    expect(ld.mainEntityOfPage["@id"]).toBe(CANONICAL);
    expect(ld.publisher).toEqual({
      "@type": "Organization",
      name: "edgewire 新闻",
      url: `${ORIGIN}/`,
      logo: { "@type": "ImageObject", url: `${ORIGIN}/icon-512.png`, width: 512, height: 512 },
    });
    expect(ld.inLanguage).toBe("zh-CN");
    expect(ld.sourceOrganization.name).toBe("北方网");
    expect(ld.author.name).toBe("北方网");
    expect(ld.keywords).toEqual(["北方网新闻"]);
    expect(ld.image).toEqual([expect.stringMatching(new RegExp(`^${ORIGIN}/card/${CODE}-[0-9a-f]{16}\\.png$`))]);
  });

  it("advertises the share card (which draws the post's image) as og:image when the post has an image", async () => {
    const image = "https://img.example.com/cover.jpg";
    await seedPosts(makePost({ title: "有图的文章", infoCode: "IM202401050000000001", extra: { image } }));
    const page = await parsePage(await (await get("/a/IM202401050000000001")).text());
    const card = metaOne(page, "og:image");
    expect(card).toMatch(/^https:\/\/news\.example\.com\/card\/IM202401050000000001-[0-9a-f]{16}\.png$/);
    expect(metaOne(page, "twitter:image")).toBe(card);
    expect(metaOne(page, "twitter:card")).toBe("summary_large_image");
    expect(metaOne(page, "og:image:alt")).toBe("有图的文章");
    expect(metaOne(page, "og:image:width")).toBe("1200");
    expect((JSON.parse(page.jsonLd[0] ?? "") as NewsArticleLd).image).toEqual([card]);
  });

  it("escapes markup in titles in the HTML and in the JSON-LD", async () => {
    const title = '</script><script>alert("x")</script> <!-- 标题 & <b>粗</b>';
    // A plain body: this checks the page's escaping of the title, not the ingest sanitizer.
    await seedPosts(makePost({ title, infoCode: "XS202401030000000001", body: "<p>正文。</p>" }));
    const html = await (await get("/a/XS202401030000000001")).text();
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<b>粗</b>");
    expect(html).toContain("&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)");
    expect(html.match(/<script/g)).toHaveLength(1);
    const ldText = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)?.[1] ?? "";
    expect(ldText).not.toMatch(/[<>]/);
    expect((JSON.parse(ldText) as NewsArticleLd).headline).toBe(title);
  });

  it("serves the same bytes whatever Host, cookies or language the request carries", async () => {
    await seedPosts(fixture);
    const plain = await (await get(`/a/${CODE}`)).text();
    const res = await get(`/a/${CODE}?utm_source=wechat&fbclid=abc&from=singlemessage&isappinstalled=0`, {
      headers: {
        Host: "evil.example",
        "X-Forwarded-Host": "evil.example",
        "X-Forwarded-Proto": "http",
        "Accept-Language": "en-US,en;q=0.9",
        Cookie: "session=1; lang=en",
        "User-Agent": "Twitterbot/1.0",
      },
    });
    const body = await res.text();
    expect(res.status).toBe(200);
    expect(body).toBe(plain);
    expect(body).not.toContain("evil.example");
  });

  it("accepts a lower-case info code and points canonical at the upper-case URL", async () => {
    await seedPosts(fixture);
    const res = await get(`/a/${CODE.toLowerCase()}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(await (await get(`/a/${CODE}`)).text());
  });

  it("answers HEAD with the GET headers and no body", async () => {
    await seedPosts(fixture);
    const getRes = await get(`/a/${CODE}`);
    const headRes = await get(`/a/${CODE}`, { method: "HEAD" });
    expect(headRes.status).toBe(200);
    const strip = (h: Headers) => [...h].filter(([k]) => k !== "x-request-id" && k !== "content-length");
    expect(strip(headRes.headers)).toEqual(strip(getRes.headers));
    expect(await headRes.text()).toBe("");
  });

  it("answers an unknown well-formed code with a helpful 404 page", async () => {
    await seedPosts(fixture);
    const html = await expectHtml404(await get("/a/NW209901010000000000"), "article:NW209901010000000000,nav:categories");
    const page = await parsePage(html);
    // The newest articles are offered instead of a dead end.
    expect(page.anchors.map((a) => a.href)).toContain(`/a/${CODE}`);
    expect(metaOne(page, "robots")).toBe("noindex");
    expect(linksWhere(page, "canonical")).toEqual([]);
  });

  it.each(["abc", "NW123", "NW2022042823638154970", "%3Cscript%3E", "", "NW20220428236381549O", "N1202204282363815497"])(
    "answers the malformed code %j with the HTML 404 page",
    async (code) => {
      // `/a/` (no code) could be a page of an imported site: its 404 is the old-URL lookup's, tagged for purging.
      const html = await expectHtml404(await get(`/a/${code}`), code === "" ? "old-urls" : null);
      expect(html).not.toContain("<script>");
    },
  );

  it("answers 410 Gone once the article is unpublished, without its content", async () => {
    const code = "GN202401020000000001";
    await seedPosts(makePost({ title: "将被撤下的文章", infoCode: code }));
    expect((await get(`/a/${code}`)).status).toBe(200);
    // Through the admin API, as in production: it also purges the cached 200.
    const deleted = await SELF.fetch(`https://news.example.com/api/v1/admin/articles/${code}`, {
      method: "DELETE",
      headers: { Authorization: "Bearer test-admin-token-current" },
    });
    expect(deleted.status).toBe(200);
    for (const path of [`/a/${code}`, `/html_News/NewsShare.html?infoCode=${code}`]) {
      const res = await get(path);
      expect(res.status).toBe(410);
      expect(res.headers.get("content-type")).toBe("text/html; charset=UTF-8");
      const html = await res.text();
      expect(html).toContain("已下线");
      expect(html).not.toContain("将被撤下的文章");
    }
  });
});

describe("GET /html_News/NewsShare.html (legacy share URL)", () => {
  it("serves the canonical page's exact bytes with 200 and no redirect", async () => {
    await seedPosts(fixture);
    const canonical = await get(`/a/${CODE}`);
    const legacy = await get(`/html_News/NewsShare.html?infoCode=${CODE}&from=timeline&isappinstalled=0`);
    expect(legacy.status).toBe(200);
    expect(legacy.headers.get("location")).toBeNull();
    expect(legacy.headers.get("content-type")).toBe("text/html; charset=UTF-8");
    expect(legacy.headers.get("cache-tag")).toBe(canonical.headers.get("cache-tag"));
    expect(await legacy.text()).toBe(await canonical.text());
  });

  it.each(["", "?infoCode=", "?infoCode=abc", "?infoCode=%3Cscript%3E", "?infocode=NW202204282363815497"])(
    "answers %j with the HTML 404 page",
    async (query) => {
      await expectHtml404(await get(`/html_News/NewsShare.html${query}`));
    },
  );
});

describe("unknown page paths", () => {
  it("get the HTML 404 page while /api/* keeps problem+json", async () => {
    // A page path no route serves may be an imported site's old URL: the lookup's cached 404 carries its tag.
    await expectHtml404(await get("/no/such/page"), "old-urls");
    const api = await get("/api/v1/no-such-thing");
    expect(api.status).toBe(404);
    expect(api.headers.get("content-type")).toContain("application/problem+json");
  });
});

describe("share previews never pick the wrong image", () => {
  it("has no <img> that is not the article's: the view beacon is a CSS background", async () => {
    await seedPosts(makePost({ title: "无图文章", infoCode: "BC202401050000000001" }));
    const html = await (await get("/a/BC202401050000000001")).text();
    expect(html).not.toMatch(/<img[^>]*\/v\//);
    expect(html).toContain("background-image:url(/v/BC202401050000000001.gif)");
  });

  it("names twitter:site from configuration", async () => {
    await seedPosts(makePost({ title: "推特账号", infoCode: "TW202401050000000001" }));
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request(`${ORIGIN}/a/TW202401050000000001`), { ...env, TWITTER_SITE: "edgewire_news" }, ctx);
    await waitOnExecutionContext(ctx);
    const page = await parsePage(await res.text());
    expect(metaOne(page, "twitter:site")).toBe("@edgewire_news");
  });

  it("labels an English post with no lang as English everywhere (front matter lang: article-lang.test.ts)", async () => {
    await seedPosts(makePost({ title: "Markets rally as rates hold", infoCode: "EN202401050000000001", body: "<p>Stocks rose on Tuesday.</p>" }));
    const html = await (await get("/a/EN202401050000000001")).text();
    const page = await parsePage(html);
    expect(html).toContain('<html lang="en">');
    expect(metaOne(page, "og:locale")).toBe("en_US");
    expect((JSON.parse(page.jsonLd[0] ?? "") as NewsArticleLd).inLanguage).toBe("en");
  });
});
