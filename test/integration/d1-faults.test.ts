/**
 * D1 faults, injected: these tests wrap the real local D1 binding in a proxy that fails
 * chosen calls (a mock only where a fault must be injected), and check that writes report
 * what landed, retries converge, reads retry transient errors and "overloaded" is a 503.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { logsOfEachTest } from "../support/logs";
import { makePost } from "../support/seed";

const BASE = "https://news.example.com";
const AUTH = { Authorization: "Bearer test-admin-token-current", "Content-Type": "application/json" };

type Fault = { batch?: (call: number) => Error | null; read?: (call: number, sql: string) => Error | null };

/** A real D1 binding whose batch() and SELECTs fail when the fault plan says so. */
function faultyD1(real: D1Database, fault: Fault): D1Database {
  let batches = 0;
  let reads = 0;
  return new Proxy(real, {
    get(target, prop, receiver) {
      if (prop === "batch") {
        return async (statements: D1PreparedStatement[]) => {
          const err = fault.batch?.(++batches);
          if (err) throw err;
          return target.batch(statements);
        };
      }
      if (prop === "prepare") {
        return (sql: string) => {
          const stmt = target.prepare(sql);
          const wrap = (s: D1PreparedStatement): D1PreparedStatement =>
            new Proxy(s, {
              get(st, p) {
                if (p === "bind") return (...values: unknown[]) => wrap(st.bind(...values));
                if (p === "all" || p === "first" || p === "raw") {
                  return async (...args: unknown[]) => {
                    const err = /^\s*select/i.test(sql) ? fault.read?.(++reads, sql) : null;
                    if (err) throw err;
                    const fn = Reflect.get(st, p) as (...a: unknown[]) => Promise<unknown>;
                    return fn.apply(st, args);
                  };
                }
                const value = Reflect.get(st, p);
                return typeof value === "function" ? value.bind(st) : value;
              },
            });
          return wrap(stmt);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

const logs = logsOfEachTest();

async function call(db: D1Database, path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await createApp().fetch(new Request(`${BASE}${path}`, init), { ...env, DB: db }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const posts = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => makePost({ title: `故障${prefix}${i}`, infoCode: `NW2024060${prefix}000000${String(i).padStart(4, "0")}` }));

describe("D1 faults", () => {
  it("retries the posts of a failed batch one by one, so a one-off fault loses nothing", async () => {
    const batch = posts("1", 30); // two D1 batches of 20 and 10 posts
    const failing = faultyD1(env.DB, { batch: (n) => (n === 2 ? new Error("D1_ERROR: Network connection lost.") : null) });
    const res = await call(failing, "/api/v1/admin/import", { method: "POST", headers: AUTH, body: JSON.stringify({ posts: batch }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { summary: Record<string, number> }).summary).toMatchObject({ created: 30, failed: 0 });
    const count = await env.DB.prepare("SELECT COUNT(*) AS n FROM articles WHERE title LIKE '故障1%'").first<{ n: number }>();
    expect(count?.n).toBe(30);
  });

  it("reports what D1 could not take as failed (503), keeps what landed, and a retry converges", async () => {
    const batch = posts("3", 30);
    // Batch 1 (20 posts) lands; from then on D1 is down: the chunk and its first single retry fail.
    const failing = faultyD1(env.DB, { batch: (n) => (n >= 2 ? new Error("D1_ERROR: Network connection lost.") : null) });
    const res = await call(failing, "/api/v1/admin/import", { method: "POST", headers: AUTH, body: JSON.stringify({ posts: batch }) });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const body = (await res.json()) as { summary: Record<string, number>; results: { outcome: string }[] };
    expect(body.summary).toMatchObject({ created: 20, failed: 10 });
    expect(logs().named("d1_batch_failed")).toEqual([expect.objectContaining({ posts: 10, error: expect.stringContaining("Network connection lost") })]);
    const count = async () =>
      (await env.DB.prepare("SELECT COUNT(*) AS n FROM articles WHERE title LIKE '故障3%'").first<{ n: number }>())?.n;
    expect(await count()).toBe(20);

    const retry = await call(env.DB, "/api/v1/admin/import", { method: "POST", headers: AUTH, body: JSON.stringify({ posts: batch }) });
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as { summary: Record<string, number> }).summary).toMatchObject({ created: 10, unchanged: 20 });
    expect(await count()).toBe(30);
    const tagless = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM articles a WHERE a.title LIKE '故障3%' AND NOT EXISTS (SELECT 1 FROM categories c WHERE c.id = a.category_id)",
    ).first<{ n: number }>();
    expect(tagless?.n).toBe(0);
  });

  it("isolates a post D1 refuses for what it is: the others of its batch and later batches land", async () => {
    const batch = posts("4", 25); // batches of 20 and 5
    // The first batch fails as a whole, then its 6th post alone is "too big" (a poison post).
    const failing = faultyD1(env.DB, {
      batch: (n) => (n === 1 ? new Error("D1_ERROR: string or blob too big: SQLITE_TOOBIG") : n === 7 ? new Error("D1_ERROR: string or blob too big: SQLITE_TOOBIG") : null),
    });
    const res = await call(failing, "/api/v1/admin/import", { method: "POST", headers: AUTH, body: JSON.stringify({ posts: batch }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { summary: Record<string, number>; results: { outcome: string; reason?: string }[] };
    expect(body.summary).toMatchObject({ created: 24, rejected: 1, failed: 0 });
    expect(body.results[5]).toMatchObject({ outcome: "rejected" });
    expect(body.results[5]?.reason).toMatch(/will not help/);
  });

  it("retries a transient error on a read and serves the page", async () => {
    await call(env.DB, "/api/v1/admin/import", { method: "POST", headers: AUTH, body: JSON.stringify({ posts: posts("2", 1) }) });
    let failures = 0;
    const flaky = faultyD1(env.DB, {
      read: () => (failures++ < 2 ? new Error("D1_ERROR: Network connection lost.") : null),
    });
    const res = await call(flaky, "/a/NW202406020000000000");
    expect(res.status).toBe(200);
    expect(failures).toBeGreaterThanOrEqual(3);
  });

  it("answers 503 with Retry-After, and no D1 text, when D1 is overloaded", async () => {
    const overloaded = faultyD1(env.DB, { read: () => new Error("D1_ERROR: D1 DB is overloaded. Too many requests queued.") });
    const res = await call(overloaded, "/api/v1/admin/resanitize", { method: "POST", headers: AUTH });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const text = await res.text();
    expect(text).not.toContain("D1_ERROR");
    expect(text).not.toContain("queued");
  });

  it("never leaks a non-transient D1 error to the client", async () => {
    const broken = faultyD1(env.DB, { read: () => new Error("D1_ERROR: no such table: articles: SQLITE_ERROR") });
    const res = await call(broken, "/api/v1/admin/resanitize", { method: "POST", headers: AUTH });
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).not.toMatch(/SQLITE|no such table|D1_ERROR|at \w+ \(/);
    expect(JSON.parse(body)).toMatchObject({ code: "internal", status: 500 });
    // The cause is kept for the operator, in the log only.
    expect(logs().named("unhandled_error")).toEqual([expect.objectContaining({ error: expect.stringContaining("no such table") })]);
  });
});
