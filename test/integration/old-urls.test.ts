/**
 * A partner's Jekyll site's own URLs, after a site import (test/fixtures/jekyll-urls):
 * 301 to the share page, cached like a page, purged when the mapping changes; anything
 * else stays the 404 it was.
 */
import { env } from "cloudflare:workers";
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import first from "../fixtures/jekyll-urls/_posts/2021-12-08-202112082206735975.md?raw";
import second from "../fixtures/jekyll-urls/_posts/2021-12-09-202112092206735976.md?raw";
import { BASE } from "../support/edge";
import { callWorker, recordingD1 } from "../support/worker";

const TOKEN = "test-admin-token-current";
/** What `npm run import` reads from the fixture's _config.yml. */
const SITE = { url: "https://finews.example.com", timezone: "Asia/Shanghai" };
const OLD_URL = "/emnews/2021/12/08/202112082206735975.html";
const CODE = "NW202112082206735975";

type Result = { infoCode: string | null; outcome: string };

async function importSite(posts: { path: string; text: string }[], site: Record<string, unknown> = SITE): Promise<Result[]> {
  const res = await SELF.fetch(`${BASE}/api/v1/admin/import`, {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ posts, site }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: Result[] }).results;
}

const fixture = () =>
  importSite([
    { path: "_posts/2021-12-08-202112082206735975.md", text: first },
    { path: "_posts/2021-12-09-202112092206735976.md", text: second },
  ]);

describe("a post's old Jekyll URL", () => {
  it("answers 301 to the share page, cached like a page, for GET and HEAD", async () => {
    expect((await fixture()).map((r) => r.outcome)).toEqual(["created", "created"]);
    const res = await SELF.fetch(`${BASE}${OLD_URL}`, { redirect: "manual" });
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(`/a/${CODE}`);
    expect(res.headers.get("cache-control")).toBe("public, max-age=60");
    expect(res.headers.get("x-cache")).toBe("MISS");
    expect(await res.text()).toBe("");
    const again = await SELF.fetch(`${BASE}${OLD_URL}?utm_source=weibo`, { redirect: "manual" });
    expect([again.status, again.headers.get("location"), again.headers.get("x-cache")]).toEqual([301, `/a/${CODE}`, "HIT"]);
    const head = await SELF.fetch(`${BASE}${OLD_URL}`, { method: "HEAD", redirect: "manual" });
    expect([head.status, head.headers.get("location"), head.headers.get("cache-control")]).toEqual([301, `/a/${CODE}`, "public, max-age=60"]);
    expect(await head.text()).toBe("");
    // The target is the article's page.
    const page = await SELF.fetch(`${BASE}/a/${CODE}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("央行发布年度报告");
  });

  it("answers the spellings a static host serves the same page under", async () => {
    // The same site again changes nothing.
    expect((await fixture()).map((r) => r.outcome)).toEqual(["unchanged", "unchanged"]);
    for (const path of ["/emnews/2021/12/08/202112082206735975", "/%65mnews/2021/12/08/202112082206735975.html"]) {
      const res = await SELF.fetch(`${BASE}${path}`, { redirect: "manual" });
      expect([path, res.status, res.headers.get("location")]).toEqual([path, 301, `/a/${CODE}`]);
    }
    // Chinese categories and pretty permalinks: stored decoded, found however the client encodes them.
    const [made] = await importSite(
      [{ path: "_posts/2022-05-01-shichang.md", text: "---\ntitle: 市场\ncategories: [市场]\n---\n正文。\n" }],
      { ...SITE, permalink: "pretty" },
    );
    for (const path of ["/%E5%B8%82%E5%9C%BA/2022/05/01/shichang/", "/%e5%b8%82%e5%9c%ba/2022/05/01/shichang/index.html", "/市场/2022/05/01/shichang"]) {
      const res = await SELF.fetch(`${BASE}${path}`, { redirect: "manual" });
      expect([path, res.status, res.headers.get("location")]).toEqual([path, 301, `/a/${String(made?.infoCode)}`]);
    }
  });

  it("keeps an unknown path's helpful 404, cached briefly and purged when the URL is imported", async () => {
    const path = "/emnews/2023/03/03/202303032206735978.html";
    const missing = await SELF.fetch(`${BASE}${path}`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await missing.text()).toContain("返回首页");
    expect(missing.headers.get("cache-control")).toBe("public, max-age=30");
    const cached = await SELF.fetch(`${BASE}${path}`);
    expect([cached.status, cached.headers.get("x-cache")]).toEqual([404, "HIT"]);
    await importSite([{ path: "_posts/2023-03-03-202303032206735978.md", text: "---\ntitle: 新文章\ndate: 2023-03-03 10:00:00 +0800\ncategories: emnews\n---\n正文。\n" }]);
    const now = await SELF.fetch(`${BASE}${path}`, { redirect: "manual" });
    expect([now.status, now.headers.get("location")]).toEqual([301, "/a/NW202303032206735978"]);
  });

  it("keeps the old URL when the site's permalink changes, and answers the new one too", async () => {
    const post = { path: "_posts/2024-02-02-202402022206735979.md", text: "---\ntitle: 改版\ndate: 2024-02-02 08:00:00 +0800\ncategories: emnews\n---\n正文。\n" };
    await importSite([post]);
    const [again] = await importSite([post], { ...SITE, permalink: "/:categories/:title:output_ext" });
    expect(again?.outcome).toBe("updated");
    for (const path of ["/emnews/2024/02/02/202402022206735979.html", "/emnews/202402022206735979.html"]) {
      const res = await SELF.fetch(`${BASE}${path}`, { redirect: "manual" });
      expect([path, res.status, res.headers.get("location")]).toEqual([path, 301, "/a/NW202402022206735979"]);
    }
    const rows = await env.DB.prepare("SELECT path FROM article_urls WHERE info_code = ? ORDER BY path").bind("NW202402022206735979").all();
    expect(rows.results).toHaveLength(2);
  });

  it("asks D1 nothing for paths that cannot be a built page, and leaves the APIs' 404s alone", async () => {
    const statements: string[] = [];
    for (const path of ["/wp-login.php", "/.env", "/assets/app.js"]) {
      const res = await callWorker(`${BASE}${path}`, {}, recordingD1(env.DB, statements));
      expect([path, res.status, res.headers.get("x-cache")]).toEqual([path, 404, "BYPASS"]);
    }
    expect(statements.filter((sql) => sql.includes("article_urls"))).toEqual([]);
    const api = await SELF.fetch(`${BASE}/api/v1/nothing-here`);
    expect(api.status).toBe(404);
    expect(api.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });

  it("looks an old URL up with one indexed query", async () => {
    await fixture();
    const statements: string[] = [];
    const res = await callWorker(`${BASE}/emnews/2021/12/09/202112092206735976.html`, { redirect: "manual" }, recordingD1(env.DB, statements));
    expect(res.status).toBe(301);
    const lookups = statements.filter((sql) => sql.includes("article_urls"));
    expect(lookups).toHaveLength(1);
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${lookups[0] ?? ""}`).bind("/a", "/b").all<{ detail: string }>();
    expect(plan.results.map((r) => r.detail).join(" ")).toMatch(/USING (PRIMARY KEY|INDEX sqlite_autoindex_article_urls)/);
  });
});
