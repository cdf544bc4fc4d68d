/**
 * Every category of a post is kept (issue 18 item 7): the first is primary (URL, page,
 * breadcrumbs), and the article is listed under each of the others too, on their pages,
 * feeds and in the JSON API; the article page links them. Through SELF against real D1.
 */
import { env } from "cloudflare:workers";
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { makePost } from "../support/seed";

const BASE = "https://news.example.com";
const AUTH = { Authorization: "Bearer test-admin-token-current" };

let next = 0;
const newCode = () => `MC2024100100000${String(++next).padStart(5, "0")}`;

async function importPosts(posts: string[], categoryNames?: Record<string, string>) {
  const res = await SELF.fetch(`${BASE}/api/v1/admin/import`, {
    method: "POST",
    headers: { ...AUTH, "Content-Type": "application/json" },
    body: JSON.stringify({ posts, ...(categoryNames ? { site: { categoryNames } } : {}) }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: { outcome: string }[] }).results.map((r) => r.outcome);
}

const links = (code: string) =>
  env.DB.prepare(
    `SELECT c.slug AS slug, ac.position AS position, ac.published_at AS publishedAt FROM article_categories ac
     JOIN categories c ON c.id = ac.category_id JOIN articles a ON a.id = ac.article_id WHERE a.info_code = ? ORDER BY ac.position`,
  )
    .bind(code)
    .all<{ slug: string; position: number; publishedAt: number }>()
    .then((r) => r.results);

describe("an article with several categories", () => {
  it("is stored with all of them in order, and listed on each category page, feed and API list", async () => {
    const code = newCode();
    const title = "多栏目文章甲";
    expect(await importPosts([makePost({ title, infoCode: code, category: "mcprime", moreCategories: ["mcsecond", "mcthird"], categoryName: "主栏目" })])).toEqual(["created"]);
    expect((await links(code)).map((l) => [l.slug, l.position])).toEqual([["mcprime", 0], ["mcsecond", 1], ["mcthird", 2]]);
    for (const slug of ["mcprime", "mcsecond", "mcthird"]) {
      for (const path of [`/category/${slug}.html`, `/category/${slug}/feed.xml`, `/category/${slug}/atom.xml`, `/category/${slug}/feed.json`]) {
        const res = await SELF.fetch(`${BASE}${path}`);
        expect(res.status, path).toBe(200);
        expect(await res.text(), path).toContain(title);
      }
      const api = (await (await SELF.fetch(`${BASE}/api/v1/articles?category=${slug}`)).json()) as { articles: { infoCode: string }[] };
      expect(api.articles.map((a) => a.infoCode), slug).toContain(code);
    }
  });

  it("keeps the primary category for the page and API, and exposes every category", async () => {
    const code = newCode();
    await importPosts([makePost({ title: "多栏目文章乙", infoCode: code, category: "mcprime", moreCategories: ["mcsecond"], categoryName: "主栏目" })]);
    const json = (await (await SELF.fetch(`${BASE}/api/v1/articles/${code}`)).json()) as {
      category: { slug: string; name: string; url: string };
      categories: { slug: string; name: string; url: string }[];
    };
    expect(json.category).toMatchObject({ slug: "mcprime", name: "主栏目" });
    expect(json.categories.map((c) => c.slug)).toEqual(["mcprime", "mcsecond"]);
    expect(json.categories[1]?.url).toBe(`${BASE}/category/mcsecond.html`);
    const list = (await (await SELF.fetch(`${BASE}/api/v1/articles?category=mcsecond`)).json()) as {
      articles: { infoCode: string; category: { slug: string }; categories: { slug: string }[] }[];
    };
    const item = list.articles.find((a) => a.infoCode === code);
    expect(item?.category.slug).toBe("mcprime");
    expect(item?.categories.map((c) => c.slug)).toEqual(["mcprime", "mcsecond"]);
    const page = await (await SELF.fetch(`${BASE}/a/${code}`)).text();
    expect(page).toContain('href="/category/mcprime.html">返回主栏目');
    expect(page).toMatch(/<a href="\/category\/mcsecond.html" rel="tag">mcsecond<\/a>/);
    const feed = (await (await SELF.fetch(`${BASE}/category/mcsecond/feed.json`)).json()) as { items: { _edgewire: { info_code: string; categories: { slug: string }[] } }[] };
    const feedItem = feed.items.find((i) => i._edgewire.info_code === code);
    expect(feedItem?._edgewire.categories.map((c) => c.slug)).toEqual(["mcprime", "mcsecond"]);
    const rss = await (await SELF.fetch(`${BASE}/category/mcsecond/feed.xml`)).text();
    expect(rss).toContain(`<category domain="${BASE}/category/mcsecond.html">mcsecond</category>`);
  });

  it("filters a tag list by any of the article's categories", async () => {
    const code = newCode();
    await importPosts([makePost({ title: "标签加栏目", infoCode: code, category: "mctagprime", moreCategories: ["mctagsecond"], tags: ["多栏目标签"] })]);
    const api = (await (await SELF.fetch(`${BASE}/api/v1/articles?category=mctagsecond&tag=${encodeURIComponent("多栏目标签")}`)).json()) as { articles: { infoCode: string }[] };
    expect(api.articles.map((a) => a.infoCode)).toEqual([code]);
  });

  it("a secondary category that only knows its slug never renames the category; a named one does", async () => {
    await importPosts([makePost({ title: "命名栏目", infoCode: newCode(), category: "mcnamed", categoryName: "有名字的栏目" })]);
    await importPosts([makePost({ title: "只知道代号", infoCode: newCode(), category: "mcother", moreCategories: ["mcnamed"] })]);
    const names = await env.DB.prepare("SELECT name FROM categories WHERE slug = 'mcnamed'").first<{ name: string }>();
    expect(names?.name).toBe("有名字的栏目");
    await importPosts([makePost({ title: "站点命名", infoCode: newCode(), category: "mcother2", moreCategories: ["mcnamed"] })], { mcnamed: "站点给的名字" });
    const renamed = await env.DB.prepare("SELECT name FROM categories WHERE slug = 'mcnamed'").first<{ name: string }>();
    expect(renamed?.name).toBe("站点给的名字");
  });

  it("re-importing the same posts changes no row; a new version with the same categories keeps its link rows", async () => {
    const code = newCode();
    const post = (day: number, title: string) =>
      makePost({ title, infoCode: code, category: "mcsame", moreCategories: ["mcsame2"], extra: { updated: `2024-10-0${day} 09:00:00 +0800` } });
    expect(await importPosts([post(2, "重复导入")])).toEqual(["created"]);
    const first = await links(code);
    const modified = await env.DB.prepare("SELECT modified_at FROM articles WHERE info_code = ?").bind(code).first();
    expect(await importPosts([post(2, "重复导入")])).toEqual(["unchanged"]);
    expect(await links(code)).toEqual(first);
    expect(await env.DB.prepare("SELECT modified_at FROM articles WHERE info_code = ?").bind(code).first()).toEqual(modified);
    expect(await importPosts([post(3, "重复导入 v2")])).toEqual(["updated"]);
    expect(await links(code)).toEqual(first);
  });

  it("moving the date moves the article in every category's order", async () => {
    const code = newCode();
    const post = (date: string, day: number) =>
      makePost({ title: "改日期", infoCode: code, date, category: "mcdate", moreCategories: ["mcdate2"], extra: { updated: `2024-10-0${day} 09:00:00 +0800` } });
    await importPosts([post("2024-10-01 09:00:00 +0800", 1)]);
    await importPosts([post("2024-10-05 09:00:00 +0800", 2)]);
    const rows = await links(code);
    expect(rows.map((r) => r.publishedAt)).toEqual([Date.parse("2024-10-05T01:00:00Z"), Date.parse("2024-10-05T01:00:00Z")]);
  });
});

describe("migration 0007", () => {
  it("backfills a join row for an article stored before it, which then lists on its category page", async () => {
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith("0007"));
    const backfill = migration?.queries.find((q) => q.includes("INSERT INTO `article_categories`"));
    expect(backfill).toBeDefined();
    await env.DB.prepare("INSERT INTO categories (slug, name) VALUES ('mcold', '旧栏目') ON CONFLICT DO NOTHING").run();
    await env.DB.prepare(
      `INSERT INTO articles (info_code, title, summary, body_html, source_text, published_at, utc_offset_min, updated_at, category_id,
        content_hash, sanitizer_version, created_at, modified_at)
       VALUES ('MC202410010000099999', '迁移前的文章', '', '<p>x</p>', '', 1727740800000, 480, 1727740800000,
        (SELECT id FROM categories WHERE slug = 'mcold'), 'h', 1, 0, 0)`,
    ).run();
    expect(await links("MC202410010000099999")).toEqual([]);
    await env.DB.prepare(backfill ?? "").run();
    expect((await links("MC202410010000099999")).map((l) => [l.slug, l.position, l.publishedAt])).toEqual([["mcold", 0, 1727740800000]]);
    // Running it again (a partial apply retried) adds nothing.
    await env.DB.prepare(backfill ?? "").run();
    expect(await links("MC202410010000099999")).toHaveLength(1);
    expect(await (await SELF.fetch(`${BASE}/category/mcold.html`)).text()).toContain("迁移前的文章");
  });
});
