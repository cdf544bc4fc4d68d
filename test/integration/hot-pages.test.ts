import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { LocalPurger } from "../../src/cache/purge";
import { CacheTags } from "../../src/cache/tags";
import { BASE, isolate as edgeIsolate } from "../support/edge";
import { makePost, seedPosts } from "../support/seed";

let next = 0;

async function freshArticle(title: string): Promise<string> {
  const code = `HP2024080100000${String(++next).padStart(5, "0")}`;
  await seedPosts(makePost({ title, infoCode: code, category: `hot${next}` }));
  return code;
}

/** The real Cache API, observed: counts lookups. */
function countingCache(counts: { match: number }): () => Cache {
  return () =>
    new Proxy(caches.default, {
      get(target, prop) {
        if (prop === "match") counts.match += 1;
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
}

/** One isolate's view: the Worker's edge cache with its own micro-cache and a settable clock. */
function isolate(clock: { now: number }, counts = { match: 0 }) {
  const worker = edgeIsolate({ now: () => clock.now, cache: countingCache(counts) });
  return { ...worker, hot: worker.state.hot, get: (path: string) => worker.get(path), counts };
}

describe("hot pages in isolate memory", () => {
  it("answers a hot page from memory for one second, then asks the Cache API again", async () => {
    const code = await freshArticle("热门文章");
    const clock = { now: Date.now() };
    const worker = isolate(clock);
    const first = await worker.get(`/a/${code}`);
    expect(first.res.headers.get("x-cache")).toBe("MISS");
    expect(worker.counts.match).toBe(1);

    clock.now += 999;
    const second = await worker.get(`/a/${code}`);
    expect(second.res.headers.get("x-cache")).toBe("HIT");
    expect(worker.counts.match).toBe(1); // no Cache API lookup
    expect(second.body).toBe(first.body);
    expect(second.res.headers.get("etag")).toBe(first.res.headers.get("etag"));
    expect(second.res.headers.get("cache-control")).toBe("public, max-age=60");
    expect(second.res.headers.get("content-type")).toBe("text/html; charset=UTF-8");

    clock.now += 1;
    const third = await worker.get(`/a/${code}`);
    expect(third.res.headers.get("x-cache")).toBe("HIT");
    expect(worker.counts.match).toBe(2);
    expect(third.body).toBe(first.body);
  });

  it("answers If-None-Match and HEAD from memory like any other hit", async () => {
    const code = await freshArticle("条件请求");
    const clock = { now: Date.now() };
    const worker = isolate(clock);
    const { res } = await worker.get(`/a/${code}`);
    const etag = res.headers.get("etag") ?? "";
    const ctx = createExecutionContext();
    const handler = worker.handler;
    const notModified = await handler(new Request(`${BASE}/a/${code}`, { headers: { "If-None-Match": etag } }), env, ctx);
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe("");
    const head = await handler(new Request(`${BASE}/a/${code}`, { method: "HEAD" }), env, ctx);
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    await waitOnExecutionContext(ctx);
  });

  it("fills memory from a Cache API hit in an isolate that did not render the page", async () => {
    const code = await freshArticle("另一个隔离环境");
    const clock = { now: Date.now() };
    await isolate(clock).get(`/a/${code}`);
    const other = isolate(clock);
    const fromCacheApi = await other.get(`/a/${code}`);
    expect(fromCacheApi.res.headers.get("x-cache")).toBe("HIT");
    expect(other.counts.match).toBe(1);
    const fromMemory = await other.get(`/a/${code}`);
    expect(fromMemory.res.headers.get("x-cache")).toBe("HIT");
    expect(other.counts.match).toBe(1);
    expect(fromMemory.body).toBe(fromCacheApi.body);
  });

  it("never says HIT from memory for a page past its soft TTL", async () => {
    const code = await freshArticle("过期页面");
    const clock = { now: Date.now() };
    await isolate(clock).get(`/a/${code}`);
    // Another isolate picks the page up from the Cache API half a second before its soft TTL ends...
    const other = isolate(clock);
    clock.now += 59_500;
    expect((await other.get(`/a/${code}`)).res.headers.get("x-cache")).toBe("HIT");
    // ...and within its second in memory the page turns stale: that is judged, not served as a HIT.
    clock.now += 700;
    expect((await other.get(`/a/${code}`)).res.headers.get("x-cache")).toBe("STALE");
  });

  it("is cleared by a purge in the same isolate, by tag", async () => {
    const code = await freshArticle("清除内存");
    const clock = { now: Date.now() };
    const worker = isolate(clock);
    await worker.get(`/a/${code}`);
    expect(worker.hot.get(`${BASE}/a/${code}`, clock.now)).toBeDefined();
    await worker.purge([CacheTags.article(code)]);
    expect(worker.hot.get(`${BASE}/a/${code}`, clock.now)).toBeUndefined();
  });

  it("neither serves nor holds a Cache API copy that a purge overtook between lookup and reading", async () => {
    const code = await freshArticle("查找后清除");
    const clock = { now: Date.now() };
    await isolate(clock).get(`/a/${code}`);
    // Fault injection: the purge lands right after the lookup returned the old copy.
    let purgeRight: (() => Promise<void>) | null = null;
    const purgeAfterMatch = () =>
      new Proxy(caches.default, {
        get(target, prop) {
          if (prop === "match") {
            return async (key: string) => {
              const found = await target.match(key);
              await purgeRight?.();
              return found;
            };
          }
          const value = Reflect.get(target, prop);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
    const worker = edgeIsolate({ now: () => clock.now, cache: purgeAfterMatch });
    purgeRight = () => new LocalPurger(env.DB, worker.state, () => clock.now).purgeTags([CacheTags.article(code)]);
    const hot = worker.state.hot;
    const ctx = createExecutionContext();
    const res = await worker.handler(new Request(`${BASE}/a/${code}`), env, ctx);
    // The copy is judged after the lookup: the purge overtook it, so the page is rendered anew.
    expect(res.headers.get("x-cache")).toBe("MISS");
    await res.arrayBuffer();
    await waitOnExecutionContext(ctx);
    const held = hot.get(`${BASE}/a/${code}`, clock.now);
    expect(held && worker.state.invalidations.isCurrent(held.tags, held.storedAt)).toBe(true);
  });

  it("lets another isolate's copy lag an edit by about a second: the next request after its sync", async () => {
    const code = `HP2024080200000${String(++next).padStart(5, "0")}`;
    const post = (title: string) => makePost({ title, infoCode: code, category: "hotedit" });
    await seedPosts(post("旧标题"));
    const clock = { now: Date.now() };
    const reader = isolate(clock);
    expect((await reader.get(`/a/${code}`)).body).toContain("旧标题");

    // The edit and its purge happen in a different isolate (its own memory).
    await seedPosts(post("新标题"));
    await edgeIsolate({ now: () => clock.now }).purge([CacheTags.article(code)]);

    clock.now += 500;
    expect((await reader.get(`/a/${code}`)).body).toContain("旧标题");
    clock.now += 500;
    await reader.get(`/a/${code}`); // a second since its last sync: this request reads the purges
    const fresh = await reader.get(`/a/${code}`);
    expect(fresh.res.headers.get("x-cache")).toBe("MISS");
    expect(fresh.body).toContain("新标题");
  });

  it("gzips a held page once and answers its gzip readers with those bytes, never an older page's", async () => {
    const code = await freshArticle("压缩一次的热门文章");
    const clock = { now: Date.now() };
    const worker = isolate(clock);
    const raw = async (encoding: string) => {
      const ctx = createExecutionContext();
      const res = await worker.handler(new Request(`${BASE}/a/${code}`, { headers: { "Accept-Encoding": encoding } }), env, ctx);
      const bytes = new Uint8Array(await res.arrayBuffer());
      await waitOnExecutionContext(ctx);
      return { res, bytes };
    };
    const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    const gunzip = async (bytes: Uint8Array) => text(new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer()));
    const isGzip = (bytes: Uint8Array) => bytes[0] === 0x1f && bytes[1] === 0x8b;

    const page = text((await raw("identity")).bytes);
    const before = worker.hot.size.bytes;
    // The first gzip reader of the held page: the runtime compresses its answer on the way
    // out (inside the Worker the body is still the page), and its waitUntil makes the bytes.
    const first = await raw("gzip");
    expect(first.res.headers.get("content-encoding")).toBe("gzip");
    expect(isGzip(first.bytes)).toBe(false);
    expect(worker.hot.size.bytes).toBeGreaterThan(before);

    const readers = await Promise.all(Array.from({ length: 20 }, () => raw("gzip, deflate, br")));
    for (const { res, bytes } of readers) {
      expect(res.headers.get("x-cache")).toBe("HIT");
      expect(res.headers.get("content-encoding")).toBe("gzip");
      expect(res.headers.get("etag")).toBe(first.res.headers.get("etag"));
      expect(isGzip(bytes)).toBe(true);
      expect(await gunzip(bytes)).toBe(page);
    }
    // Readers that take no gzip still get the page itself.
    const plain = await raw("identity");
    expect(plain.res.headers.get("content-encoding")).toBeNull();
    expect(text(plain.bytes)).toBe(page);
    // A reader who ranks br first gets br (the runtime compresses it), with its own ETag.
    const br = await raw("br;q=1, gzip;q=0.5");
    expect(br.res.headers.get("content-encoding")).toBe("br");
    expect(br.res.headers.get("etag")).toMatch(/-br"$/);
    expect(isGzip(br.bytes)).toBe(false);
    for (const answer of [first, plain, br, ...readers]) expect(answer.res.headers.get("vary")).toBe("Accept-Encoding");

    // An edit: the next page is compressed anew; nobody gets the old page's bytes.
    await seedPosts(makePost({ title: "压缩一次的热门文章（更新）", infoCode: code, category: `hot${next}` }));
    await worker.purge([CacheTags.article(code)]);
    const edited = await raw("gzip");
    expect(edited.res.headers.get("x-cache")).toBe("MISS");
    expect(text(edited.bytes)).toContain("（更新）");
    await raw("gzip"); // held now; this reader's waitUntil compresses the new page
    const editedHeld = await raw("gzip");
    expect(isGzip(editedHeld.bytes)).toBe(true);
    expect(await gunzip(editedHeld.bytes)).toContain("（更新）");
  });
});

