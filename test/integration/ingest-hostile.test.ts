/**
 * Issue 13's findings against the whole Worker and a real local D1: a poison post in a
 * batch, a stale PUT after a takedown, racing first writes, control characters, invalid
 * UTF-8, and the purge of the category and tag an article leaves.
 */
import { env } from "cloudflare:workers";
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ADMIN_AUTH, BASE, importPosts, putArticle as put } from "../support/admin";
import { makePost } from "../support/seed";

const AUTH = ADMIN_AUTH;

const article = (overrides: Record<string, unknown> = {}) => ({
  title: "恶意输入测试",
  date: "2024-07-01 10:00:00 +0800",
  body: "<p>正文</p>",
  category: { slug: "caijing", name: "财经要闻" },
  tags: ["测试"],
  ...overrides,
});


const row = (code: string) =>
  env.DB.prepare("SELECT status, title, updated_at FROM articles WHERE info_code = ?").bind(code).first<{ status: string; title: string }>();

describe("a poison post in a batch", () => {
  it("is refused alone with its numbers; the others land, and the answer is not 503", async () => {
    const posts = [
      makePost({ title: "毒前", infoCode: "NW202407010000000001" }),
      makePost({ title: "毒", infoCode: "NW202407010000000002", body: `<div>\n${"&".repeat(450_000)}\n</div>` }),
      makePost({ title: "毒后", infoCode: "NW202407010000000003" }),
    ];
    const res = await importPosts(posts);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: { outcome: string; bytes?: number; limitBytes?: number; line?: number }[] };
    expect(body.results.map((r) => r.outcome)).toEqual(["created", "rejected", "created"]);
    expect(body.results[1]).toMatchObject({ limitBytes: 2_000_000 });
    expect(body.results[1]?.bytes).toBeGreaterThan(2_000_000);
    expect(await row("NW202407010000000003")).not.toBeNull();
  });

  it("is a 413 with the numbers when PUT alone", async () => {
    const res = await put("NW202407010000000004", article({ body: `<div>\n${"&".repeat(450_000)}\n</div>` }));
    expect(res.status).toBe(413);
    const problem = (await res.json()) as { limitBytes: number; bytes: number };
    expect(problem.limitBytes).toBe(2_000_000);
    expect(problem.bytes).toBeGreaterThan(2_000_000);
  });
});

describe("versioned status", () => {
  it("an older PUT never republishes what a newer one took down", async () => {
    const code = "NW202407020000000001";
    expect((await put(code, article({ updated: "2024-07-09 10:00:00 +0800", status: "unpublished", title: "v9" }))).status).toBe(201);
    const stale = await put(code, article({ updated: "2024-07-03 10:00:00 +0800", status: "published", title: "v3" }));
    expect(((await stale.json()) as { results: { outcome: string }[] }).results[0]?.outcome).toBe("stale");
    expect(await row(code)).toMatchObject({ status: "unpublished", title: "v9" });
    expect((await SELF.fetch(`${BASE}/a/${code}`)).status).toBe(410);
    // The same version again with a new status is not older: it applies.
    const again = await put(code, article({ updated: "2024-07-09 10:00:00 +0800", status: "published", title: "v9" }));
    expect(((await again.json()) as { results: { outcome: string }[] }).results[0]?.outcome).toBe("updated");
    expect(await row(code)).toMatchObject({ status: "published" });
  });

  it("concurrent first writes of one new code give exactly one created", async () => {
    const code = "NW202407020000000002";
    const responses = await Promise.all(Array.from({ length: 6 }, (_, i) => put(code, article({ title: `并发${i}` }))));
    const outcomes = await Promise.all(responses.map(async (r) => ((await r.json()) as { results: { outcome: string }[] }).results[0]?.outcome));
    expect(outcomes.filter((o) => o === "created")).toHaveLength(1);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    for (const o of outcomes) expect(["created", "updated", "unchanged", "stale"]).toContain(o);
  });
});

describe("text hygiene at the API", () => {
  it("never serves a NUL from a title", async () => {
    const code = "NW202407030000000001";
    expect((await put(code, article({ title: "标\u0000题\u001b" }))).status).toBe(201);
    expect(await row(code)).toMatchObject({ title: "标题" });
    const page = await (await SELF.fetch(`${BASE}/a/${code}`)).text();
    expect(page).toContain("<title>标题");
    expect(page).not.toMatch(/[\u0000\u001b]/);
  });

  it("answers 400 naming the byte offset for invalid UTF-8", async () => {
    const text = new TextEncoder().encode(makePost({ title: "坏字节", infoCode: "NW202407030000000002" }));
    const bytes = new Uint8Array(text.length + 2);
    bytes.set(text.subarray(0, 40));
    bytes.set([0xc3, 0x28], 40); // an invalid two-byte sequence
    bytes.set(text.subarray(40), 42);
    const res = await SELF.fetch(`${BASE}/api/v1/admin/import`, { method: "POST", headers: { ...AUTH, "Content-Type": "text/markdown" }, body: bytes });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { byteOffset: number; detail: string };
    expect(problem.byteOffset).toBe(40);
    expect(problem.detail).toContain("offset 40");
    expect(await row("NW202407030000000002")).toBeNull();
  });
});

describe("what a write purges", () => {
  it("moving an article to another category or dropping a tag updates the pages it left", async () => {
    const code = "NW202407040000000001";
    await put(code, article({ title: "搬家文章", category: { slug: "oldcat", name: "旧栏目" }, tags: ["旧标签", "留下"] }));
    const pages = [`${BASE}/category/oldcat.html`, `${BASE}/tag/${encodeURIComponent("旧标签")}.html`];
    for (const url of pages) {
      expect(await (await SELF.fetch(url)).text()).toContain("搬家文章");
      await SELF.fetch(url); // now cached
    }
    const moved = await put(code, article({ title: "搬家文章", updated: "2024-07-05 10:00:00 +0800", category: { slug: "newcat", name: "新栏目" }, tags: ["留下"] }));
    expect(moved.status).toBe(200);
    for (const url of pages) {
      const res = await SELF.fetch(url);
      expect(await res.text(), url).not.toContain("搬家文章");
    }
    expect(await (await SELF.fetch(`${BASE}/category/newcat.html`)).text()).toContain("搬家文章");
  });
});
