import { env } from "cloudflare:workers";
import { createExecutionContext, SELF, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import { FLUSH_AT, flushViews, pendingViewCount, siteDay } from "../../src/analytics/counter";
import worker from "../../src/index";
import { makePost, seedPosts } from "../support/seed";
import { callWorker } from "../support/worker";

const BASE = "https://news.example.com";
const AUTH = { Authorization: "Bearer test-admin-token-current" };
const SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1";
const WECHAT = "Mozilla/5.0 (iPhone) Mobile/15E148 MicroMessenger/8.0.47 NetType/WIFI Language/zh_CN";

let next = 0;
/** Storage is shared by the tests of this file: each test counts its own articles. */
async function freshArticle(): Promise<string> {
  const code = `AN2024080100000${String(++next).padStart(5, "0")}`;
  await seedPosts(makePost({ title: `分享统计测试${next}`, infoCode: code }));
  return code;
}

/**
 * Beacon requests through the whole Worker. Their waitUntil work (a flush, or a window
 * timer that a flush releases) is awaited by settle(), after the test has flushed.
 */
const contexts: ExecutionContext[] = [];
async function beacon(code: string, headers: Record<string, string> = {}, db: D1Database = env.DB): Promise<Response> {
  const ctx = createExecutionContext();
  contexts.push(ctx);
  return worker.fetch(new Request(`${BASE}/v/${code}.gif`, { headers: { "User-Agent": SAFARI, ...headers } }), { ...env, DB: db }, ctx);
}

async function settle(): Promise<void> {
  await flushViews();
  await Promise.all(contexts.splice(0).map((ctx) => waitOnExecutionContext(ctx)));
}

afterEach(settle);

async function counts(code: string): Promise<Record<string, number>> {
  const { results } = await env.DB.prepare("SELECT app, SUM(views) AS n FROM article_views WHERE info_code = ? GROUP BY app")
    .bind(code)
    .all<{ app: string; n: number }>();
  return Object.fromEntries(results.map((r) => [r.app, r.n]));
}

describe("GET /v/{infoCode}.gif", () => {
  it("counts one reader's repeats within half an hour once; other readers and articles still count", async () => {
    const [code, other] = [await freshArticle(), await freshArticle()];
    const reader = { "CF-Connecting-IP": "198.51.100.20" };
    for (let i = 0; i < 5; i++) await beacon(code, reader);
    await beacon(code, { "CF-Connecting-IP": "198.51.100.21" });
    await beacon(other, reader);
    await settle();
    expect(await counts(code)).toEqual({ direct: 2 });
    expect(await counts(other)).toEqual({ direct: 1 });
  });

  it("is not fooled by a rotating User-Agent: one address is one reader", async () => {
    const code = await freshArticle();
    const reader = { "CF-Connecting-IP": "198.51.100.30" };
    for (let i = 0; i < 10; i++) await beacon(code, { ...reader, "User-Agent": `Mozilla/5.0 (rotating ${i}) Safari/604.1` });
    await beacon(code, { ...reader, "User-Agent": WECHAT });
    await settle();
    expect(await counts(code)).toEqual({ direct: 1 });
  });

  it("counts nothing for an unpublished article", async () => {
    const code = await freshArticle();
    const del = await SELF.fetch(`${BASE}/api/v1/admin/articles/${code}`, { method: "DELETE", headers: AUTH });
    expect(del.status).toBe(200);
    await beacon(code, { "CF-Connecting-IP": "198.51.100.31" });
    await beacon(code, { "CF-Connecting-IP": "198.51.100.32", "User-Agent": WECHAT });
    await settle();
    expect(await counts(code)).toEqual({});
  });

  it("answers a 43-byte GIF that is never cached and sets no cookie", async () => {
    const code = await freshArticle();
    const res = await beacon(code);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/gif");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-cache")).toBe("BYPASS");
    expect(res.headers.get("set-cookie")).toBeNull();
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes.length).toBe(43);
    expect(new TextDecoder().decode(bytes.slice(0, 6))).toBe("GIF89a");
  });

  it("counts nothing for DNT, GPC, bots, HEAD or codes without an article", async () => {
    const code = await freshArticle();
    await beacon(code, { DNT: "1" });
    await beacon(code, { "Sec-GPC": "1" });
    await beacon(code, { "User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1)" });
    await worker.fetch(new Request(`${BASE}/v/${code}.gif`, { method: "HEAD" }), env, createExecutionContext());
    expect(pendingViewCount()).toBe(0);
    await beacon("ZZ202001010000000000");
    await settle();
    expect(await counts(code)).toEqual({});
    expect(await counts("ZZ202001010000000000")).toEqual({});
  });

  it("answers 404 for a malformed code", async () => {
    expect((await SELF.fetch(`${BASE}/v/not-a-code.gif`)).status).toBe(404);
    expect((await SELF.fetch(`${BASE}/v/NW202204282363815497.png`)).status).toBe(404);
  });
});

describe("counting", () => {
  it("adds up under 200 concurrent beacons, in a handful of D1 writes", async () => {
    const codes = [await freshArticle(), await freshArticle()];
    const sources: { headers: Record<string, string>; app: string }[] = [
      { headers: { "User-Agent": WECHAT }, app: "wechat" },
      { headers: { Referer: `${BASE}/a/x?utm_source=weibo` }, app: "weibo" },
      { headers: { Referer: `${BASE}/a/x?utm_source=telegram` }, app: "telegram" },
      { headers: { Referer: `${BASE}/a/x?fbclid=abc` }, app: "facebook" },
      { headers: {}, app: "direct" },
    ];
    let writes = 0;
    const counting = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === "prepare") {
          return (sql: string) => {
            if (/INSERT INTO article_views/.test(sql)) writes += 1;
            return target.prepare(sql);
          };
        }
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const expected: Record<string, Record<string, number>> = { [codes[0] ?? ""]: {}, [codes[1] ?? ""]: {} };
    const requests = Array.from({ length: 200 }, (_, i) => {
      const code = codes[i % 2] ?? "";
      const source = sources[i % sources.length] ?? { headers: {}, app: "direct" };
      const tally = expected[code] ?? {};
      tally[source.app] = (tally[source.app] ?? 0) + 1;
      return beacon(code, source.headers, counting);
    });
    const responses = await Promise.all(requests);
    expect(responses.every((r) => r.status === 200)).toBe(true);
    await settle();
    for (const code of codes) expect(await counts(code)).toEqual(expected[code]);
    expect(Object.values(await counts(codes[0] ?? "")).reduce((a, b) => a + b, 0)).toBe(100);
    // 200 views: about one write per FLUSH_AT views (plus the window's own), not one per view.
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBeLessThanOrEqual(Math.ceil(200 / FLUSH_AT) + 2);
  });

  it("counts views of cached share pages, by app, from the page's tracking parameters", async () => {
    const code = await freshArticle();
    const visits = [
      { query: "?from=singlemessage&isappinstalled=0", ua: SAFARI },
      { query: "?from=timeline", ua: SAFARI },
      { query: "", ua: WECHAT },
      { query: "?utm_source=weibo&utm_medium=social", ua: SAFARI },
      { query: "?utm_source=twitter", ua: SAFARI },
      { query: "", ua: SAFARI },
    ];
    const cacheStates: string[] = [];
    for (const visit of visits) {
      const pageUrl = `${BASE}/a/${code}${visit.query}`;
      const page = await callWorker(pageUrl, { headers: { "User-Agent": visit.ua } });
      cacheStates.push(page.headers.get("x-cache") ?? "");
      const src = /class="beacon"[^>]*background-image:url\(([^)]+)\)/.exec(await page.text())?.[1];
      expect(src).toBe(`/v/${code}.gif`);
      // What a browser sends for a same-origin image under strict-origin-when-cross-origin.
      await beacon(code, { Referer: pageUrl, "User-Agent": visit.ua });
    }
    expect(cacheStates.slice(1).every((s) => s === "HIT")).toBe(true);
    await settle();
    expect(await counts(code)).toEqual({ wechat: 3, weibo: 1, x: 1, direct: 1 });
  });
});

describe("GET /api/v1/admin/stats", () => {
  async function stats(path: string, headers: Record<string, string> = AUTH): Promise<Response> {
    return callWorker(`${BASE}${path}`, { headers });
  }

  it("lists top articles by views with apps, and one article by app and day", async () => {
    const [a, b] = [await freshArticle(), await freshArticle()];
    for (let i = 0; i < 3; i++) await beacon(a, { "User-Agent": WECHAT });
    await beacon(a);
    await beacon(b);
    // Not flushed by the test: the stats route flushes this isolate's buffer itself.
    const top = await stats("/api/v1/admin/stats?days=1&limit=100");
    expect(top.status).toBe(200);
    expect(top.headers.get("cache-control")).toBe("no-store");
    const body = (await top.json()) as { from: string; to: string; articles: { infoCode: string; views: number; byApp: object; title: string }[] };
    const today = siteDay(Date.now());
    expect(body.to).toBe(today);
    const mine = body.articles.filter((t) => t.infoCode === a || t.infoCode === b);
    expect(mine.map((t) => [t.infoCode, t.views])).toEqual([
      [a, 4],
      [b, 1],
    ]);
    expect(mine[0]?.byApp).toEqual({ wechat: 3, direct: 1 });
    expect(mine[0]?.title).toMatch(/^分享统计测试/);
    const one = (await (await stats(`/api/v1/admin/stats/${a}?days=7`)).json()) as object;
    expect(one).toMatchObject({ infoCode: a, total: 4, byApp: { wechat: 3, direct: 1 }, byDay: [{ day: today, views: 4, byApp: { wechat: 3, direct: 1 } }] });
  });

  it.each([
    ["days=0", 400, "/api/v1/admin/stats?days=0"],
    ["days=abc", 400, "/api/v1/admin/stats?days=abc"],
    ["days=367", 400, "/api/v1/admin/stats?days=367"],
    ["a malformed code", 422, "/api/v1/admin/stats/nope"],
    ["an unknown code", 404, "/api/v1/admin/stats/ZZ202001010000000001"],
  ])("%s → %i problem", async (_label, status, path) => {
    const res = await stats(path);
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it.each([
    ["missing", 401, {}],
    ["malformed", 401, { Authorization: "Basic abc" }],
    ["wrong", 401, { Authorization: "Bearer wrong-token" }],
    ["valid", 200, AUTH],
  ])("%s token → %i", async (_label, status, headers) => {
    const code = await freshArticle();
    expect((await stats("/api/v1/admin/stats", headers)).status).toBe(status);
    expect((await stats(`/api/v1/admin/stats/${code}`, headers)).status).toBe(status);
  });
});
