/**
 * Related articles under an article (src/db/related.ts), against real D1: chosen by shared
 * tags in any category and by category, then recency; never the article itself or an
 * unpublished one; bounded reads; and kept fresh by the cache tags of the article's tags.
 * Storage and the edge cache are shared by this file's tests: each uses its own tags,
 * categories and info codes.
 */
import { env } from "cloudflare:workers";
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { getArticleWithRelated } from "../../src/db/related";
import { writePosts } from "../../src/db/write-articles";
import { parsePost } from "../../src/ingest/parse-post";
import { makePost, seedPosts } from "../support/seed";
import { recordingD1 } from "../support/worker";

const ORIGIN = "https://news.example.com";
const AUTH = { Authorization: "Bearer test-admin-token-current", "Content-Type": "application/json" };

async function relatedTitles(path: string): Promise<string[]> {
  const res = await SELF.fetch(`${ORIGIN}${path}`);
  expect(res.status).toBe(200);
  const section = /<section class="related"[\s\S]*?<\/section>/.exec(await res.text())?.[0] ?? "";
  return [...section.matchAll(/<a href="\/a\/\w+">([^<]+)<\/a>/g)].map((m) => m[1] ?? "");
}

describe("related articles", () => {
  it("rank shared tags (any category) and the category, then recency; never itself, never unpublished", async () => {
    const post = (title: string, code: string, category: string, tags: string[], day: string) =>
      makePost({ title, infoCode: code, category, categoryName: category === "rel-a" ? "甲栏" : "乙栏", tags, date: `2024-06-${day} 09:00:00 +0800` });
    await seedPosts(
      post("本文", "RA202406100000000001", "rel-a", ["养老金", "社区服务"], "10"),
      post("同栏两标签", "RA202405010000000002", "rel-a", ["养老金", "社区服务"], "01"), // 2×2 + 1 = 5
      post("别栏两标签", "RA202405020000000003", "rel-b", ["社区服务", "养老金"], "02"), // 2×2 = 4
      post("同栏一标签", "RA202405030000000004", "rel-a", ["养老金"], "03"), // 2 + 1 = 3
      post("别栏一标签新", "RA202406050000000005", "rel-b", ["社区服务"], "05"), // 2
      post("别栏一标签旧", "RA202405040000000006", "rel-b", ["养老金", "别的"], "04"), // 2, older
      post("同栏无标签", "RA202406200000000007", "rel-a", ["别的"], "20"), // 1: the sixth, left out
      post("别栏无标签", "RA202406210000000008", "rel-b", ["别的"], "21"), // 0: not a candidate
    );
    const hidden = await parsePost(post("撤下的", "RA202406220000000009", "rel-b", ["养老金", "社区服务"], "22"));
    await writePosts(createDb(env.DB), [{ post: hidden, status: "unpublished" }], Date.UTC(2026, 10, 28));
    expect(await relatedTitles("/a/RA202406100000000001")).toEqual(["同栏两标签", "别栏两标签", "同栏一标签", "别栏一标签新", "别栏一标签旧"]);
    // Seen from the other category: two shared tags (4), then its own category's one-tag
    // matches (3), then the first category's (2); its category's article sharing none (1) is sixth.
    expect(await relatedTitles("/a/RA202405020000000003")).toEqual(["本文", "同栏两标签", "别栏一标签新", "别栏一标签旧", "同栏一标签"]);
  });

  it("fill up with the category's newest when no tag is shared, and list nothing for an article alone", async () => {
    await seedPosts(
      makePost({ title: "孤文", infoCode: "RB202406100000000001", category: "rel-c", tags: ["独有标签"], date: "2024-06-10 09:00:00 +0800" }),
      makePost({ title: "同栏旧", infoCode: "RB202406010000000002", category: "rel-c", date: "2024-06-01 09:00:00 +0800" }),
      makePost({ title: "同栏新", infoCode: "RB202406090000000003", category: "rel-c", date: "2024-06-09 09:00:00 +0800" }),
      makePost({ title: "独自", infoCode: "RB202406100000000004", category: "rel-d", date: "2024-06-10 09:00:00 +0800" }),
    );
    expect(await relatedTitles("/a/RB202406100000000001")).toEqual(["同栏新", "同栏旧"]);
    const found = await getArticleWithRelated(createDb(env.DB), "RB202406100000000004", 5);
    expect(found?.related).toEqual([]);
  });

  it("read a bounded number of rows however many articles share a tag", async () => {
    // 30 newer articles under one tag in other categories: only the tag's newest window are
    // candidates, so the list is those, newest first, and the statement stays on indexes.
    const many = Array.from({ length: 30 }, (_, i) =>
      makePost({ title: `热门${i}`, infoCode: `RC2024060100000000${String(i).padStart(2, "0")}`, category: `rel-e${i % 3}`, tags: ["热门标签"], date: `2024-06-01 10:${String(i).padStart(2, "0")}:00 +0800` }),
    );
    await seedPosts(makePost({ title: "主文", infoCode: "RC202405010000000099", category: "rel-f", tags: ["热门标签"], date: "2024-05-01 09:00:00 +0800" }), ...many);
    expect(await relatedTitles("/a/RC202405010000000099")).toEqual(["热门29", "热门28", "热门27", "热门26", "热门25"]);

    const statements: string[] = [];
    const recording = recordingD1(env.DB, statements);
    await getArticleWithRelated(createDb(recording), "RC202405010000000099", 5);
    expect(statements).toHaveLength(1);
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${statements[0]}`).bind("RC202405010000000099", 5).all<{ detail: string }>();
    const plan = results.map((r) => r.detail);
    expect(plan.filter((line) => /^SCAN (articles|article_tags|tags)\b/.test(line) && !/USING/.test(line))).toEqual([]);
    expect(plan).toContain("SEARCH w USING COVERING INDEX article_tags_tag_published_idx (tag_id=?)");
    expect(plan).toContain("SEARCH y USING COVERING INDEX articles_category_published_idx (category_id=? AND status=?)");
  });

  it("a cached share page shows a new article under one of its tags, from another category", async () => {
    await seedPosts(makePost({ title: "早先的文章", infoCode: "RD202406010000000001", category: "rel-g", tags: ["跨栏标签"], date: "2024-06-01 09:00:00 +0800" }));
    expect(await relatedTitles("/a/RD202406010000000001")).toEqual([]);
    const later = makePost({ title: "别栏的新文章", infoCode: "RD202406020000000002", category: "rel-h", tags: ["跨栏标签"], date: "2024-06-02 09:00:00 +0800" });
    const res = await SELF.fetch(`${ORIGIN}/api/v1/admin/import`, { method: "POST", headers: AUTH, body: JSON.stringify({ posts: [later] }) });
    expect(res.status).toBe(200);
    expect(await relatedTitles("/a/RD202406010000000001")).toEqual(["别栏的新文章"]);
  });
});
