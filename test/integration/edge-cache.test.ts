import { env } from "cloudflare:workers";
import { createExecutionContext, SELF, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { PAGE } from "../../src/cache/policy";
import { CacheTags } from "../../src/cache/tags";
import { BASE, isolate } from "../support/edge";
import { logsOfEachTest } from "../support/logs";
import { makePost, seedPosts } from "../support/seed";
import { callWorker, countingD1, failingD1, recordingD1, type Counter } from "../support/worker";

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
  it("serves the second request from the cache without reading an article", async () => {
    const code = await freshArticle();
    const counter: Counter = { reads: 0 };
    const first = await callWorker(`${BASE}/a/${code}`, {}, countingD1(env.DB, counter));
    expect(first.headers.get("x-cache")).toBe("MISS");
    expect(counter.reads).toBeGreaterThan(0);
    counter.reads = 0;
    const second = await callWorker(`${BASE}/a/${code}`, {}, countingD1(env.DB, counter));
    expect(second.headers.get("x-cache")).toBe("HIT");
    expect(counter.reads).toBe(0); // at most the once-a-second purge sync, which countingD1 leaves out
    expect(await second.text()).toBe(await first.text());
    expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(second.headers.get("cache-control")).toBe("public, max-age=60");
  });

  it("renders a cold key once for 50 concurrent requests, each with its own context", async () => {
    const code = await freshArticle();
    let renders = 0;
    const worker = isolate({ wrap: (render) => (req, e, c) => { renders += 1; return render(req, e, c); } });
    const contexts = Array.from({ length: 50 }, () => createExecutionContext());
    const responses = await Promise.all(contexts.map((ctx) => worker.handler(new Request(`${BASE}/a/${code}`), env, ctx)));
    await Promise.all(contexts.map((ctx) => waitOnExecutionContext(ctx)));
    const bodies = new Set(await Promise.all(responses.map((r) => r.text())));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(bodies.size).toBe(1);
    expect(renders).toBe(1); // the others waited for its page in memory, with timers of their own
    expect(responses.filter((r) => r.headers.get("x-cache") === "MISS")).toHaveLength(1);
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
    // (An unknown page path, /no/such/page, may be a partner's old Jekyll URL: test/integration/old-urls.test.ts.)
    ["an unknown path", "GET", "/no/such/file.php", {}],
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
    const worker = isolate({ now: () => clock });
    expect((await worker.get(`/a/${code}`)).res.headers.get("x-cache")).toBe("MISS");
    clock += (PAGE.softTtl + PAGE.staleWhileRevalidate + 10) * 1000;
    const stale = await worker.get(`/a/${code}`, {}, { ...env, DB: failingD1(env.DB) });
    expect(stale.res.status).toBe(200);
    expect(stale.res.headers.get("x-cache")).toBe("STALE");
    expect(stale.body).toContain("仍可读取");
    expect(logs().named("unhandled_error").length).toBeGreaterThanOrEqual(1);
  });

  it("serves a stale copy at once past the soft TTL and refreshes it in the background", async () => {
    const code = await freshArticle("旧内容");
    let clock = Date.now();
    const worker = isolate({ now: () => clock });
    await worker.get(`/a/${code}`);
    await env.DB.prepare("UPDATE articles SET title = '新内容' WHERE info_code = ?").bind(code).run();
    clock += (PAGE.softTtl + 1) * 1000;
    const stale = await worker.get(`/a/${code}`);
    expect(stale.res.headers.get("x-cache")).toBe("STALE");
    expect(stale.body).toContain("旧内容");
    const refreshed = await worker.get(`/a/${code}`);
    expect(refreshed.res.headers.get("x-cache")).toBe("HIT");
    expect(refreshed.body).toContain("新内容");
  });

  it("purges by writing one row per tag, and the purged page is a miss", async () => {
    const code = await freshArticle();
    await SELF.fetch(`${BASE}/a/${code}`);
    expect((await SELF.fetch(`${BASE}/a/${code}`)).headers.get("x-cache")).toBe("HIT");
    const worker = isolate();
    await worker.purge([CacheTags.article(code)]);
    const row = await env.DB.prepare("SELECT purged_at FROM cache_purges WHERE tag = ?").bind(`article:${code}`).first<number>("purged_at");
    expect(row).toBeGreaterThan(Date.now() - 60_000);
    // Still in the Cache API (nothing was deleted), but judged purged by this isolate.
    expect(await caches.default.match(`${BASE}/a/${code}`)).toBeDefined();
    expect((await worker.get(`/a/${code}`)).res.headers.get("x-cache")).toBe("MISS");
  });

  it("lets another isolate learn a purge from D1 within one sync interval", async () => {
    const code = `EC2024070500000${String(++next).padStart(5, "0")}`;
    const post = (title: string) => makePost({ title, infoCode: code, category: "remotepurge" });
    await seedPosts(post("远端旧版"));
    let clock = Date.now();
    const reader = isolate({ now: () => clock });
    expect((await reader.get(`/a/${code}`)).body).toContain("远端旧版");
    clock += 10;
    // The edit and its purge happen in another isolate (its own memory; the purge reaches D1).
    await seedPosts(post("远端新版"));
    await isolate({ now: () => clock }).purge([CacheTags.article(code)]);
    expect((await reader.get(`/a/${code}`)).body).toContain("远端旧版"); // not synced yet: at most a second behind
    clock += 1_100;
    await reader.get(`/a/${code}`); // its sync runs in the background of this request
    const fresh = await reader.get(`/a/${code}`);
    expect(fresh.res.headers.get("x-cache")).toBe("MISS");
    expect(fresh.body).toContain("远端新版");
  });

  it("costs a write the same whatever the number of cached variants", async () => {
    const code = await freshArticle("变体");
    const worker = isolate();
    for (let i = 0; i < 40; i++) await worker.get(`/search?q=${encodeURIComponent(`变体${i}`)}`);
    const counter: Counter = { reads: 0 };
    const statements: string[] = [];
    const observed = recordingD1(env.DB, statements);
    const { LocalPurger } = await import("../../src/cache/purge");
    await new LocalPurger(countingD1(observed, counter), worker.state).purgeTags([CacheTags.article(code), CacheTags.search]);
    expect(counter.reads).toBe(0);
    expect(statements).toHaveLength(2); // one upsert of the tags, one prune: no walk of the variants
    for (let i = 0; i < 3; i++) {
      expect((await worker.get(`/search?q=${encodeURIComponent(`变体${i}`)}`)).res.headers.get("x-cache")).toBe("MISS");
    }
  });

  it("stores a miss in the Cache API before answering it, so the next isolate's reader gets a HIT", async () => {
    const code = await freshArticle("先存后答");
    const worker = isolate();
    const ctx = createExecutionContext();
    const res = await worker.handler(new Request(`${BASE}/a/${code}`), env, ctx);
    expect(res.headers.get("x-cache")).toBe("MISS");
    // Before this request's waitUntil is awaited: the copy is there already.
    expect(await caches.default.match(`${BASE}/a/${code}`)).toBeDefined();
    expect((await isolate().get(`/a/${code}`)).res.headers.get("x-cache")).toBe("HIT");
    await waitOnExecutionContext(ctx);
  });

  it("sheds Cache API puts past MAX_PUTS_IN_FLIGHT instead of queueing them, and answers every miss, waiting at most PUT_WAIT_MS for a put", async () => {
    const { MAX_PUTS_IN_FLIGHT } = await import("../../src/cache/edge-cache");
    const codes = await Promise.all(Array.from({ length: MAX_PUTS_IN_FLIGHT + 8 }, () => freshArticle("卸载写入")));
    // Fault injection: a Cache API whose puts hang until the test lets them go (a slow cache).
    let release = () => {};
    const slow = new Promise<void>((resolve) => (release = resolve));
    let puts = 0;
    const slowCache = () =>
      new Proxy(caches.default, {
        get(target, prop) {
          if (prop === "put") return async (key: string, res: Response) => (puts++, await slow, target.put(key, res));
          const value = Reflect.get(target, prop);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
    const worker = isolate({ cache: slowCache });
    const contexts = codes.map(() => createExecutionContext());
    const responses = await Promise.all(codes.map((code, i) => worker.handler(new Request(`${BASE}/a/${code}`), env, contexts[i] as ExecutionContext)));
    expect(responses.map((r) => r.status)).toEqual(codes.map(() => 200));
    expect(puts).toBe(MAX_PUTS_IN_FLIGHT);
    // Shed pages are still held in memory for the next second's readers.
    for (const code of codes) expect(worker.state.hot.get(`${BASE}/a/${code}`, Date.now())).toBeDefined();
    release();
    await Promise.all(contexts.map((ctx) => waitOnExecutionContext(ctx)));
  });

  describe("a render overtaken by a purge", () => {
    /** Fault injection: the first render is held after reading D1, until the test lets it go (a slow render). */
    function heldFirstRender() {
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let calls = 0;
      const worker = isolate({
        wrap: (render) => async (req, e, c) => {
          const res = await render(req, e, c);
          if (++calls === 1) await held;
          return res;
        },
      });
      return { worker, release };
    }

    it("is answered but not stored, and requests after the purge render again", async () => {
      const code = `EC2024070400000${String(++next).padStart(5, "0")}`;
      const post = (title: string) => makePost({ title, infoCode: code, category: "overtaken" });
      await seedPosts(post("被超越的旧版"));
      const { worker, release } = heldFirstRender();
      const ctx = createExecutionContext();
      const early = worker.handler(new Request(`${BASE}/a/${code}`), env, ctx);
      await new Promise((resolve) => setTimeout(resolve, 50)); // the held render has read D1

      await seedPosts(post("写入后的新版"));
      await worker.purge([CacheTags.article(code)]);
      release();
      expect(await (await early).text()).toContain("被超越的旧版"); // it asked before the write
      await waitOnExecutionContext(ctx);
      const late = await worker.get(`/a/${code}`);
      expect(late.body).toContain("写入后的新版");
      const after = await worker.get(`/a/${code}`);
      expect(after.res.headers.get("x-cache")).toBe("HIT");
      expect(after.body).toContain("写入后的新版");
    });

    it("is still stored when the purge was for other pages", async () => {
      const code = await freshArticle("无关清除");
      const { worker, release } = heldFirstRender();
      const ctx = createExecutionContext();
      const early = worker.handler(new Request(`${BASE}/a/${code}`), env, ctx);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await worker.purge([CacheTags.article("XX000000000000000000")]);
      release();
      expect((await early).headers.get("x-cache")).toBe("MISS");
      await waitOnExecutionContext(ctx);
      expect(worker.state.hot.get(`${BASE}/a/${code}`, Date.now())).toBeDefined();
      expect(await caches.default.match(`${BASE}/a/${code}`)).toBeDefined();
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
