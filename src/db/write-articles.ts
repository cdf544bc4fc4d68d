/**
 * Writing parsed posts. Every post is written by the same seven statements (article, category, tags, tag links, search index), each with
 * few bound parameters (D1 allows 100 per statement), and a group of posts goes to D1 as
 * one batch: a batch is a transaction, so a post is never half-written.
 *
 * Rules (SPEC section 3): the same post again changes nothing; a changed post replaces
 * the stored one unless it is older (its `updated`, else `date`) than what is stored.
 * The rules live in the SQL itself (ON CONFLICT … WHERE), so two writers racing on one
 * info code still cannot let an older version win.
 */
import { inArray } from "drizzle-orm";
import type { Db } from "./client";
import { articles } from "./schema";
import { searchStatements } from "./search-index";
import type { ParsedPost } from "../ingest/types";

/**
 * "failed": D1 refused the batch holding this post; nothing of it was written, retry it.
 * "conflict": the stored article with this info code came from another source (another
 * site or path); nothing was replaced.
 */
export type WriteOutcome = "created" | "updated" | "unchanged" | "stale" | "failed" | "conflict";

export type WriteResult = {
  infoCode: string;
  outcome: WriteOutcome;
};

/** Posts per D1 batch: 7 statements each, so 20 posts are 140 statements in one transaction. */
export const POSTS_PER_BATCH = 20;

type Existing = { infoCode: string; contentHash: string; updatedAt: number; sourceKey: string | null };

async function loadExisting(db: Db, codes: string[]): Promise<Map<string, Existing>> {
  const found = new Map<string, Existing>();
  for (let i = 0; i < codes.length; i += 90) {
    const rows = await db
      .select({
        infoCode: articles.infoCode,
        contentHash: articles.contentHash,
        updatedAt: articles.updatedAt,
        sourceKey: articles.sourceKey,
      })
      .from(articles)
      .where(inArray(articles.infoCode, codes.slice(i, i + 90)));
    for (const row of rows) found.set(row.infoCode, row);
  }
  return found;
}

function decide(post: ParsedPost, existing: Existing | undefined): WriteOutcome {
  if (!existing) return "created";
  if (existing.sourceKey !== null && post.sourceKey !== null && existing.sourceKey !== post.sourceKey) return "conflict";
  if (existing.contentHash === post.contentHash) return "unchanged";
  if (post.updatedAt < existing.updatedAt) return "stale";
  return "updated";
}

function statementsFor(d1: D1Database, post: ParsedPost, now: number): D1PreparedStatement[] {
  const tagsJson = JSON.stringify(post.tags);
  return [
    d1.prepare(`
      INSERT INTO categories (slug, name) VALUES (?, ?)
      ON CONFLICT (slug) DO UPDATE SET name = excluded.name WHERE categories.name <> excluded.name AND ?`).bind(post.category.slug, post.category.name, post.categoryNamed ? 1 : 0),
    d1.prepare(`INSERT OR IGNORE INTO tags (name) SELECT value FROM json_each(?)`).bind(tagsJson),
    d1.prepare(`
      INSERT INTO articles (info_code, title, summary, body_html, source_text, published_at, utc_offset_min,
        updated_at, source_name, author, original_url, image_url, category_id, status, content_hash,
        sanitizer_version, created_at, modified_at, date_only, source_key)
      VALUES (?, ?, ?, ?, ?,
        ?, ?, ?, ?, ?,
        ?, ?, (SELECT id FROM categories WHERE slug = ?),
        ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (info_code) DO UPDATE SET
        title = excluded.title, summary = excluded.summary, body_html = excluded.body_html,
        source_text = excluded.source_text, published_at = excluded.published_at,
        utc_offset_min = excluded.utc_offset_min, updated_at = excluded.updated_at,
        source_name = excluded.source_name, author = excluded.author, original_url = excluded.original_url,
        image_url = excluded.image_url, category_id = excluded.category_id,
        status = CASE WHEN excluded.status = 'unpublished' THEN 'unpublished' ELSE articles.status END,
        content_hash = excluded.content_hash, sanitizer_version = excluded.sanitizer_version,
        modified_at = excluded.modified_at, date_only = excluded.date_only,
        source_key = coalesce(excluded.source_key, articles.source_key)
      WHERE excluded.content_hash <> articles.content_hash AND excluded.updated_at >= articles.updated_at
        AND (articles.source_key IS NULL OR excluded.source_key IS NULL OR articles.source_key = excluded.source_key)`).bind(post.infoCode, post.title, post.summary, post.bodyHtml, post.sourceText, post.publishedAt, post.utcOffsetMin, post.updatedAt, post.sourceName, post.author, post.originalUrl, post.imageUrl, post.category.slug, post.status, post.contentHash, post.sanitizerVersion, now, now, post.dateOnly ? 1 : 0, post.sourceKey),
    // The tag rows follow the article only when the row now holds this version.
    d1.prepare(`
      DELETE FROM article_tags WHERE article_id =
        (SELECT id FROM articles WHERE info_code = ? AND content_hash = ?)`).bind(post.infoCode, post.contentHash),
    d1.prepare(`
      INSERT INTO article_tags (article_id, tag_id, published_at, position)
      SELECT a.id, t.id, a.published_at, j.key FROM articles a
      JOIN json_each(?) j
      JOIN tags t ON t.name = j.value
      WHERE a.info_code = ? AND a.content_hash = ?`).bind(tagsJson, post.infoCode, post.contentHash),
    // The search index follows the same way, in the same transaction (src/db/search-index.ts).
    ...searchStatements(d1, post),
  ];
}

/**
 * Writes posts in batches of POSTS_PER_BATCH. Posts that would change nothing are not
 * sent at all. When D1 refuses a batch, that batch and the ones after it are reported as
 * "failed" and not attempted; batches before it stay committed. Every statement is
 * idempotent, so sending the same posts again converges to the state of a clean run.
 */
export async function writePosts(db: Db, posts: ParsedPost[], now: number): Promise<WriteResult[]> {
  const existing = await loadExisting(db, [...new Set(posts.map((p) => p.infoCode))]);
  const results: WriteResult[] = [];
  const toWrite: { post: ParsedPost; result: WriteResult }[] = [];
  for (const post of posts) {
    const result: WriteResult = { infoCode: post.infoCode, outcome: decide(post, existing.get(post.infoCode)) };
    results.push(result);
    if (result.outcome === "created" || result.outcome === "updated") {
      toWrite.push({ post, result });
      // A later copy in the same call is compared with this one, not with the old row.
      existing.set(post.infoCode, {
        infoCode: post.infoCode,
        contentHash: post.contentHash,
        updatedAt: post.updatedAt,
        sourceKey: post.sourceKey ?? existing.get(post.infoCode)?.sourceKey ?? null,
      });
    }
  }
  for (let i = 0; i < toWrite.length; i += POSTS_PER_BATCH) {
    const chunk = toWrite.slice(i, i + POSTS_PER_BATCH);
    try {
      // drizzle's batch cannot bind raw SQL statements, so the batch goes to D1 directly.
      await db.$client.batch(chunk.flatMap(({ post }) => statementsFor(db.$client, post, now)));
    } catch (err) {
      console.error(JSON.stringify({ event: "d1_batch_failed", posts: chunk.length, error: String(err) }));
      for (const pending of toWrite.slice(i)) pending.result.outcome = "failed";
      break;
    }
  }
  return results;
}
