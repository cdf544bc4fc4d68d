/**
 * Every refusal names the field, the rule and the fix; nothing a client can send makes the
 * API answer a 503 that a retry cannot fix, or show a runtime message. Through the whole
 * Worker (SELF) and the real ingest Worker behind its binding.
 */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { prng } from "../../scripts/lib/fuzz-posts";
import { ADMIN_AUTH, BASE, importPosts, putArticle } from "../support/admin";

const article = (overrides: Record<string, unknown> = {}) => ({
  title: "养老金融新规落地",
  date: "2024-05-01 10:00:00 +0800",
  body: "新规明确了责任。",
  category: { slug: "caijing", name: "财经要闻" },
  ...overrides,
});

type Problem = { status: number; code: string; detail: string; errors?: { field: string; message: string }[]; results?: { outcome: string; reason?: string }[] };

function postRaw(path: string, method: string, body: string): Promise<Response> {
  return SELF.fetch(`${BASE}${path}`, { method, headers: { ...ADMIN_AUTH, "Content-Type": "application/json" }, body });
}

/** What no refusal may say: zod/mini's bare default, or anything of the runtime's. */
const UNHELPFUL = /^Invalid input$|call stack|internal parser error|TypeError|RangeError|at \w+ \(/i;

function expectHelpful(problem: Problem): void {
  expect(problem.detail).not.toMatch(UNHELPFUL);
  for (const e of problem.errors ?? []) {
    expect(e.field).toMatch(/\S/);
    expect(e.message).not.toMatch(UNHELPFUL);
  }
}

describe("PUT refusals name the field, the rule and the fix", () => {
  it.each([
    ["an unknown key", article({ colour: "red" }), "colour", /not a known field; remove it/],
    ["10,000 tags", article({ tags: Array.from({ length: 10_000 }, (_, i) => `t${i}`) }), "tags", /at most 20 items are allowed \(got 10000 items\); send fewer/],
    ["a date in words", article({ date: "yesterday" }), "date", /must be a date like 2022-04-28 14:08:53 \+0800/],
    ["an unknown status", article({ status: "deleted" }), "status", /must be one of "published", "unpublished" \(got "deleted"\)/],
    ["a title of the wrong type", article({ title: 42 }), "title", /must be text \(a JSON string\) \(got a number\)/],
    ["a missing category", { ...article(), category: undefined }, "category", /is required: add it as an object/],
    ["a category slug in capitals", article({ category: { slug: "CaiJing", name: "财经" } }), "category.slug", /lower-case letters/],
  ])("%s", async (_what, body, field, message) => {
    const res = await putArticle("NW202405010000000101", body);
    expect(res.status).toBe(422);
    expect(res.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as Problem;
    expectHelpful(problem);
    expect(problem.errors?.[0]?.field).toBe(field);
    expect(problem.errors?.[0]?.message).toMatch(message);
    expect(problem.detail).toContain(field);
  });

  it("names `__proto__` as the unknown key, and stores nothing", async () => {
    const body = JSON.stringify(article()).replace(/^\{/, '{"__proto__": {"admin": true},');
    const res = await postRaw("/api/v1/admin/articles/NW202405010000000102", "PUT", body);
    expect(res.status).toBe(422);
    const problem = (await res.json()) as Problem;
    expect(problem.errors).toEqual([{ field: "__proto__", message: expect.stringMatching(/not a known field; remove it/) as unknown }]);
    expect((await SELF.fetch(`${BASE}/a/NW202405010000000102`)).status).toBe(404);
  });
});

describe("import refusals", () => {
  it("an invalid site timezone is one 422 naming site.timezone, not a parser error per post", async () => {
    const res = await postRaw("/api/v1/admin/import", "POST", JSON.stringify({ posts: ["---\ntitle: x\ndate: 2024-01-01\n---\nbody\n"], site: { timezone: "Mars/Olympus_Mons" } }));
    expect(res.status).toBe(422);
    const problem = (await res.json()) as Problem;
    expectHelpful(problem);
    expect(problem.errors?.[0]).toEqual({ field: "site.timezone", message: expect.stringMatching(/IANA time zone name such as Asia\/Shanghai/) as unknown });
  });

  it("a site object nested 5,000 deep is a 422 that says where, never a 503", async () => {
    let deep = '"leaf"';
    for (let i = 0; i < 5000; i++) deep = `{"a":${deep}}`;
    const body = `{"posts":["---\\ntitle: x\\n---\\nbody\\n"],"site":{"defaults":[{"scope":{"path":""},"values":${deep}}]}}`;
    const res = await postRaw("/api/v1/admin/import", "POST", body);
    expect(res.status).toBe(422);
    expect(res.headers.get("Retry-After")).toBeNull();
    const problem = (await res.json()) as Problem;
    expectHelpful(problem);
    expect(problem.detail).toMatch(/nests 500\d levels deep \(at site\.defaults\.0\.values\.a\.a\.a.*\); at most 64 are allowed\. Flatten/);
  });

  it("front matter nested 1,000 deep is that post's rejection with a reason, its neighbour lands", async () => {
    const deep = `${"[".repeat(1000)}1${"]".repeat(1000)}`;
    const res = await importPosts([`---\ntitle: deep\ndate: 2024-05-02 10:00:00 +0800\nextra: ${deep}\n---\nbody\n`, "---\ntitle: fine\ndate: 2024-05-02 11:00:00 +0800\ncategories: caijing\n---\nbody\n"]);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Problem;
    expect(body.results?.[1]?.outcome).toBe("created");
    const first = body.results?.[0];
    expect(first?.outcome).toBe("rejected");
    expect(first?.reason).toMatch(/^Front matter on line 4 nests lists or maps hundreds of levels deep, more than can be read; flatten it\.$/);
  });

  it("posts whose answers together exceed one RPC answer's budget all land, in several calls", async () => {
    // Each post is 240,000 `&` in an HTML block: 1.2 MB of HTML once escaped, about 2.9 MB
    // counted in an answer, so the ingest Worker answers two and defers two to a second call.
    const posts = Array.from({ length: 4 }, (_, i) => `---\ntitle: "Ampersands ${i}"\ndate: 2024-05-03 10:0${i}:00 +0800\ncategories: caijing\n---\n<p>${"&".repeat(240_000)}</p>\n`);
    const res = await importPosts(posts);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { summary: Record<string, number> };
    expect(body.summary).toMatchObject({ created: 4, failed: 0, rejected: 0 });
  }, 60_000);
});

const ODD_VALUES: unknown[] = [null, true, 0, -1, 1e308, "", " ", "x".repeat(5000), [], [1, "a"], {}, { a: { b: { c: 1 } } }, "2024-13-45", "javascript:alert(1)", "<script>", Array.from({ length: 300 }, () => "t")];
const KEYS = ["title", "date", "updated", "body", "category", "tags", "description", "source", "author", "originalUrl", "image", "lang", "status", "__proto__", "constructor", "Title", "extra"];

describe("envelope fuzz: no refusal without a field and a reason, no 5xx", () => {
  it("PUT bodies and import envelopes with wrong keys, types, huge and deep values", async () => {
    const rand = prng(20261208);
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
    for (let i = 0; i < 60; i++) {
      const body: Record<string, unknown> = article();
      for (let e = 0; e < 1 + Math.floor(rand() * 3); e++) {
        const key = pick(KEYS);
        if (rand() < 0.2) delete body[key];
        else body[key] = pick(ODD_VALUES);
      }
      const asImport = rand() < 0.4;
      const res = asImport
        ? await postRaw("/api/v1/admin/import", "POST", JSON.stringify({ posts: rand() < 0.5 ? [JSON.stringify(body)] : [body], ...(rand() < 0.5 ? { site: { [pick(KEYS)]: pick(ODD_VALUES) } } : {}) }))
        : await postRaw(`/api/v1/admin/articles/NW2024050100000${String(1000 + i).padStart(5, "0")}`, "PUT", JSON.stringify(body));
      expect(res.status, `case ${i}`).toBeLessThan(500);
      if (res.status >= 400) {
        const problem = (await res.json()) as Problem;
        expectHelpful(problem);
        expect(problem.errors ?? [{ field: "(detail)", message: problem.detail }], `case ${i}`).not.toHaveLength(0);
      } else {
        const report = (await res.json()) as Problem;
        for (const r of report.results ?? []) if (r.outcome === "rejected") expect(r.reason ?? "", `case ${i}`).not.toMatch(UNHELPFUL);
      }
    }
  });
});
