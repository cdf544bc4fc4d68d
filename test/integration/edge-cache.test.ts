import { env } from "cloudflare:workers";
import { createExecutionContext, SELF, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { withEdgeCache } from "../../src/cache/edge-cache";
import { HotPages } from "../../src/cache/hot-pages";
import { LocalPurger } from "../../src/cache/purge";
import { PAGE } from "../../src/cache/policy";
import { logsOfEachTest } from "../support/logs";
import { makePost, seedPosts } from "../support/seed";
import { callWorker, countingD1, failingD1, type Counter } from "../support/worker";

const INDEX_INSERT = /^INSERT OR IGNORE INTO cache_entries/;

/** Observes the real D1: records how many index rows each tag-index INSERT carries. */
function observingWrites(db: D1Database, writes: number[]): D1Database {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") {
        return (sql: string) => {
          const stmt = target.prepare(sql);
          if (!INDEX_INSERT.test(sql)) return stmt;
          return { bind: (json: string) => { writes.push((JSON.parse(json) as unknown[]).length); return stmt.bind(json); } };
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Fault injection: the tag-index INSERT fails as an unreachable D1 would; everything else is real. */
function failingIndexWrites(db: D1Database): D1Database {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") {
        return (sql: string) => {
          if (INDEX_INSERT.test(sql)) throw new Error("D1_ERROR: Network connection lost.");
          return target.prepare(sql);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

const BASE = "https://news.example.com";
const AUTH = { Authorization: "Bearer test-admin-token-current" };
// Some tests fail D1 on purpose; their log lines are read from here, not printed.
const logs = logsOfEachTest();

let next = 0;
/** A fresh article per test: storage and cache are shared by the tests of this file. */
async function freshArticle(title = "边缘缓存测试"): Promise<string> {
  const code = `EC2024070100000${String(++next).padStart(5, "0")}`;
  await seedPosts(makePost({ title, infoCode: code, category: `cache${next}` }));
  return code;
}

describe("edge cache", () => {
  it("serves the second request from the cache without touching D1", async () => {
    const code = await freshArticle();
    const counter: Counter = { reads: 0 };
    const first = await callWorker(`${BASE}/a/${code}`, {}, countingD1(env.DB, counter));
    expect(first.headers.get("x-cache")).toBe("MISS");
    expect(counter.reads).toBeGreaterThan(0);
    counter.reads = 0;
    const second = await callWorker(`${BASE}/a/${code}`, {}, countingD1(env.DB, counter));
    expect(second.headers.get("x-cache")).toBe("HIT");
    expect(counter.reads).toBe(0);
    expect(await second.text()).toBe(await first.text());
    expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(second.headers.get("cache-control")).toBe("public, max-age=60");
  });

  it("renders a cold key once for 50 concurrent requests", async () => {
    const code = await freshArticle();
    const counter: Counter = { reads: 0 };
    const ctx = createExecutionContext();
    const handler = withEdgeCache((req, e, c) => createApp().fetch(req, e, c));
    const db = countingD1(env.DB, counter);
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => handler(new Request(`${BASE}/a/${code}`), { ...env, DB: db }, ctx)),
    );
    await waitOnExecutionContext(ctx);
    const bodies = new Set(await Promise.all(responses.map((r) => r.text())));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(bodies.size).toBe(1);
    expect(counter.reads).toBe(1); // the article read; the tag index write is not a read
  });

  it("answers tracking parameters and the legacy URL from the same entry", async () => {
    const code = await freshArticle();
    const first = await SELF.fetch(`${BASE}/a/${code}`);
    const etag = first.headers.get("etag");
    for (const path of [
      `/a/${code}?utm_source=wechat&utm_medium=social&fbclid=abc`,
      `/a/${code}?from=timeline&isappinstalled=0`,
      `/html_News/NewsShare.html?infoCode=${code}&from=singlemessage`,
      `/a/${code.toLowerCase()}`,
    ]) {
      const res = await SELF.fetch(`${BASE}${path}`);
      expect(res.headers.get("x-cache"), path).toBe("HIT");
      expect(res.headers.get("etag")).toBe(etag);
    }
  });

  it("gives identical bytes and ETag whatever headers try to poison the entry", async () => {
    const code = await freshArticle();
    const poisoned = await SELF.fetch(`http://evil.example/a/${code}`, {
      headers: {
        Host: "evil.example",
        "X-Forwarded-Host": "evil.example",
        "X-Forwarded-Proto": "http",
        Cookie: "session=1",
        "Accept-Language": "en-US",
        "User-Agent": "Evil/1.0",
      },
    });
    expect(poisoned.headers.get("x-cache")).toBe("MISS");
    const body = await poisoned.text();
    expect(body).not.toContain("evil.example");
    const clean = await SELF.fetch(`${BASE}/a/${code}`);
    expect(clean.headers.get("x-cache")).toBe("HIT");
    expect(await clean.text()).toBe(body);
    expect(clean.headers.get("etag")).toBe(poisoned.headers.get("etag"));
  });

  it("shows an edited article, with a new ETag, on the very next request, and the home list too", async () => {
    const code = `EC2024070200000${String(++next).padStart(5, "0")}`;
    const post = (title: string) => makePost({ title, infoCode: code, category: "cacheedit" });
    const send = (title: string) =>
      SELF.fetch(`${BASE}/api/v1/admin/import`, { method: "POST", headers: { ...AUTH, "Content-Type": "text/markdown" }, body: post(title) });
    expect((await send("初版标题")).status).toBe(200);
    const before = await SELF.fetch(`${BASE}/a/${code}`);
    expect(await before.text()).toContain("初版标题");
    expect((await SELF.fetch(`${BASE}/a/${code}`)).headers.get("x-cache")).toBe("HIT");
    expect(await (await SELF.fetch(`${BASE}/`)).text()).toContain("初版标题");
    expect((await send("更正后的标题")).status).toBe(200);
    const after = await SELF.fetch(`${BASE}/a/${code}`);
    expect(after.headers.get("x-cache")).toBe("MISS");
    expect(await after.text()).toContain("更正后的标题");
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));
    expect(await (await SELF.fetch(`${BASE}/`)).text()).toContain("更正后的标题");
  });

  it("answers If-None-Match with 304, no body, the same ETag and Cache-Control", async () => {
    const code = await freshArticle();
    const first = await SELF.fetch(`${BASE}/a/${code}`);
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    for (const header of [etag, `W/${etag}`, `"nope", ${etag}`, "*"]) {
      const res = await SELF.fetch(`${BASE}/a/${code}`, { headers: { "If-None-Match": header } });
      expect(res.status, header).toBe(304);
      expect(await res.text()).toBe("");
      expect(res.headers.get("etag")).toBe(etag);
      expect(res.headers.get("cache-control")).toBe(first.headers.get("cache-control"));
    }
    expect((await SELF.fetch(`${BASE}/a/${code}`, { headers: { "If-None-Match": '"other"' } })).status).toBe(200);
  });

  it("answers HEAD with the GET headers and no body", async () => {
    const code = await freshArticle();
    const get = await SELF.fetch(`${BASE}/a/${code}`);
    const head = await SELF.fetch(`${BASE}/a/${code}`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    for (const name of ["etag", "cache-control", "content-type", "content-security-policy"]) {
      expect(head.headers.get(name), name).toBe(get.headers.get(name));
    }
  });

  it.each([
    ["an admin call", "POST", "/api/v1/admin/resanitize", AUTH],
    ["a health check", "GET", "/healthz", {}],
    ["an unknown path", "GET", "/no/such/page", {}],
  ])("never caches %s", async (_label, method, path, headers) => {
    for (let i = 0; i < 2; i++) {
      const res = await SELF.fetch(`${BASE}${path}`, { method, headers });
      expect(res.headers.get("x-cache")).toBe("BYPASS");
    }
  });

  it("does not cache a 5xx, and serves a stale copy when D1 fails", async () => {
    const cold = await freshArticle();
    const failed = await callWorker(`${BASE}/a/${cold}`, {}, failingD1(env.DB));
    expect(failed.status).toBe(500);
    expect(failed.headers.get("cache-control")).toBe("no-store");
    expect((await callWorker(`${BASE}/a/${cold}`)).headers.get("x-cache")).toBe("MISS");

    // A clock moved past the soft TTL and the stale-while-revalidate window: the entry is
    // expired, the render fails, the reader still gets the page.
    const code = await freshArticle("仍可读取");
    let clock = Date.now();
    const handler = withEdgeCache((req, e, c) => createApp().fetch(req, e, c), { now: () => clock });
    const first = createExecutionContext();
    expect((await handler(new Request(`${BASE}/a/${code}`), env, first)).headers.get("x-cache")).toBe("MISS");
    await waitOnExecutionContext(first); // the entry is stored off the response path
    const ctx = createExecutionContext();
    clock += (PAGE.softTtl + PAGE.staleWhileRevalidate + 10) * 1000;
    const stale = await handler(new Request(`${BASE}/a/${code}`), { ...env, DB: failingD1(env.DB) }, ctx);
    await waitOnExecutionContext(ctx);
    expect(stale.status).toBe(200);
    expect(stale.headers.get("x-cache")).toBe("STALE");
    expect(await stale.text()).toContain("仍可读取");
    expect(logs().named("unhandled_error")).toHaveLength(2);
  });

  it("serves a stale copy at once past the soft TTL and refreshes it in the background", async () => {
    const code = await freshArticle("旧内容");
    let clock = Date.now();
    const handler = withEdgeCache((req, e, c) => createApp().fetch(req, e, c), { now: () => clock });
    let ctx = createExecutionContext();
    await handler(new Request(`${BASE}/a/${code}`), env, ctx);
    await waitOnExecutionContext(ctx);
    await env.DB.prepare("UPDATE articles SET title = '新内容' WHERE info_code = ?").bind(code).run();
    clock += (PAGE.softTtl + 1) * 1000;
    ctx = createExecutionContext();
    const stale = await handler(new Request(`${BASE}/a/${code}`), env, ctx);
    expect(stale.headers.get("x-cache")).toBe("STALE");
    expect(await stale.text()).toContain("旧内容");
    await waitOnExecutionContext(ctx);
    ctx = createExecutionContext();
    const refreshed = await handler(new Request(`${BASE}/a/${code}`), env, ctx);
    expect(refreshed.headers.get("x-cache")).toBe("HIT");
    expect(await refreshed.text()).toContain("新内容");
  });

  it("records the entry under its tags and purges it by tag", async () => {
    const code = await freshArticle();
    await SELF.fetch(`${BASE}/a/${code}`);
    const ctx = createExecutionContext();
    await waitOnExecutionContext(ctx);
    const rows = await env.DB.prepare("SELECT tag FROM cache_entries WHERE key = ? ORDER BY tag").bind(`${BASE}/a/${code}`).all<{ tag: string }>();
    expect(rows.results.map((r) => r.tag)).toContain(`article:${code}`);
    const { purgerFor } = await import("../../src/cache/purge");
    await purgerFor(env).purgeTags([`article:${code}`]);
    expect(await caches.default.match(`${BASE}/a/${code}`)).toBeUndefined();
    expect((await SELF.fetch(`${BASE}/a/${code}`)).headers.get("x-cache")).toBe("MISS");
  });

  it("writes the tag index of concurrent misses in a few shared D1 writes, losing none", async () => {
    const codes = await Promise.all(Array.from({ length: 20 }, () => freshArticle("并发未命中")));
    const writes: number[] = [];
    const db = observingWrites(env.DB, writes);
    const ctx = createExecutionContext();
    const handler = withEdgeCache((req, e, c) => createApp().fetch(req, e, c));
    const responses = await Promise.all(codes.map((code) => handler(new Request(`${BASE}/a/${code}`), { ...env, DB: db }, ctx)));
    await waitOnExecutionContext(ctx);
    expect(responses.map((r) => r.headers.get("x-cache"))).toEqual(codes.map(() => "MISS"));
    const marks = codes.map(() => "?").join(",");
    const { results } = await env.DB.prepare(`SELECT tag, key FROM cache_entries WHERE tag IN (${marks}) ORDER BY key`)
      .bind(...codes.map((code) => `article:${code}`))
      .all<{ tag: string; key: string }>();
    expect(results).toEqual(codes.map((code) => ({ tag: `article:${code}`, key: `${BASE}/a/${code}` })).sort((a, b) => a.key.localeCompare(b.key)));
    // Every entry written, in fewer statements than entries: each write carries the
    // entries of the misses that finished while the one before it was under way.
    expect(writes.reduce((a, b) => a + b, 0)).toBe(20 * 2); // article: and category: tag per page
    expect(writes.length).toBeLessThan(20);
  });

  it("keeps recording after a tag-index write fails", async () => {
    const [broken, healthy] = [await freshArticle(), await freshArticle()];
    const handler = withEdgeCache((req, e, c) => createApp().fetch(req, e, c));
    const ctx = createExecutionContext();
    // Fault injection: the tag-index insert fails, reads go to the real D1.
    const first = await handler(new Request(`${BASE}/a/${broken}`), { ...env, DB: failingIndexWrites(env.DB) }, ctx);
    await waitOnExecutionContext(ctx);
    expect(first.status).toBe(200);
    const ctx2 = createExecutionContext();
    await handler(new Request(`${BASE}/a/${healthy}`), env, ctx2);
    await waitOnExecutionContext(ctx2);
    const count = (code: string) =>
      env.DB.prepare("SELECT count(*) AS n FROM cache_entries WHERE key = ?").bind(`${BASE}/a/${code}`).first<number>("n");
    expect(await count(broken)).toBe(0);
    expect(await count(healthy)).toBe(2);
    expect(logs().named("cache_store_failed")).toHaveLength(1);
  });

  describe("a render overtaken by a purge", () => {
    /** Fault injection: the first render is held after reading D1, until the test lets it go (a slow render). */
    function heldFirstRender() {
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let calls = 0;
      const app = createApp();
      const hot = new HotPages();
      const handler = withEdgeCache(
        async (req, e, c) => {
          const res = await app.fetch(req, e, c);
          if (++calls === 1) await held;
          return res;
        },
        { hot },
      );
      return { handler, hot, release };
    }

    it("is answered but not stored, and is not shared with requests after the purge", async () => {
      const code = `EC2024070400000${String(++next).padStart(5, "0")}`;
      const post = (title: string) => makePost({ title, infoCode: code, category: "overtaken" });
      await seedPosts(post("被超越的旧版"));
      const { handler, hot, release } = heldFirstRender();
      const ctx = createExecutionContext();
      const early = handler(new Request(`${BASE}/a/${code}`), env, ctx);
      await new Promise((resolve) => setTimeout(resolve, 50)); // the held render has read D1

      await seedPosts(post("写入后的新版"));
      await new LocalPurger(env.DB, caches.default, hot).purgeTags([`article:${code}`]);
      const late = await handler(new Request(`${BASE}/a/${code}`), env, ctx);
      expect(await late.text()).toContain("写入后的新版");

      release();
      expect(await (await early).text()).toContain("被超越的旧版"); // it asked before the write
      await waitOnExecutionContext(ctx);
      const after = await handler(new Request(`${BASE}/a/${code}`), env, createExecutionContext());
      expect(after.headers.get("x-cache")).toBe("HIT");
      expect(await after.text()).toContain("写入后的新版");
      expect(await (await caches.default.match(`${BASE}/a/${code}`))?.text()).toContain("写入后的新版");
    });

    it("is still stored when the purge was for other pages", async () => {
      const code = await freshArticle("无关清除");
      const { handler, hot, release } = heldFirstRender();
      const ctx = createExecutionContext();
      const early = handler(new Request(`${BASE}/a/${code}`), env, ctx);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await new LocalPurger(env.DB, caches.default, hot).purgeTags(["article:XX000000000000000000"]);
      release();
      expect((await early).headers.get("x-cache")).toBe("MISS");
      await waitOnExecutionContext(ctx);
      expect(hot.get(`${BASE}/a/${code}`, Date.now())).toBeDefined();
      expect(await caches.default.match(`${BASE}/a/${code}`)).toBeDefined();
    });

    it("is not stored when more purges came than the isolate remembers", async () => {
      const code = await freshArticle("清除太多");
      const { handler, hot, release } = heldFirstRender();
      const ctx = createExecutionContext();
      const early = handler(new Request(`${BASE}/a/${code}`), env, ctx);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const purger = new LocalPurger(env.DB, caches.default, hot);
      for (let i = 0; i < 65; i++) await purger.purgeTags([`article:XX${String(i).padStart(18, "0")}`]);
      release();
      expect((await early).status).toBe(200);
      await waitOnExecutionContext(ctx);
      expect(hot.get(`${BASE}/a/${code}`, Date.now())).toBeUndefined();
      expect(await caches.default.match(`${BASE}/a/${code}`)).toBeUndefined();
    });
  });

  it("purges a Chinese tag page when an article under that tag changes", async () => {
    const code = `EC2024070300000${String(++next).padStart(5, "0")}`;
    const tagUrl = `${BASE}/tag/${encodeURIComponent("缓存标签")}.html`;
    const send = (title: string) =>
      SELF.fetch(`${BASE}/api/v1/admin/import`, {
        method: "POST",
        headers: { ...AUTH, "Content-Type": "text/markdown" },
        body: makePost({ title, infoCode: code, tags: ["缓存标签"], category: "cachetag" }),
      });
    await send("标签页旧标题");
    expect(await (await SELF.fetch(tagUrl)).text()).toContain("标签页旧标题");
    expect((await SELF.fetch(tagUrl)).headers.get("x-cache")).toBe("HIT");
    await send("标签页新标题");
    const after = await SELF.fetch(tagUrl);
    expect(after.headers.get("x-cache")).toBe("MISS");
    expect(await after.text()).toContain("标签页新标题");
  });
});
