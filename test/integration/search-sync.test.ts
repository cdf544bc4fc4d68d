/**
 * The index follows the articles: explicit writes in the article batch (imports, edits,
 * the admin PUT) and triggers (status changes, deletes), plus the reindex route.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { makePost, seedPosts } from "../support/seed";

const BASE = "https://news.example.com";
const AUTH = { Authorization: "Bearer test-admin-token-current" };
const app = createApp();

async function call(path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${BASE}${path}`, init), env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

async function found(q: string): Promise<string[]> {
  const res = await call(`/api/v1/search?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: { infoCode: string }[] }).results.map((r) => r.infoCode);
}

describe("explicit writes", () => {
  it("an edit through the importer removes the old terms and adds the new ones", async () => {
    const infoCode = "SY202402020000000001";
    await seedPosts(makePost({ infoCode, title: "蓝鲸计划启动", body: "<p>蓝鲸计划首批项目签约。</p>" }));
    expect(await found("蓝鲸")).toEqual([infoCode]);
    const [result] = await seedPosts(makePost({ infoCode, title: "白鹭计划启动", body: "<p>白鹭计划首批项目签约。</p>" }));
    expect(result?.outcome).toBe("updated");
    expect(await found("蓝鲸")).toEqual([]);
    expect(await found("白鹭计划")).toEqual([infoCode]);
  });

  it("an edit through PUT /api/v1/admin/articles does the same", async () => {
    const infoCode = "SY202402030000000002";
    const article = (title: string) => ({ title, date: "2024-02-03 10:00:00 +0800", body: `<p>${title}的正文。</p>`, category: { slug: "caijing", name: "财经要闻" } });
    const put = (title: string) =>
      call(`/api/v1/admin/articles/${infoCode}`, { method: "PUT", headers: { ...AUTH, "Content-Type": "application/json" }, body: JSON.stringify(article(title)) });
    expect((await put("火烈鸟基金成立")).status).toBe(201);
    expect(await found("火烈鸟")).toEqual([infoCode]);
    expect((await put("丹顶鹤基金成立")).status).toBe(200);
    expect(await found("火烈鸟")).toEqual([]);
    expect(await found("丹顶鹤")).toEqual([infoCode]);
  });

  it("an older version that loses the race leaves the index on the newer one", async () => {
    const infoCode = "SY202402040000000003";
    await seedPosts(makePost({ infoCode, title: "新版标题甲", date: "2024-02-04 10:00:00 +0800", extra: { updated: "2024-02-05 10:00:00 +0800" } }));
    const [stale] = await seedPosts(makePost({ infoCode, title: "旧版标题乙", date: "2024-02-04 10:00:00 +0800" }));
    expect(stale?.outcome).toBe("stale");
    expect(await found("新版标题甲")).toEqual([infoCode]);
    expect(await found("旧版标题乙")).toEqual([]);
  });
});

describe("triggers", () => {
  it("an unpublished article disappears from results, and comes back when republished", async () => {
    const infoCode = "SY202402060000000004";
    await seedPosts(makePost({ infoCode, title: "雪豹保护区扩容" }));
    expect(await found("雪豹")).toEqual([infoCode]);
    // Straight SQL: the status trigger, not the route, keeps the index in step.
    await env.DB.prepare("UPDATE articles SET status = 'unpublished' WHERE info_code = ?").bind(infoCode).run();
    expect(await found("雪豹")).toEqual([]);
    const page = await (await call(`/search?q=${encodeURIComponent("雪豹")}`)).text();
    expect(page).not.toContain(infoCode);
    await env.DB.prepare("UPDATE articles SET status = 'published' WHERE info_code = ?").bind(infoCode).run();
    expect(await found("雪豹")).toEqual([infoCode]);
  });

  it("DELETE /api/v1/admin/articles unpublishes it from search too", async () => {
    const infoCode = "SY202402070000000005";
    await seedPosts(makePost({ infoCode, title: "藏羚羊种群恢复" }));
    expect(await found("藏羚羊")).toEqual([infoCode]);
    expect((await call(`/api/v1/admin/articles/${infoCode}`, { method: "DELETE", headers: AUTH })).status).toBe(200);
    expect(await found("藏羚羊")).toEqual([]);
  });

  it("a deleted article row takes its index rows with it", async () => {
    const infoCode = "SY202402080000000006";
    await seedPosts(makePost({ infoCode, title: "白鳍豚调查报告" }));
    const row = await env.DB.prepare("SELECT id FROM articles WHERE info_code = ?").bind(infoCode).first<{ id: number }>();
    await env.DB.batch([
      env.DB.prepare("DELETE FROM article_tags WHERE article_id = ?").bind(row?.id),
      env.DB.prepare("DELETE FROM articles WHERE id = ?").bind(row?.id),
    ]);
    expect(await found("白鳍豚")).toEqual([]);
    expect(await env.DB.prepare("SELECT 1 FROM search_docs WHERE article_id = ?").bind(row?.id).first()).toBeNull();
    expect(await env.DB.prepare("SELECT rowid FROM search_fts WHERE search_fts MATCH '\"白鳍 鳍豚\"'").first()).toBeNull();
  });
});

describe("POST /api/v1/admin/search/reindex", () => {
  it("indexes articles that have no index rows (the backfill after the migration)", async () => {
    const infoCode = "SY202402090000000007";
    await seedPosts(makePost({ infoCode, title: "黑颈鹤越冬地监测" }));
    const row = await env.DB.prepare("SELECT id FROM articles WHERE info_code = ?").bind(infoCode).first<{ id: number }>();
    await env.DB.batch([
      env.DB.prepare("DELETE FROM search_fts WHERE rowid = ?").bind(row?.id),
      env.DB.prepare("DELETE FROM search_docs WHERE article_id = ?").bind(row?.id),
    ]);
    expect(await found("黑颈鹤")).toEqual([]);
    let after = 0;
    for (let guard = 0; guard < 100; guard++) {
      const res = await call(`/api/v1/admin/search/reindex?after=${after}&limit=20`, { method: "POST", headers: AUTH });
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      const body = (await res.json()) as { indexed: number; next: number | null };
      if (body.next === null) break;
      after = body.next;
    }
    expect(await found("黑颈鹤")).toEqual([infoCode]);
    // Nothing is left to do, so a second pass indexes nothing.
    const again = (await (await call("/api/v1/admin/search/reindex", { method: "POST", headers: AUTH })).json()) as { indexed: number };
    expect(again.indexed).toBe(0);
  });

  it.each([
    ["missing", undefined, 401],
    ["malformed", "Token abc", 401],
    ["wrong", "Bearer not-the-token", 401],
    ["valid", "Bearer test-admin-token-next", 200],
  ])("%s token → %i", async (_label, authorization, status) => {
    const res = await call("/api/v1/admin/search/reindex?limit=1", { method: "POST", headers: authorization ? { Authorization: authorization } : {} });
    expect(res.status).toBe(status);
  });

  it("answers 400 for a bad limit", async () => {
    expect((await call("/api/v1/admin/search/reindex?limit=500", { method: "POST", headers: AUTH })).status).toBe(400);
  });
});
