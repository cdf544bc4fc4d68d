import { env } from "cloudflare:workers";
import { createExecutionContext, SELF, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { ADMIN_AUTH, BASE, importPosts, putArticle as put } from "../support/admin";
import { makePost } from "../support/seed";

const AUTH = ADMIN_AUTH;

const article = (overrides: Record<string, unknown> = {}) => ({
  title: "养老金融新规落地",
  date: "2024-05-01 10:00:00 +0800",
  body: "## 要点\n\n<p>新规<strong>明确</strong>了责任。</p>",
  category: { slug: "caijing", name: "财经要闻" },
  tags: ["养老", "政策"],
  source: "证券时报",
  ...overrides,
});


describe("PUT /api/v1/admin/articles/{infoCode}", () => {
  it("creates (201), then replaces (200), then changes nothing for the same JSON", async () => {
    const code = "NW202405010000000001";
    const created = await put(code, article());
    expect(created.status).toBe(201);
    const page = await SELF.fetch(`${BASE}/a/${code}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("养老金融新规落地");
    expect(html).toContain("<strong>明确</strong>");
    expect((await (await put(code, article({ title: "养老金融新规正式落地" }))).json()) as object).toMatchObject({
      results: [{ outcome: "updated" }],
    });
    expect((await (await put(code, article({ title: "养老金融新规正式落地" }))).json()) as object).toMatchObject({
      results: [{ outcome: "unchanged" }],
    });
  });

  it.each([
    ["an unknown field", { ...article(), extra: 1 }, ""],
    ["a missing title", { ...article(), title: undefined }, "title"],
    ["a bad date", article({ date: "yesterday" }), "date"],
    ["a bad category slug", article({ category: { slug: "Bad Slug", name: "x" } }), "category.slug"],
    ["a javascript: image", article({ image: "javascript:alert(1)" }), "image"],
  ])("answers 422 naming the field for %s", async (_label, body, field) => {
    const res = await put("NW202405010000000002", body);
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await res.json()) as { code: string; errors: { field: string }[] };
    expect(problem.code).toBe("validation_failed");
    if (field) expect(problem.errors.map((e) => e.field)).toContain(field);
    const row = await env.DB.prepare("SELECT 1 FROM articles WHERE info_code = 'NW202405010000000002'").first();
    expect(row).toBeNull();
  });

  it("answers 422 for a malformed info code in the path and 415 for a non-JSON body", async () => {
    expect((await put("nope", article())).status).toBe(422);
    const res = await SELF.fetch(`${BASE}/api/v1/admin/articles/NW202405010000000003`, {
      method: "PUT",
      headers: { ...AUTH, "Content-Type": "text/plain" },
      body: "x",
    });
    expect(res.status).toBe(415);
  });
});

describe("DELETE /api/v1/admin/articles/{infoCode}", () => {
  it("unpublishes: the page answers 410 from then on and the row is kept", async () => {
    const code = "NW202405020000000001";
    await put(code, article({ title: "即将下线" }));
    const res = await SELF.fetch(`${BASE}/api/v1/admin/articles/${code}`, { method: "DELETE", headers: AUTH });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ infoCode: code, status: "unpublished", outcome: "updated" });
    expect((await SELF.fetch(`${BASE}/a/${code}`)).status).toBe(410);
    const row = await env.DB.prepare("SELECT status, title FROM articles WHERE info_code = ?").bind(code).first();
    expect(row).toEqual({ status: "unpublished", title: "即将下线" });
    const home = await (await SELF.fetch(`${BASE}/`)).text();
    expect(home).not.toContain("即将下线");
  });

  it("answers 404 problem+json for an unknown code", async () => {
    const res = await SELF.fetch(`${BASE}/api/v1/admin/articles/NW202405020000000099`, { method: "DELETE", headers: AUTH });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });
});

describe("limits", () => {
  it("refuses a declared body over 5 MB with 413 before reading it", async () => {
    const res = await SELF.fetch(`${BASE}/api/v1/admin/import`, {
      method: "POST",
      headers: { ...AUTH, "Content-Type": "application/json", "Content-Length": String(6 * 1024 * 1024) },
      body: "{}",
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("refuses a chunked body that grows past the limit, writing nothing", async () => {
    const chunk = new TextEncoder().encode(`"${"x".repeat(1024 * 1024)}",`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"posts":['));
        if (sent++ < 7) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await SELF.fetch(`${BASE}/api/v1/admin/import`, {
      method: "POST",
      headers: { ...AUTH, "Content-Type": "application/json" },
      body,
    });
    expect(res.status).toBe(413);
  });

  it("refuses only the post over the per-post limit, with its size, and stores the others", async () => {
    const small = makePost({ title: "小", infoCode: "NW202405030000000001" });
    const huge = makePost({ title: "大", infoCode: "NW202405030000000002", body: `<p>${"很".repeat(400_000)}</p>` });
    const res = await importPosts([small, huge]);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: { outcome: string; bytes?: number; limitBytes?: number; reason?: string }[] };
    expect(body.results.map((r) => r.outcome)).toEqual(["created", "rejected"]);
    expect(body.results[1]).toMatchObject({ limitBytes: 921_600 });
    expect(body.results[1]?.bytes).toBeGreaterThan(1_200_000);
    expect(body.results[1]?.reason).toMatch(/limit is 921600 bytes/);
    expect(await env.DB.prepare("SELECT 1 FROM articles WHERE info_code = 'NW202405030000000001'").first()).not.toBeNull();
    expect(await env.DB.prepare("SELECT 1 FROM articles WHERE info_code = 'NW202405030000000002'").first()).toBeNull();
  });

  it("answers 429 with Retry-After past the rate limit", async () => {
    const app = createApp();
    const limitedEnv = { ...env, ADMIN_RATE_LIMIT: "3", ADMIN_TOKEN: "rate-limit-token" };
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) {
      const ctx = createExecutionContext();
      last = await app.fetch(
        new Request(`${BASE}/api/v1/admin/resanitize`, { method: "POST", headers: { Authorization: "Bearer rate-limit-token" } }),
        limitedEnv,
        ctx,
      );
      await waitOnExecutionContext(ctx);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(last?.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("POST /api/v1/admin/resanitize", () => {
  it("re-runs the current sanitizer over rows stored by an older version", async () => {
    const code = "NW202405040000000001";
    await put(code, article({ title: "旧版净化" }));
    // As if stored by sanitizer version 0 (whose hash differs, as the version is hashed in), which let an event handler through.
    await env.DB.prepare("UPDATE articles SET sanitizer_version = 0, content_hash = 'hash-under-v0', body_html = '<p onclick=\"x()\">旧</p>' WHERE info_code = ?").bind(code).run();
    const res = await SELF.fetch(`${BASE}/api/v1/admin/resanitize`, { method: "POST", headers: AUTH });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ sanitizerVersion: 1, remaining: 0, summary: { updated: 1 } });
    const row = await env.DB.prepare("SELECT sanitizer_version, body_html FROM articles WHERE info_code = ?").bind(code).first<{ sanitizer_version: number; body_html: string }>();
    expect(row?.sanitizer_version).toBe(1);
    expect(row?.body_html).not.toContain("onclick");
    expect(row?.body_html).toContain("<strong>明确</strong>");
  });
});
