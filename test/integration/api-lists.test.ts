/** /api/v1/articles and /api/v1/categories as a partner's code reads them. */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { makePost, seedPosts } from "../support/seed";

const BASE = "https://news.example.com";
const AUTH = { Authorization: "Bearer test-admin-token-current" };

async function seedList(): Promise<void> {
  const posts = Array.from({ length: 5 }, (_, i) =>
    makePost({
      title: `列表接口${i}`,
      infoCode: `LA2024060${i + 1}0000000001`,
      date: `2024-06-0${i + 1} 10:00:00 +0800`,
      category: i % 2 === 0 ? "liebiao" : "qita",
      categoryName: i % 2 === 0 ? "列表" : "其他",
      tags: i < 3 ? ["接口标签"] : ["别的"],
    }),
  );
  await seedPosts(...posts);
}

type ListBody = { articles: { infoCode: string; publishedAt: string; category: { slug: string } }[]; nextCursor: string | null; next: string | null };

describe("GET /api/v1/articles", () => {
  it("pages newest first by cursor, with next links that are the same URL the cache keys on", async () => {
    await seedList();
    const first = await SELF.fetch(`${BASE}/api/v1/articles?category=liebiao&limit=2`);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toContain("application/json");
    expect(first.headers.get("access-control-allow-origin")).toBe("*");
    expect(first.headers.get("etag")).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first.headers.get("last-modified")).toBe("Wed, 05 Jun 2024 02:00:00 GMT");
    const page1 = (await first.json()) as ListBody;
    expect(page1.articles.map((a) => a.infoCode)).toEqual(["LA202406050000000001", "LA202406030000000001"]);
    expect(page1.articles[0]?.publishedAt).toBe("2024-06-05T10:00:00+08:00");
    expect(page1.next).toBe(`${BASE}/api/v1/articles?category=liebiao&cursor=${encodeURIComponent(page1.nextCursor ?? "")}&limit=2`);
    const page2 = (await (await SELF.fetch(page1.next ?? "")).json()) as ListBody;
    expect(page2.articles.map((a) => a.infoCode)).toEqual(["LA202406010000000001"]);
    expect(page2.next).toBeNull();
  });

  it("filters by tag, and by tag within a category", async () => {
    await seedList();
    const tagged = (await (await SELF.fetch(`${BASE}/api/v1/articles?tag=${encodeURIComponent("接口标签")}`)).json()) as ListBody;
    expect(tagged.articles.map((a) => a.infoCode).sort()).toEqual(["LA202406010000000001", "LA202406020000000001", "LA202406030000000001"]);
    const both = (await (await SELF.fetch(`${BASE}/api/v1/articles?tag=${encodeURIComponent("接口标签")}&category=qita`)).json()) as ListBody;
    expect(both.articles.map((a) => a.infoCode)).toEqual(["LA202406020000000001"]);
  });

  it.each([
    ["limit=0", 400],
    ["limit=51", 400],
    ["limit=abc", 400],
    ["cursor=nope", 400],
    ["category=Not%20A%20Slug", 400],
    ["category=nosuchcategory", 404],
    [`tag=${encodeURIComponent("没有这个标签")}`, 404],
    ["cursor=1.1", 404],
  ])("answers %s with a problem+json %i that CORS clients can read", async (query, status) => {
    await seedList();
    const res = await SELF.fetch(`${BASE}/api/v1/articles?${query}`, { headers: { Origin: "https://partner.example" } });
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await res.json()) as { status: number; title: string };
    expect(body.status).toBe(status);
  });

  it("shows a new article on the next request: writes purge the list", async () => {
    await seedList();
    const before = (await (await SELF.fetch(`${BASE}/api/v1/articles?category=liebiao`)).json()) as ListBody;
    const res = await SELF.fetch(`${BASE}/api/v1/admin/import`, {
      method: "POST",
      headers: { ...AUTH, "Content-Type": "text/markdown" },
      body: makePost({ title: "列表新文章", infoCode: "LA202406090000000001", date: "2024-06-09 10:00:00 +0800", category: "liebiao", categoryName: "列表" }),
    });
    expect(res.status).toBe(200);
    const after = (await (await SELF.fetch(`${BASE}/api/v1/articles?category=liebiao`)).json()) as ListBody;
    expect(after.articles[0]?.infoCode).toBe("LA202406090000000001");
    expect(after.articles.length).toBe(before.articles.length + 1);
    const categories = (await (await SELF.fetch(`${BASE}/api/v1/categories`)).json()) as { categories: { slug: string }[] };
    expect(categories.categories.map((c) => c.slug)).toContain("liebiao");
  });
});

describe("GET /api/v1/categories", () => {
  it("lists every category with its page, API list and feeds", async () => {
    await seedList();
    const res = await SELF.fetch(`${BASE}/api/v1/categories`);
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await res.json()) as { categories: { slug: string; name: string; url: string; articles: string; feeds: { rss: string } }[] };
    const liebiao = body.categories.find((c) => c.slug === "liebiao");
    expect(liebiao).toEqual({
      slug: "liebiao",
      name: "列表",
      url: `${BASE}/category/liebiao.html`,
      articles: `${BASE}/api/v1/articles?category=liebiao`,
      feeds: { rss: `${BASE}/category/liebiao/feed.xml`, atom: `${BASE}/category/liebiao/atom.xml`, json: `${BASE}/category/liebiao/feed.json` },
    });
  });
});
