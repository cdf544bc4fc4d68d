import { env } from "cloudflare:workers";
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import fixture from "../fixtures/2022-04-28-NW202204282363815497.md?raw";
import { makePost } from "../support/seed";

const TOKEN = "test-admin-token-current";

type ImportResponse = {
  summary: Record<string, number>;
  results: { index: number; name?: string; infoCode: string | null; outcome: string; reason?: string; line?: number }[];
};

async function importJson(posts: (string | { name: string; text: string })[]): Promise<ImportResponse> {
  const res = await SELF.fetch("https://news.example.com/api/v1/admin/import", {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ posts }),
  });
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toBe("no-store");
  return res.json();
}

async function row(infoCode: string) {
  return env.DB.prepare(
    "SELECT title, content_hash, updated_at, modified_at, created_at, status FROM articles WHERE info_code = ?",
  )
    .bind(infoCode)
    .first<{ title: string; content_hash: string; updated_at: number; modified_at: number; created_at: number; status: string }>();
}

async function tagsOf(infoCode: string): Promise<string[]> {
  const { results } = await env.DB.prepare(
    `SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id
     JOIN articles a ON a.id = at.article_id WHERE a.info_code = ? ORDER BY at.position`,
  )
    .bind(infoCode)
    .all<{ name: string }>();
  return results.map((r) => r.name);
}

describe("importing posts", () => {
  it("writes the real fixture with its category, tags and offset", async () => {
    const report = await importJson([fixture]);
    expect(report.results).toEqual([{ index: 0, infoCode: "NW202204282363815497", outcome: "created" }]);
    const stored = await row("NW202204282363815497");
    expect(stored?.title).toBe("中国太保聚焦主责主业 助力打赢疫情防控大战硬战");
    expect(stored?.status).toBe("published");
    expect(await tagsOf("NW202204282363815497")).toEqual(["北方网新闻"]);
    const category = await env.DB.prepare("SELECT name FROM categories WHERE slug = 'beifangwang'").first<{ name: string }>();
    expect(category?.name).toBe("北方网新闻");
    const article = await env.DB.prepare("SELECT published_at, utc_offset_min FROM articles WHERE info_code = ?")
      .bind("NW202204282363815497")
      .first<{ published_at: number; utc_offset_min: number }>();
    expect(article).toEqual({ published_at: Date.parse("2022-04-28T14:08:53+08:00"), utc_offset_min: 480 });
  });

  it("changes no row when the same post is imported again", async () => {
    const post = makePost({ title: "重复导入", infoCode: "NW202401010000000101", tags: ["养老"] });
    await importJson([post]);
    const before = await row("NW202401010000000101");
    const again = await importJson([post]);
    expect(again.results[0]?.outcome).toBe("unchanged");
    expect(await row("NW202401010000000101")).toEqual(before);
  });

  it("replaces a changed post with the same info code, tags included", async () => {
    await importJson([makePost({ title: "旧标题", infoCode: "NW202401010000000102", tags: ["旧", "共同"] })]);
    const report = await importJson([makePost({ title: "新标题", infoCode: "NW202401010000000102", tags: ["共同", "新"] })]);
    expect(report.results[0]?.outcome).toBe("updated");
    expect((await row("NW202401010000000102"))?.title).toBe("新标题");
    expect(await tagsOf("NW202401010000000102")).toEqual(["共同", "新"]);
    const count = await env.DB.prepare("SELECT COUNT(*) AS n FROM articles WHERE info_code = ?").bind("NW202401010000000102").first<{ n: number }>();
    expect(count?.n).toBe(1);
  });

  it("never lets an older version overwrite a newer one", async () => {
    const code = "NW202401010000000103";
    await importJson([makePost({ title: "较新", infoCode: code, extra: { updated: "2024-01-02 10:00:00 +0800" } })]);
    const report = await importJson([makePost({ title: "较旧", infoCode: code, extra: { updated: "2024-01-01 10:00:00 +0800" } })]);
    expect(report.results[0]?.outcome).toBe("stale");
    expect((await row(code))?.title).toBe("较新");
  });

  it("reports a broken post with its line and still imports the others", async () => {
    const broken = "---\ntitle: 坏的\ndate: 2024-01-01 09:00:00 +0800\ntags: [unclosed\n---\n<p>x</p>\n";
    const report = await importJson([
      { name: "good-1.md", text: makePost({ title: "好的一", infoCode: "NW202401010000000104" }) },
      { name: "broken.md", text: broken },
      { name: "good-2.md", text: makePost({ title: "好的二", infoCode: "NW202401010000000105" }) },
    ]);
    expect(report.results.map((r) => r.outcome)).toEqual(["created", "rejected", "created"]);
    expect(report.results[1]).toMatchObject({ index: 1, name: "broken.md", infoCode: null, line: 4 });
    expect(report.results[1]?.reason).toBeTruthy();
    expect(report.summary).toMatchObject({ created: 2, rejected: 1 });
    expect(await row("NW202401010000000104")).not.toBeNull();
    expect(await row("NW202401010000000105")).not.toBeNull();
  });

  it("rejects two different posts claiming one info code in one request", async () => {
    const code = "NW202401010000000106";
    const report = await importJson([makePost({ title: "版本甲", infoCode: code }), makePost({ title: "版本乙", infoCode: code })]);
    expect(report.results.map((r) => r.outcome)).toEqual(["created", "rejected"]);
    expect(report.results[1]?.reason).toContain("index 0");
    expect((await row(code))?.title).toBe("版本甲");
  });

  it("writes a large request in several D1 batches, each under the bound-parameter limit", async () => {
    const posts = Array.from({ length: 45 }, (_, i) =>
      makePost({ title: `批量 ${i}`, infoCode: `NW2024020100000${String(i).padStart(5, "0")}`, tags: [`标签${i % 7}`, "批量"] }),
    );
    const report = await importJson(posts);
    expect(report.summary.created).toBe(45);
    const n = await env.DB.prepare("SELECT COUNT(*) AS n FROM articles WHERE title LIKE '批量 %'").first<{ n: number }>();
    expect(n?.n).toBe(45);
    const links = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE t.name = '批量'",
    ).first<{ n: number }>();
    expect(links?.n).toBe(45);
  });

  it("accepts one post as text/markdown", async () => {
    const res = await SELF.fetch("https://news.example.com/api/v1/admin/import", {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "text/markdown; charset=utf-8" },
      body: makePost({ title: "单篇", infoCode: "NW202401010000000107" }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as ImportResponse;
    expect(body.results[0]).toMatchObject({ outcome: "created", infoCode: "NW202401010000000107" });
  });
});
