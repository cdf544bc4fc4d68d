import { env } from "cloudflare:workers";
import { createExecutionContext, SELF, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { SEARCH_SQL } from "../../src/db/search-index";
import { makePost, seedPosts } from "../support/seed";

const BASE = "https://news.example.com";
const AUTH = { Authorization: "Bearer test-admin-token-current" };
const app = createApp();

type Result = { infoCode: string; title: string; snippet: string; highlights: { title: [number, number][]; snippet: [number, number][] } };
type SearchBody = { query: string; page: number; results: Result[]; next: string | null };

// The app without the edge cache: seeding writes D1 directly, which purges nothing.
async function get(path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${BASE}${path}`, init), env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

async function search(q: string, page?: number): Promise<SearchBody> {
  const res = await get(`/api/v1/search?q=${encodeURIComponent(q)}${page ? `&page=${page}` : ""}`);
  expect(res.status).toBe(200);
  return (await res.json()) as SearchBody;
}

const CORPUS = {
  pensionTitle: { infoCode: "SR202403010000000001", title: "个人养老金制度落地", date: "2024-03-01 09:00:00 +0800", body: "<p>个人账户开立在即，银行与基金争相布局。</p>" },
  pensionBody: { infoCode: "SR202405010000000002", title: "银行理财新规发布", date: "2024-05-01 09:00:00 +0800", body: "<p>多家银行推出养老理财产品，期限更长。</p>" },
  pensionOld: { infoCode: "SR202301010000000003", title: "社区养老服务中心扩容", date: "2023-01-01 09:00:00 +0800", body: "<p>嵌入式服务覆盖更多街道。</p>" },
  cpic: { infoCode: "SR202402010000000004", title: "中国太保发布年报", date: "2024-02-01 09:00:00 +0800", body: "<p>太保寿险新业务价值回升，疫情防控期间线上服务保持畅通。</p>" },
  pacific: { infoCode: "SR202406010000000005", title: "太平洋保险推出新产品", date: "2024-06-01 09:00:00 +0800", body: "<p>太平洋保险旗下公司推出新的健康险。</p>" },
  epidemic: { infoCode: "SR202205010000000006", title: "疫情防控常态化下的港口", date: "2022-05-01 09:00:00 +0800", body: "<p>港口生产逐步恢复。</p>" },
  inflation: { infoCode: "SR202406100000000007", title: "Inflation cools in May", date: "2024-06-10 09:00:00 +0800", body: "<p>Consumer inflation eased for a second month, analysts said.</p>" },
  etfTitle: { infoCode: "SR202407010000000008", title: "A股ETF规模创新高", date: "2024-07-01 09:00:00 +0800", body: "<p>今年以来资金持续净流入。</p>" },
  hkEtf: { infoCode: "SR202407020000000009", title: "港股通标的调整", date: "2024-07-02 09:00:00 +0800", body: "<p>港股 ETF 成交活跃，股市情绪回暖。</p>" },
  etfBody: { infoCode: "SR202407030000000010", title: "市场观察", date: "2024-07-03 09:00:00 +0800", body: "<p>外资加仓A股，宽基ETF获增持。</p>" },
} as const;
const MINE = new Set<string>(Object.values(CORPUS).map((p) => p.infoCode));
const code = (k: keyof typeof CORPUS) => CORPUS[k].infoCode;

/** Result codes from this file's corpus, in order (other files' rows, if any, are ignored). */
async function codes(q: string): Promise<string[]> {
  return (await search(q)).results.map((r) => r.infoCode).filter((c) => MINE.has(c));
}

beforeAll(async () => {
  await seedPosts(...Object.values(CORPUS).map((p) => makePost(p)));
});

describe("GET /api/v1/search ranking", () => {
  it.each([
    ["养老", ["pensionTitle", "pensionOld", "pensionBody"]],
    ["太保", ["cpic"]],
    ["疫情防控", ["epidemic", "cpic"]],
    ["inflation", ["inflation"]],
    ["INFLATION", ["inflation"]],
    ["A股 ETF", ["etfTitle", "etfBody"]],
    ["A股", ["etfTitle", "etfBody"]],
    ["ETF", ["etfTitle", "etfBody", "hkEtf"]],
    ["养", ["pensionTitle", "pensionOld", "pensionBody"]],
    ["太保 疫情防控", ["cpic"]],
  ] as const)("%s → title matches first, then newest", async (q, expected) => {
    expect(await codes(q)).toEqual(expected.map(code));
  });

  it("returns highlights as offsets into the title and snippet", async () => {
    const body = await search("养老");
    const first = body.results[0];
    expect(first?.title).toBe("个人养老金制度落地");
    expect(first?.highlights.title.map(([s, e]) => first.title.slice(s, e))).toEqual(["养老"]);
    const third = body.results.find((r) => r.infoCode === code("pensionBody"));
    expect(third?.highlights.snippet.map(([s, e]) => third.snippet.slice(s, e))).toEqual(["养老"]);
    expect(body).toMatchObject({ query: "养老", page: 1, next: null });
  });
});

describe("user syntax is text, never an error", () => {
  it.each([
    ['"养老', ["pensionTitle", "pensionOld", "pensionBody"]],
    ['太保"', ["cpic"]],
    ["养老*", ["pensionTitle", "pensionOld", "pensionBody"]],
    ["-养老", ["pensionTitle", "pensionOld", "pensionBody"]],
    ["养老 -太保", []],
    ["NEAR(养老 太保)", []],
    ["NEAR", []],
    ['"疫情" "防控"', ["epidemic", "cpic"]],
    ["疫情 AND", []],
    ["title:太保", []],
    ["inflation OR 养老", []],
  ] as const)("%s", async (q, expected) => {
    expect(await codes(q)).toEqual(expected.map(code));
  });

  it.each(['"', "*", '"*"', "-", "()", "^:"])("%j has nothing to search: 400 problem, not 500", async (q) => {
    const res = await get(`/api/v1/search?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(((await res.json()) as { code: string }).code).toBe("bad_request");
  });

  it.each([
    ["q too long", `q=${"养".repeat(101)}`],
    ["q missing", ""],
    ["too many words", `q=${encodeURIComponent("a b c d e f g h i")}`],
    ["page 0", "q=养老&page=0"],
    ["page 51", "q=养老&page=51"],
    ["page not a number", "q=养老&page=2x"],
  ])("%s: 400 problem+json", async (_label, query) => {
    const res = await get(`/api/v1/search?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.headers.get("cache-tag")).toBeNull();
  });

  it("plans every query on the FTS index and primary keys, never a table scan", async () => {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${SEARCH_SQL}`).bind('"养老"', 'title : ("养老")', 11, 0).all<{ detail: string }>();
    const details = results.map((r) => r.detail);
    expect(details.some((d) => /VIRTUAL TABLE INDEX/.test(d))).toBe(true);
    // The only scans: the FTS index itself and the page of ranked rows (the co-routine r).
    expect(details.filter((d) => d.startsWith("SCAN ") && !/^SCAN (search_fts VIRTUAL TABLE INDEX|r$)/.test(d))).toEqual([]);
    expect(details.filter((d) => d.startsWith("SEARCH ")).every((d) => /USING INTEGER PRIMARY KEY/.test(d))).toBe(true);
  });
});

describe("GET /search page", () => {
  it("shows results with <mark> highlights, escaped, tagged for the edge cache", async () => {
    const res = await get(`/search?q=${encodeURIComponent("养老")}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=UTF-8");
    expect(res.headers.get("cache-tag")).toBe("list:search");
    const html = await res.text();
    expect(html).toContain("个人<mark>养老</mark>金制度落地");
    expect(html).toContain('name="robots" content="noindex, follow"');
    expect(html).toContain(`href="/a/${code("pensionTitle")}"`);
  });

  it("shows the empty state without a query, and a no-results state", async () => {
    const empty = await get("/search");
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain("输入关键词搜索文章");
    const none = await get(`/search?q=${encodeURIComponent("不存在的词组")}`);
    expect(none.status).toBe(200);
    expect(await none.text()).toContain("没有找到与“不存在的词组”相关的文章");
  });

  it("answers a too-long query with a 400 page that says why, and escapes the query", async () => {
    const long = await get(`/search?q=${"养".repeat(101)}`);
    expect(long.status).toBe(400);
    expect(await long.text()).toContain("搜索词太长了");
    const xss = await get(`/search?q=${encodeURIComponent('<script>alert(1)</script>"养老')}`);
    const html = await xss.text();
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toContain("&lt;script&gt;");
  });

  it("paginates ten per page with prev/next links, up to the last page", async () => {
    const posts = Array.from({ length: 23 }, (_, i) =>
      makePost({
        infoCode: `SP202401${String(i + 1).padStart(2, "0")}0000000000`,
        title: `分页测试第${i + 1}篇`,
        date: `2024-01-${String(i + 1).padStart(2, "0")} 09:00:00 +0800`,
      }),
    );
    await seedPosts(...posts);
    const pages = [await search("分页测试"), await search("分页测试", 2), await search("分页测试", 3)];
    expect(pages.map((p) => p.results.length)).toEqual([10, 10, 3]);
    expect(pages[0]?.next).toBe(`${BASE}/api/v1/search?q=${encodeURIComponent("分页测试")}&page=2`);
    expect(pages[2]?.next).toBeNull();
    const all = pages.flatMap((p) => p.results.map((r) => r.infoCode));
    expect(new Set(all).size).toBe(23);
    expect(all[0]).toBe("SP202401230000000000");
    const html = await (await get(`/search?q=${encodeURIComponent("分页测试")}&page=2`)).text();
    expect(html).toContain('rel="prev"');
    expect(html).toContain('rel="next"');
    // Past the last page: a 404 (never stored), not an empty 200 under yet another key.
    const past = await get(`/api/v1/search?q=${encodeURIComponent("分页测试")}&page=4`);
    expect(past.status).toBe(404);
    expect(past.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
  });

  it("works through the whole Worker, edge cache included", async () => {
    const res = await SELF.fetch(`${BASE}/search?q=${encodeURIComponent("太保")}&utm_source=wechat`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("中国<mark>太保</mark>发布年报");
  });
});
