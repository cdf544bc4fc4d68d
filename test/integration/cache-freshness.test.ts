/**
 * After every kind of change, the very next GET shows it on every affected URL, and bursts
 * of concurrent readers (each its own request, as a viral share link sends them) all get
 * their page. Through SELF: the real Worker, its edge cache, D1 and Cache API.
 */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { makePost } from "../support/seed";

const BASE = "https://news.example.com";
const AUTH = { Authorization: "Bearer test-admin-token-current" };

let next = 0;
const newCode = () => `CF2024090100000${String(++next).padStart(5, "0")}`;

function importPost(text: string): Promise<Response> {
  return SELF.fetch(`${BASE}/api/v1/admin/import`, { method: "POST", headers: { ...AUTH, "Content-Type": "text/markdown" }, body: text });
}

async function get(path: string): Promise<{ status: number; cache: string | null; body: string }> {
  const res = await SELF.fetch(`${BASE}${path}`);
  return { status: res.status, cache: res.headers.get("x-cache"), body: await res.text() };
}

/** Asked twice, so a stored answer would show as a HIT on the second. */
async function getTwice(path: string) {
  await get(path);
  return get(path);
}

describe("a missing page is purged when what it misses appears", () => {
  it("404 on the share page, legacy URL, embed card, category and tag pages, then created", async () => {
    const code = newCode();
    const category = `fresh${next}`;
    const tag = `新标签${next}`;
    const urls = [
      `/a/${code}`,
      `/html_News/NewsShare.html?infoCode=${code}`,
      `/embed/${code}`,
      `/category/${category}.html`,
      `/category/${category}/feed.xml`,
      `/tag/${encodeURIComponent(tag)}.html`,
    ];
    for (const url of urls) {
      const before = await getTwice(url);
      expect(before.status, url).toBe(404);
      expect(before.cache, url).toBe("HIT"); // the 404 itself is cached, with the tag of what it misses
    }
    expect((await importPost(makePost({ title: "新建的文章", infoCode: code, category, tags: [tag] }))).status).toBe(200);
    for (const url of urls) {
      const after = await get(url);
      expect(after.status, url).toBe(200);
      expect(after.body, url).toContain("新建的文章");
    }
  });

  it("410 after a takedown, then 200 on the very next request after republishing", async () => {
    const code = newCode();
    const put = (status: "published" | "unpublished", version: number) =>
      SELF.fetch(`${BASE}/api/v1/admin/articles/${code}`, {
        method: "PUT",
        headers: { ...AUTH, "Content-Type": "application/json" },
        body: JSON.stringify({
          title: "撤下又恢复",
          date: "2024-09-01 09:00:00 +0800",
          updated: `2024-09-0${version} 09:00:00 +0800`,
          body: "<p>正文</p>",
          category: { slug: "republish", name: "恢复" },
          status,
        }),
      });
    expect((await put("published", 1)).status).toBeLessThan(300);
    expect((await getTwice(`/a/${code}`)).status).toBe(200);
    expect((await SELF.fetch(`${BASE}/api/v1/admin/articles/${code}`, { method: "DELETE", headers: AUTH })).status).toBe(200);
    for (const url of [`/a/${code}`, `/embed/${code}`]) {
      const gone = await getTwice(url);
      expect(gone.status, url).toBe(410);
      expect(gone.cache, url).toBe("HIT");
    }
    expect((await put("published", 2)).status).toBeLessThan(300);
    for (const url of [`/a/${code}`, `/embed/${code}`]) expect((await get(url)).status, url).toBe(200);
  });
});

describe("a write purges what it changed, before and after", () => {
  it("an import that moves an article and drops a tag updates the old category page, its feeds and the old tag page", async () => {
    const code = newCode();
    const post = (category: string, tags: string[], day: number) =>
      makePost({ title: "迁移栏目的文章", infoCode: code, category, tags, extra: { updated: `2024-01-0${day} 09:00:00 +0800` } });
    await importPost(post("movefrom", ["丢弃的标签", "保留的标签"], 2));
    const old = ["/category/movefrom.html", "/category/movefrom/feed.xml", "/category/movefrom/feed.json", `/tag/${encodeURIComponent("丢弃的标签")}.html`];
    for (const url of old) {
      const cached = await getTwice(url);
      expect(cached.cache, url).toBe("HIT");
      expect(cached.body, url).toContain("迁移栏目的文章");
    }
    expect((await importPost(post("moveto", ["保留的标签"], 3))).status).toBe(200);
    for (const url of old) expect((await get(url)).body, url).not.toContain("迁移栏目的文章");
    for (const url of ["/category/moveto.html", `/tag/${encodeURIComponent("保留的标签")}.html`, `/a/${code}`]) {
      expect((await get(url)).body, url).toContain("迁移栏目的文章");
    }
  });
});

describe("secondary categories: adding or removing one shows on the next GET", () => {
  const pages = (slug: string) => [`/category/${slug}.html`, `/category/${slug}/feed.xml`, `/category/${slug}/atom.xml`, `/category/${slug}/feed.json`];
  const post = (code: string, more: string[], day: number) =>
    makePost({ title: "副栏目变化的文章", infoCode: code, category: "secprime", moreCategories: more, extra: { updated: `2024-02-0${day} 09:00:00 +0800` } });

  it("a category added or dropped as a secondary one updates its cached page and feeds", async () => {
    const code = newCode();
    // secjoin exists (another article) and its pages are cached before the article joins it.
    await importPost(makePost({ title: "别的文章", infoCode: newCode(), category: "secjoin" }));
    await importPost(post(code, ["secleave"], 1));
    for (const url of [...pages("secjoin"), ...pages("secleave")]) {
      const cached = await getTwice(url);
      expect(cached.cache, url).toBe("HIT");
      expect(cached.body.includes("副栏目变化的文章"), url).toBe(url.includes("secleave"));
    }
    expect((await importPost(post(code, ["secjoin"], 2))).status).toBe(200);
    for (const url of pages("secjoin")) expect((await get(url)).body, url).toContain("副栏目变化的文章");
    for (const url of pages("secleave")) expect((await get(url)).body, url).not.toContain("副栏目变化的文章");
  });

  it("concurrent readers of the secondary category's page and feed during the change all get 200 and end on it", async () => {
    const code = newCode();
    await importPost(post(code, [], 1));
    await importPost(makePost({ title: "并发栏目的旧文", infoCode: newCode(), category: "secburst" }));
    for (const url of pages("secburst")) expect((await getTwice(url)).cache, url).toBe("HIT");
    const reads = Array.from({ length: 30 }, (_, i) => SELF.fetch(`${BASE}${pages("secburst")[i % 4]}`).then((r) => r.status));
    const write = importPost(post(code, ["secburst"], 2));
    const statuses = await Promise.all(reads);
    expect((await write).status).toBe(200);
    expect(statuses.every((s) => s === 200)).toBe(true);
    // The first readers after the write, all at once: every one sees the article.
    const after = await Promise.all(Array.from({ length: 20 }, (_, i) => get(pages("secburst")[i % 4] ?? "")));
    for (const res of after) expect(res.body).toContain("副栏目变化的文章");
    // And dropping it again: gone from all of them on the next GETs.
    expect((await importPost(post(code, [], 3))).status).toBe(200);
    const dropped = await Promise.all(Array.from({ length: 20 }, (_, i) => get(pages("secburst")[i % 4] ?? "")));
    for (const res of dropped) expect(res.body).not.toContain("副栏目变化的文章");
  });

  it("a takedown purges every category the article was listed under", async () => {
    const code = newCode();
    await importPost(post(code, ["secgone"], 1));
    for (const url of pages("secgone")) expect((await getTwice(url)).body, url).toContain("副栏目变化的文章");
    expect((await SELF.fetch(`${BASE}/api/v1/admin/articles/${code}`, { method: "DELETE", headers: AUTH })).status).toBe(200);
    for (const url of pages("secgone")) expect((await get(url)).body, url).not.toContain("副栏目变化的文章");
  });
});

describe("concurrent readers", () => {
  it("50 concurrent GETs of one cold page: all 200, one render", async () => {
    const code = newCode();
    await importPost(makePost({ title: "爆款文章", infoCode: code, category: "viral" }));
    const responses = await Promise.all(Array.from({ length: 50 }, () => SELF.fetch(`${BASE}/a/${code}?utm_source=${Math.random()}`)));
    const bodies = await Promise.all(responses.map((r) => r.text()));
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));
    expect(new Set(bodies).size).toBe(1);
    // Each MISS is one render (one D1 read); the others waited for it in memory.
    expect(responses.filter((r) => r.headers.get("x-cache") === "MISS").length).toBeLessThanOrEqual(2);
  });

  it("50 concurrent GETs of 50 different cold pages: all 200 with their own content", async () => {
    const codes = Array.from({ length: 50 }, newCode);
    const posts = codes.map((code) => makePost({ title: `冷门${code}`, infoCode: code, category: "coldmany" }));
    const res = await SELF.fetch(`${BASE}/api/v1/admin/import`, { method: "POST", headers: { ...AUTH, "Content-Type": "application/json" }, body: JSON.stringify({ posts }) });
    expect(res.status).toBe(200);
    const responses = await Promise.all(codes.map((code) => SELF.fetch(`${BASE}/a/${code}`)));
    const bodies = await Promise.all(responses.map((r) => r.text()));
    expect(responses.map((r) => r.status)).toEqual(codes.map(() => 200));
    bodies.forEach((body, i) => expect(body).toContain(`冷门${codes[i]}`));
  });

  it("a burst of reads while the article is edited ends on the last edit", async () => {
    const code = newCode();
    await importPost(makePost({ title: "编辑中 v0", infoCode: code, category: "burstedit" }));
    const reads = Array.from({ length: 40 }, () => SELF.fetch(`${BASE}/a/${code}`).then((r) => r.status));
    const edits = [1, 2, 3].map((v) => importPost(makePost({ title: `编辑中 v${v}`, infoCode: code, category: "burstedit", extra: { updated: `2024-01-0${v + 1} 09:00:00 +0800` } })));
    const statuses = await Promise.all(reads);
    await Promise.all(edits);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect((await get(`/a/${code}`)).body).toContain("编辑中 v3");
  });
});

describe("the key space is bounded", () => {
  it("answers a made-up cursor and a page past the end with a 404 that is never stored", async () => {
    await importPost(makePost({ title: "有文章的栏目", infoCode: newCode(), category: "bounded" }));
    for (const url of ["/?before=1.1", "/category/bounded.html?before=99.99999", "/category/bounded.html?before=1.1", "/feed.xml?before=5.5", "/search?q=%E4%B8%8D%E5%AD%98%E5%9C%A8&page=7"]) {
      const again = await getTwice(url);
      expect(again.status, url).toBe(404);
      expect(again.cache, url).toBe("MISS");
    }
  });
});
