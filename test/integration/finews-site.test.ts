/**
 * The seed archive's patterns, end to end: test/fixtures/finews-site (written for the tests
 * in the mirror's shapes) sent to the import API as `npm run sync` sends it (site context,
 * site-relative paths, an `old_post/` copy read as the `_posts/` file it was), then every
 * page checked as a reader and a partner see it, through the whole Worker.
 */
import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import oldCopy from "../fixtures/finews-site/old_post/2021-12-08-202112080000000001.md?raw";
import p1 from "../fixtures/finews-site/_posts/2021-12-08-202112080000000001.md?raw";
import p2 from "../fixtures/finews-site/_posts/2021-12-08-202112080000000002.md?raw";
import p3 from "../fixtures/finews-site/_posts/2021-12-09-NW202112090000000003.md?raw";
import p4 from "../fixtures/finews-site/_posts/2021-12-09-202112090000000004.md?raw";
import { ADMIN_AUTH, BASE } from "../support/admin";

// What the import command reads from the fixture's _config.yml.
const SITE = { url: "https://mirror.example.com", timezone: "Asia/Shanghai", lang: "zh-CN", liquidRendered: true };
const POSTS = [
  { path: "_posts/2021-12-08-202112080000000001.md", text: p1 },
  { path: "_posts/2021-12-08-202112080000000002.md", text: p2 },
  { path: "_posts/2021-12-09-NW202112090000000003.md", text: p3 },
  { path: "_posts/2021-12-09-202112090000000004.md", text: p4 },
];

type Result = { outcome: string; infoCode?: string; reason?: string; warnings?: { message: string }[] };
type ArticleJson = { publishedAt: string; summary: string; source: string | null; sourceUrl: string | null; category: { slug: string; name: string } };

async function importSite(posts: { path: string; text: string }[]): Promise<Result[]> {
  const res = await SELF.fetch(`${BASE}/api/v1/admin/import`, {
    method: "POST",
    headers: { ...ADMIN_AUTH, "Content-Type": "application/json" },
    body: JSON.stringify({ posts, site: SITE }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: Result[] }).results;
}

async function article(code: string): Promise<{ json: ArticleJson; page: string; text: string }> {
  const [j, p] = await Promise.all([SELF.fetch(`${BASE}/api/v1/articles/${code}`), SELF.fetch(`${BASE}/a/${code}`)]);
  expect(j.status).toBe(200);
  expect(p.status).toBe(200);
  const page = await p.text();
  // What a reader reads: the page without its head, scripts and tags.
  const text = page.replace(/<head>[\s\S]*?<\/head>/, "").replace(/<script[\s\S]*?<\/script>/g, "").replace(/<[^>]+>/g, " ");
  return { json: (await j.json()) as ArticleJson, page, text };
}

let results: Result[] = [];
beforeAll(async () => {
  results = await importSite(POSTS);
});

describe("a finews-shaped site, page by page", () => {
  it("imports every post, the one behind a leading blank line too (with a warning)", () => {
    expect(results.map((r) => r.outcome)).toEqual(["created", "created", "created", "created"]);
    expect(results.map((r) => r.infoCode)).toEqual(["NW202112080000000001", "NW202112080000000002", "NW202112090000000003", "NW202112090000000004"]);
    expect(results[3]?.warnings?.map((w) => w.message).join("\n")).toMatch(/blank line/i);
  });

  it("shows the newsroom's wall time for an offset-less date, not Jekyll's UTC reading", async () => {
    const one = await article("NW202112080000000001");
    expect(one.json.publishedAt).toBe("2021-12-08T10:39:01+08:00");
    expect(one.text).toContain("2021-12-08 10:39");
    // Late in the day: still that day, not 07:05 the next morning.
    const two = await article("NW202112080000000002");
    expect(two.json.publishedAt).toBe("2021-12-08T23:05:10+08:00");
    expect(results[0]?.warnings?.map((w) => w.message).join("\n")).toMatch(/Jekyll would show/);
  });

  it("names the category from relative and absolute footers, on every page that shows it", async () => {
    for (const code of ["NW202112080000000001", "NW202112080000000002", "NW202112090000000004"]) {
      const { json, text } = await article(code);
      expect(json.category).toMatchObject({ slug: "emnews", name: "东财滚动新闻" });
      expect(text).toContain("返回东财滚动新闻");
      expect(text).not.toMatch(/\bemnews\b/);
    }
    const category = await (await SELF.fetch(`${BASE}/category/emnews.html`)).text();
    expect(category).toMatch(/<h1[^>]*>[^<]*东财滚动新闻/);
    expect((await article("NW202112090000000003")).json.category).toMatchObject({ slug: "beifangwang", name: "北方网新闻" });
  });

  it("takes the upstream link out of body and summary and keeps it as the source link; repeats and <> vanish", async () => {
    const one = await article("NW202112080000000001");
    expect(one.json.sourceUrl).toBe("http://finance.example.com/news/1355,202112080000000001.html");
    expect(one.text).not.toContain("finance.example.com");
    expect(one.page).toContain('href="http://finance.example.com/news/1355,202112080000000001.html"');
    expect(one.json.summary).not.toMatch(/http|finance\.example/);
    const two = await article("NW202112080000000002");
    expect(two.json.sourceUrl).toBe("http://finance.example.com/a/202112080000000002.html");
    expect(two.text).not.toContain("finance.example.com");
    expect(two.text).not.toContain("<>");
    expect(two.text).not.toContain("&lt;&gt;");
  });

  it("reads end-of-text credits as the source, and leaves them out of the body", async () => {
    const cases: [string, string][] = [
      ["NW202112080000000001", "央视新闻"],
      ["NW202112080000000002", "澎湃新闻"],
      ["NW202112090000000003", "北方网"],
      ["NW202112090000000004", "发改委网站"],
    ];
    for (const [code, source] of cases) {
      const { json, text } = await article(code);
      expect(json.source, code).toBe(source);
      expect(text, code).not.toMatch(new RegExp(`[（(](?:来源：|文章来源：)?${source}[)）]`));
    }
  });

  it("the old_post copy with +0800 is the same article at the same instant: taken, never refused as stale", async () => {
    // `npm run sync` reads old_post/x.md as _posts/x.md (same date, slug and code). Its text
    // differs (the date line), so it is a new version of the same article at the same time.
    const [again] = await importSite([{ path: "_posts/2021-12-08-202112080000000001.md", text: oldCopy }]);
    expect(again?.outcome).toBe("updated");
    expect(again?.infoCode).toBe("NW202112080000000001");
    expect((await article("NW202112080000000001")).json.publishedAt).toBe("2021-12-08T10:39:01+08:00");
  });

  it("the mirror's own URLs land on the share page", async () => {
    for (const [path, code] of [
      ["/emnews/2021/12/08/202112080000000001.html", "NW202112080000000001"],
      ["/beifangwang/2021/12/09/NW202112090000000003.html", "NW202112090000000003"],
    ] as const) {
      const res = await SELF.fetch(`${BASE}${path}`, { redirect: "manual" });
      expect(res.status, path).toBe(301);
      expect(new URL(res.headers.get("Location") ?? "", BASE).pathname).toBe(`/a/${code}`);
    }
  });
});
