/// <reference types="vite/types/importMeta.d.ts" />
/**
 * The sample corpus (content/posts), imported as `npm start` does, searched through the
 * API, and compared with an oracle that knows nothing of tokens: plain substring tests
 * for Chinese, whole-word tests for English, ranked title-first then newest. The corpus
 * may grow; the oracle follows it.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { createDb } from "../../src/db/client";
import { writePosts } from "../../src/db/write-articles";
import { htmlToText } from "../../src/lib/html-text";
import { parsePost } from "../../src/ingest/parse-post";
import type { ParsedPost } from "../../src/db/types";

const files = import.meta.glob<string>("../../content/posts/*.md", { query: "?raw", import: "default", eager: true });
const app = createApp();

type Doc = { id: number; infoCode: string; title: string; summary: string; body: string; publishedAt: number };

let docs: Doc[] = [];

beforeAll(async () => {
  const posts: ParsedPost[] = [];
  for (const text of Object.values(files)) {
    try {
      posts.push(await parsePost(text));
    } catch {
      // A post the parser refuses is not searchable either; the import tests cover it.
    }
  }
  await writePosts(createDb(env.DB), posts.map((post) => ({ post })), Date.UTC(2026, 10, 28));
  const codes = new Set(posts.map((p) => p.infoCode));
  const { results } = await env.DB.prepare(
    "SELECT id, info_code, title, summary, body_html, published_at FROM articles WHERE status = 'published'",
  ).all<{ id: number; info_code: string; title: string; summary: string; body_html: string; published_at: number }>();
  docs = results
    .filter((r) => codes.has(r.info_code))
    .map((r) => ({ id: r.id, infoCode: r.info_code, title: r.title, summary: r.summary, body: htmlToText(r.body_html), publishedAt: r.published_at }));
});

/** Does one query word occur in the string, by the plain reading of the word? */
function occurs(word: string, s: string): boolean {
  if (/^[a-z0-9]+$/i.test(word)) return new RegExp(`(?<![a-z0-9])${word}(?![a-z0-9])`, "i").test(s);
  const mixed = /^([a-z0-9]+)(\p{sc=Han}+)$/iu.exec(word);
  if (mixed) return new RegExp(`(?<![a-z0-9])${mixed[1]}[^\\p{L}\\p{N}]*${mixed[2]}`, "iu").test(s);
  return s.includes(word);
}

function expected(query: string): string[] {
  const words = query.split(" ");
  const inTitle = (d: Doc) => words.every((w) => occurs(w, d.title));
  return docs
    .filter((d) => words.every((w) => occurs(w, d.title) || occurs(w, d.summary) || occurs(w, d.body)))
    .sort((a, b) => Number(inTitle(b)) - Number(inTitle(a)) || b.publishedAt - a.publishedAt || b.id - a.id)
    .map((d) => d.infoCode);
}

async function searchAll(query: string): Promise<string[]> {
  const mine = new Set(docs.map((d) => d.infoCode));
  const out: string[] = [];
  for (let page = 1; page <= 50; page++) {
    const ctx = createExecutionContext();
    const res = await app.fetch(new Request(`https://news.example.com/api/v1/search?q=${encodeURIComponent(query)}&page=${page}`), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: { infoCode: string }[]; next: string | null };
    out.push(...body.results.map((r) => r.infoCode).filter((c) => mine.has(c)));
    if (!body.next) break;
  }
  return out;
}

describe("search over the sample corpus", () => {
  it("has the corpus loaded", () => {
    expect(docs.length).toBeGreaterThan(10);
  });

  it.each(["养老", "太保", "疫情防控", "inflation", "A股", "A股 ETF", "ETF", "养", "保险 养老"])("%s", async (query) => {
    const want = expected(query);
    expect(want.length).toBeGreaterThan(0);
    expect(await searchAll(query)).toEqual(want);
  });
});
