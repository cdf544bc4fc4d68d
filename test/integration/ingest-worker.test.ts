/**
 * The ingest Worker behind the INGEST service binding. The first block goes through the real
 * binding: the auxiliary worker the test pool runs is the bundle `wrangler deploy` builds from
 * wrangler.ingest.toml. The second block injects faults: a Proxy around the real binding (a
 * mock only there, to make it throw, vanish or answer outside the contract) and checks that
 * the client gets a 503 with Retry-After as problem+json, and that nothing was written.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext, SELF, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import fixture from "../fixtures/2022-04-28-NW202204282363815497.md?raw";
import { createApp } from "../../src/app";
import type { Bindings } from "../../src/env";
import { parsePost } from "../../src/ingest/parse-post";
import { SANITIZER_VERSION } from "../../src/ingest/sanitize";
import { logsOfEachTest } from "../support/logs";
import { makePost } from "../support/seed";

const BASE = "https://news.example.com";
const AUTH = { Authorization: "Bearer test-admin-token-current" };
const JSON_AUTH = { ...AUTH, "Content-Type": "application/json" };

type Ingest = Bindings["INGEST"];
type Method = "parsePosts" | "parseArticle" | "version";

/** The real binding, except that the chosen method's n-th call does what `fault` says. */
function faultyIngest(real: Ingest, method: Method, fault: (call: number, forward: () => Promise<unknown>) => Promise<unknown> | null): Ingest {
  let calls = 0;
  return new Proxy(real, {
    get(target, prop) {
      const value = Reflect.get(target, prop) as unknown;
      if (prop !== method || typeof value !== "function") return typeof value === "function" ? value.bind(target) : value;
      return (...args: unknown[]) => {
        const forward = () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        return fault(++calls, forward) ?? forward();
      };
    },
  });
}

const lost = () => Promise.reject(new Error("Network connection lost."));

async function call(ingest: Ingest | undefined, path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  // `undefined` stands for a deployment without the binding, which the type cannot express.
  const res = await createApp().fetch(new Request(`${BASE}${path}`, init), { ...env, INGEST: ingest as Ingest }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

async function expectUnavailable(res: Response): Promise<void> {
  expect(res.status).toBe(503);
  expect(res.headers.get("retry-after")).toBe("5");
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const problem = (await res.json()) as { code: string; detail: string; requestId: string };
  expect(problem.code).toBe("service_unavailable");
  expect(problem.detail).toMatch(/nothing was written/);
  // What went wrong inside stays in the log.
  expect(problem.detail).not.toMatch(/Network connection lost|contract/);
  expect(problem.requestId).toEqual(expect.any(String));
}

const rowCount = async (like: string) =>
  (await env.DB.prepare("SELECT COUNT(*) AS n FROM articles WHERE title LIKE ?").bind(like).first<{ n: number }>())?.n;

const jsonArticle = (title: string, updated: string) => ({
  title,
  date: "2024-07-01 10:00:00 +0800",
  updated,
  body: `<p>${title}的正文。</p>`,
  category: { slug: "caijing", name: "财经要闻" },
});

describe("the ingest Worker, through the real INGEST binding", () => {
  it("parses a post exactly as the parser does in-process, sanitizer version included", async () => {
    const [outcome] = await env.INGEST.parsePosts({ inputs: [{ text: fixture }] });
    expect(outcome).toEqual({ ok: true, post: await parsePost(fixture) });
    expect(await env.INGEST.version()).toEqual({ sanitizerVersion: SANITIZER_VERSION });
  });

  it("turns a bad post into a rejection with its line, and refuses a request outside the contract", async () => {
    const [outcome] = await env.INGEST.parsePosts({ inputs: [{ text: "---\ntitle: x\n---\nbody\n" }] });
    expect(outcome).toMatchObject({ ok: false, rejection: { field: "date", line: 1, reason: expect.stringMatching(/date/) } });
    const wrong = { inputs: [{ body: "no text field" }] } as unknown as Parameters<Ingest["parsePosts"]>[0];
    // Awaited in a try: an RPC promise is a thenable that vitest's `rejects` would leave unobserved.
    let refused: unknown;
    try {
      await env.INGEST.parsePosts(wrong);
    } catch (err) {
      refused = err;
    }
    expect(String(refused)).toMatch(/does not match the contract/);
  });

  it("serves the seed post imported through the main Worker", async () => {
    const res = await SELF.fetch(`${BASE}/api/v1/admin/import`, { method: "POST", headers: { ...AUTH, "Content-Type": "text/markdown" }, body: fixture });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { results: { outcome: string }[] }).results[0]?.outcome).toMatch(/created|unchanged/);
    const page = await SELF.fetch(`${BASE}/a/NW202204282363815497`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<title>${(await parsePost(fixture)).title}`);
  });
});

describe("ingest Worker faults (injected: a Proxy stands in for the binding only here)", () => {
  const logs = logsOfEachTest();

  it("answers 503 with Retry-After when the ingest Worker throws, and writes nothing", async () => {
    const posts = [makePost({ title: "摄取故障一", infoCode: "NW202407010000000001" })];
    const res = await call(faultyIngest(env.INGEST, "parsePosts", lost), "/api/v1/admin/import", { method: "POST", headers: JSON_AUTH, body: JSON.stringify({ posts }) });
    await expectUnavailable(res);
    expect(await rowCount("摄取故障一%")).toBe(0);
    expect(logs().named("ingest_unavailable")).toEqual([expect.objectContaining({ call: "parsePosts", error: expect.stringContaining("Network connection lost") })]);
    // The same request again, with the ingest Worker back, lands.
    const retry = await call(env.INGEST, "/api/v1/admin/import", { method: "POST", headers: JSON_AUTH, body: JSON.stringify({ posts }) });
    expect(retry.status).toBe(200);
    expect(await rowCount("摄取故障一%")).toBe(1);
  });

  it("writes none of a large import when one of its chunks fails, even after others were parsed", async () => {
    // 150 posts are two calls to the ingest Worker (100 a call); the second fails.
    const posts = Array.from({ length: 150 }, (_, i) => makePost({ title: `摄取分块${i}`, infoCode: `NW202407020000${String(i).padStart(6, "0")}` }));
    const ingest = faultyIngest(env.INGEST, "parsePosts", (n) => (n === 2 ? lost() : null));
    await expectUnavailable(await call(ingest, "/api/v1/admin/import", { method: "POST", headers: JSON_AUTH, body: JSON.stringify({ posts }) }));
    expect(await rowCount("摄取分块%")).toBe(0);
  });

  it("keeps the stored version when a PUT's parse fails: no half-written update, the page unchanged", async () => {
    const code = "NW202407030000000001";
    const put = (ingest: Ingest | undefined, title: string, updated: string) =>
      call(ingest, `/api/v1/admin/articles/${code}`, { method: "PUT", headers: JSON_AUTH, body: JSON.stringify(jsonArticle(title, updated)) });
    expect((await put(env.INGEST, "摄取原版", "2024-07-01 10:00:00 +0800")).status).toBe(201);
    await expectUnavailable(await put(faultyIngest(env.INGEST, "parseArticle", lost), "摄取新版", "2024-07-02 10:00:00 +0800"));
    // Not bound at all (a deployment without the [[services]] entry): the same 503.
    await expectUnavailable(await put(undefined, "摄取新版", "2024-07-02 10:00:00 +0800"));
    const row = await env.DB.prepare("SELECT title, updated_at AS updatedAt FROM articles WHERE info_code = ?").bind(code).first<{ title: string; updatedAt: number }>();
    expect(row).toEqual({ title: "摄取原版", updatedAt: Date.parse("2024-07-01T02:00:00Z") });
    expect(await (await call(env.INGEST, `/a/${code}`)).text()).toContain("摄取原版");
  });

  it("refuses an answer outside the contract (another version deployed) with the same 503", async () => {
    const posts = [makePost({ title: "摄取契约", infoCode: "NW202407040000000001" })];
    // Right shape, but a field of ParsedPost missing: as from an ingest Worker of an older version.
    const older = faultyIngest(env.INGEST, "parsePosts", async (_n, forward) => {
      const outcomes = (await forward()) as { ok: boolean; post?: Record<string, unknown> }[];
      return outcomes.map((o) => (o.post ? { ...o, post: { ...o.post, contentHash: undefined } } : o));
    });
    await expectUnavailable(await call(older, "/api/v1/admin/import", { method: "POST", headers: JSON_AUTH, body: JSON.stringify({ posts }) }));
    // One outcome short.
    const short = faultyIngest(env.INGEST, "parsePosts", async () => []);
    await expectUnavailable(await call(short, "/api/v1/admin/import", { method: "POST", headers: JSON_AUTH, body: JSON.stringify({ posts }) }));
    expect(await rowCount("摄取契约%")).toBe(0);
    expect(logs().named("ingest_unavailable")).toHaveLength(2);
  });

  it("answers 503 for resanitize when the ingest Worker cannot say its sanitizer version", async () => {
    await expectUnavailable(await call(faultyIngest(env.INGEST, "version", lost), "/api/v1/admin/resanitize", { method: "POST", headers: AUTH }));
  });
});
