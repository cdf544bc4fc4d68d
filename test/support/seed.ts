/**
 * Seeds real rows through the real parser and writer, so route tests read what an import
 * would have written.
 */
import { env } from "cloudflare:workers";
import { createDb } from "../../src/db/client";
import { writePosts, type WriteResult } from "../../src/db/write-articles";
import { parsePost } from "../../src/ingest/parse-post";

export async function seedPosts(...texts: string[]): Promise<WriteResult[]> {
  const posts = await Promise.all(texts.map((text) => parsePost(text)));
  return writePosts(createDb(env.DB), posts.map((post) => ({ post })), Date.UTC(2026, 10, 28));
}

export type PostFields = {
  title: string;
  date?: string;
  infoCode?: string;
  category?: string;
  /** Categories after the primary one (`category`), written as a `categories` list. */
  moreCategories?: string[];
  categoryName?: string;
  tags?: string[];
  body?: string;
  extra?: Record<string, string>;
};

/** A small post in the partner format, for tests that need many distinct articles. */
export function makePost(fields: PostFields): string {
  const lines = ["---", "layout: post", `title: ${JSON.stringify(fields.title)}`, `date: ${fields.date ?? "2024-01-01 09:00:00 +0800"}`];
  const primary = fields.category ?? "caijing";
  lines.push(`categories: ${fields.moreCategories ? JSON.stringify([primary, ...fields.moreCategories]) : primary}`);
  if (fields.tags) lines.push(`tags: ${JSON.stringify(fields.tags)}`);
  if (fields.infoCode) lines.push(`info_code: ${fields.infoCode}`);
  for (const [key, value] of Object.entries(fields.extra ?? {})) lines.push(`${key}: ${JSON.stringify(value)}`);
  lines.push("---");
  lines.push(fields.body ?? `<p>${fields.title}的正文。</p>`);
  const slug = fields.category ?? "caijing";
  lines.push("", `[返回${fields.categoryName ?? "财经要闻"}](//example.com/category/${slug}.html)｜[返回首页](//example.com/)`);
  return lines.join("\n") + "\n";
}
