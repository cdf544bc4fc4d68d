/**
 * Writing parsed posts. Every post is written by the same statements (categories, tags, the
 * article's old state, insert, versioned update, tag and category links, search index), each with few
 * bound parameters (D1 allows 100 per statement), and a group of posts goes to D1 as one
 * batch: a batch is a transaction, so a post is never half-written.
 *
 * Rules (SPEC section 3): the same post again changes nothing; a changed post replaces
 * the stored one unless it is older (its `updated`, else `date`) than what is stored; a
 * requested status is part of that same versioned write, so an older PUT can never
 * republish (or take down) what a newer one decided. The rules live in the SQL itself, and
 * the outcome is read from what the SQL did (RETURNING), not from the pre-read: two first
 * writes of one new code racing give one `created`.
 */
import { inArray } from "drizzle-orm";
import type { Db } from "./client";
import { isTransientD1Error } from "./resilient-d1";
import { articles } from "./schema";
import { searchStatements } from "./search-index";
import type { ParsedPost } from "./types";
import { logError } from "../lib/log";

export type ArticleStatus = "published" | "unpublished";

/**
 * "failed": D1 refused this post for a reason a retry can fix; nothing of it was written.
 * "refused": D1 refused this post for what it is (too big, a constraint); retrying the same
 * post cannot help.
 * "conflict": the stored article with this info code came from another source (another
 * site, or another path of the site); nothing was replaced.
 */
export type WriteOutcome = "created" | "updated" | "unchanged" | "stale" | "failed" | "refused" | "conflict";

/**
 * What a reader can see of an article, before and after a write: what caches must forget.
 * `categories` is every category slug, primary first: the article is listed under each.
 */
export type ArticleState = { categories: string[]; tags: string[]; status: ArticleStatus };

export type WriteResult = {
  infoCode: string;
  outcome: WriteOutcome;
  /** For created and updated: the state before (null when new) and after the write. */
  change?: { before: ArticleState | null; after: ArticleState };
  /** The write created the post's category or renamed it: the site header's channel list changed. */
  categoryChanged?: boolean;
  /** The write recorded a new old-site URL (or moved one to this article): cached 301s and 404s of such URLs are out of date. */
  oldUrlChanged?: boolean;
};

export type WriteRequest = {
  post: ParsedPost;
  /** A status to set in the same versioned write; absent keeps the stored one (new: published). */
  status?: ArticleStatus;
};

/** Posts per D1 batch: 12 statements each, so 20 posts are 240 statements in one transaction. */
export const POSTS_PER_BATCH = 20;
const STATEMENTS_PER_POST = 12;
/** Offsets in a post's statements whose results say what happened. */
const AT = { category: 0, before: 2, insert: 3, update: 4, oldUrl: 9 } as const;

type Existing = { infoCode: string; contentHash: string; updatedAt: number; status: ArticleStatus; sourceKey: string | null };

async function loadExisting(db: Db, codes: string[]): Promise<Map<string, Existing>> {
  const found = new Map<string, Existing>();
  for (let i = 0; i < codes.length; i += 90) {
    const rows = await db
      .select({
        infoCode: articles.infoCode,
        contentHash: articles.contentHash,
        updatedAt: articles.updatedAt,
        status: articles.status,
        sourceKey: articles.sourceKey,
      })
      .from(articles)
      .where(inArray(articles.infoCode, codes.slice(i, i + 90)));
    for (const row of rows) found.set(row.infoCode, row);
  }
  return found;
}

/**
 * What the pre-read says. "unchanged" and "stale" are final: they were true when read, which
 * is a moment the write could have happened at. Anything else is decided by the SQL.
 */
function preDecide(request: WriteRequest, existing: Existing | undefined): "unchanged" | "stale" | "conflict" | "write" {
  if (!existing) return "write";
  const { post, status } = request;
  if (existing.sourceKey !== null && post.sourceKey !== null && existing.sourceKey !== post.sourceKey) return "conflict";
  if (post.updatedAt < existing.updatedAt) return existing.contentHash === post.contentHash ? "unchanged" : "stale";
  const sameStatus = status === undefined || status === existing.status;
  if (existing.contentHash === post.contentHash && sameStatus) return "unchanged";
  return "write";
}

/** Every category of the post, primary first, each once. */
function categoriesOf(post: ParsedPost): { slug: string; name: string }[] {
  const rest = post.categories.filter((c) => c.slug !== post.category.slug);
  return [post.category, ...rest].map(({ slug, name }) => ({ slug, name }));
}

/** An article's state as the SQL reads it (the primary category and every linked one, its tags). */
const BEFORE_SQL = `
  SELECT a.status AS status, a.content_hash AS contentHash, c.slug AS category,
    (SELECT json_group_array(c2.slug) FROM article_categories ac JOIN categories c2 ON c2.id = ac.category_id WHERE ac.article_id = a.id) AS categories,
    (SELECT json_group_array(t.name) FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id) AS tags
  FROM articles a JOIN categories c ON c.id = a.category_id WHERE a.info_code = ?`;

function statementsFor(d1: D1Database, request: WriteRequest, now: number): D1PreparedStatement[] {
  const { post } = request;
  const status = request.status ?? null;
  const tagsJson = JSON.stringify(post.tags);
  const categories = categoriesOf(post);
  const slugsJson = JSON.stringify(categories.map((c) => c.slug));
  const statements = [
    // `WHERE true` keeps SQLite from reading ON CONFLICT as a join constraint.
    d1.prepare(`
      INSERT INTO categories (slug, name)
      SELECT json_extract(value, '$.slug'), json_extract(value, '$.name') FROM json_each(?) WHERE true
      ON CONFLICT (slug) DO UPDATE SET name = excluded.name
      WHERE categories.name <> excluded.name AND excluded.slug IN (SELECT value FROM json_each(?))`)
      // Only categories the post names itself may be renamed; one that only knows the slug never renames.
      .bind(JSON.stringify(categories), JSON.stringify(post.namedCategorySlugs)),
    d1.prepare(`INSERT OR IGNORE INTO tags (name) SELECT value FROM json_each(?)`).bind(tagsJson),
    // The state before, read inside the transaction: exact, whatever raced with the pre-read.
    d1.prepare(BEFORE_SQL).bind(post.infoCode),
    // A row comes back only when this statement created the article.
    d1.prepare(`
      INSERT INTO articles (info_code, title, summary, body_html, source_text, published_at, utc_offset_min,
        updated_at, source_name, author, original_url, image_url, category_id, status, content_hash,
        sanitizer_version, created_at, modified_at, date_only, source_key, lang)
      VALUES (?, ?, ?, ?, ?,
        ?, ?, ?, ?, ?,
        ?, ?, (SELECT id FROM categories WHERE slug = ?),
        COALESCE(?, 'published'), ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (info_code) DO NOTHING
      RETURNING id`).bind(post.infoCode, post.title, post.summary, post.bodyHtml, post.sourceText, post.publishedAt, post.utcOffsetMin, post.updatedAt, post.sourceName, post.author, post.originalUrl, post.imageUrl, post.category.slug, status, post.contentHash, post.sanitizerVersion, now, now, post.dateOnly ? 1 : 0, post.sourceKey, post.lang ?? null),
    // A row comes back only when this statement changed a stored article: not older, and
    // different in content or in the requested status. Just created above: equal, no row.
    d1.prepare(`
      UPDATE articles SET
        title = ?, summary = ?, body_html = ?, source_text = ?, published_at = ?, utc_offset_min = ?, updated_at = ?,
        source_name = ?, author = ?, original_url = ?, image_url = ?,
        category_id = (SELECT id FROM categories WHERE slug = ?), status = COALESCE(?, status),
        content_hash = ?, sanitizer_version = ?, modified_at = ?, date_only = ?, source_key = COALESCE(?, source_key), lang = ?
      WHERE info_code = ? AND updated_at <= ? AND (content_hash <> ? OR status <> COALESCE(?, status))
        AND (source_key IS NULL OR ? IS NULL OR source_key = ?)
      RETURNING id`).bind(post.title, post.summary, post.bodyHtml, post.sourceText, post.publishedAt, post.utcOffsetMin, post.updatedAt, post.sourceName, post.author, post.originalUrl, post.imageUrl, post.category.slug, status, post.contentHash, post.sanitizerVersion, now, post.dateOnly ? 1 : 0, post.sourceKey, post.lang ?? null, post.infoCode, post.updatedAt, post.contentHash, status, post.sourceKey, post.sourceKey),
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
    // The category links too, touching only what differs: a post whose categories stay the
    // same changes no link row.
    d1.prepare(`
      DELETE FROM article_categories WHERE article_id =
        (SELECT id FROM articles WHERE info_code = ? AND content_hash = ?)
        AND category_id NOT IN (SELECT c.id FROM categories c JOIN json_each(?) j ON c.slug = j.value)`).bind(post.infoCode, post.contentHash, slugsJson),
    d1.prepare(`
      INSERT INTO article_categories (article_id, category_id, published_at, position)
      SELECT a.id, c.id, a.published_at, j.key FROM articles a
      JOIN json_each(?) j
      JOIN categories c ON c.slug = j.value
      WHERE a.info_code = ? AND a.content_hash = ?
      ON CONFLICT (article_id, category_id) DO UPDATE SET published_at = excluded.published_at, position = excluded.position
      WHERE published_at <> excluded.published_at OR position <> excluded.position`).bind(slugsJson, post.infoCode, post.contentHash),
    // The post's old site URL, once the row holds this version; an earlier URL of the post is
    // kept (links to it keep working), and a URL another article had moves to this one.
    d1.prepare(`
      INSERT INTO article_urls (path, info_code)
      SELECT ?, info_code FROM articles WHERE info_code = ? AND content_hash = ? AND ? IS NOT NULL
      ON CONFLICT (path) DO UPDATE SET info_code = excluded.info_code WHERE article_urls.info_code <> excluded.info_code`).bind(post.jekyllUrl, post.infoCode, post.contentHash, post.jekyllUrl),
    // The search index follows the same way, in the same transaction (src/db/search-index.ts).
    ...searchStatements(d1, post),
  ];
  if (statements.length !== STATEMENTS_PER_POST) throw new Error("write-articles: statement count changed; update STATEMENTS_PER_POST");
  return statements;
}

type BeforeRow = { status: ArticleStatus; contentHash: string; category: string; categories: string | null; tags: string };

/** The primary category, then every linked one, each once. */
function stateOf(row: BeforeRow): ArticleState {
  const linked = row.categories ? (JSON.parse(row.categories) as string[]) : [];
  return { categories: [...new Set([row.category, ...linked])], tags: JSON.parse(row.tags) as string[], status: row.status };
}

/** The outcome the SQL reports for one post, from its slice of the batch results. */
function outcomeOf(request: WriteRequest, results: D1Result[]): WriteResult {
  const { post } = request;
  const created = (results[AT.insert]?.results.length ?? 0) > 0;
  const updated = (results[AT.update]?.results.length ?? 0) > 0;
  const beforeRow = results[AT.before]?.results[0] as BeforeRow | undefined;
  // The category upsert changes a row only when the category is new or its name changed;
  // the URL upsert only when the URL is new to this article.
  const flags = {
    ...((results[AT.category]?.meta.changes ?? 0) > 0 ? { categoryChanged: true } : {}),
    ...((results[AT.oldUrl]?.meta.changes ?? 0) > 0 ? { oldUrlChanged: true } : {}),
  };
  const before: ArticleState | null = beforeRow ? stateOf(beforeRow) : null;
  if (!created && !updated) {
    // Another writer got there first: with this very version (unchanged) or a newer one (stale).
    // No row before and none created cannot happen in one transaction; say "failed" to be safe.
    const outcome = !beforeRow ? "failed" : beforeRow.contentHash === post.contentHash ? "unchanged" : "stale";
    return { infoCode: post.infoCode, outcome, ...flags };
  }
  const after: ArticleState = {
    categories: categoriesOf(post).map((c) => c.slug),
    tags: post.tags,
    status: request.status ?? before?.status ?? "published",
  };
  return { infoCode: post.infoCode, outcome: created ? "created" : "updated", change: { before, after }, ...flags };
}

/** SQLITE_TOOBIG, constraint failures and the like: the post itself is the problem. */
function isPermanent(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return /TOOBIG|too big|constraint|SQLITE_RANGE|datatype mismatch/i.test(message) && !isTransientD1Error(err);
}

/**
 * Writes posts in batches of POSTS_PER_BATCH; posts that would change nothing are not sent.
 * When D1 refuses a batch, its posts are tried one by one, so one bad post cannot take the
 * others down: a post D1 refuses for what it is becomes "refused"; a fault a retry may fix
 * marks that post and every post not yet written "failed" (D1 is unwell; do not hammer it).
 * Every statement is idempotent, so sending the same posts again converges.
 */
export async function writePosts(db: Db, requests: WriteRequest[], now: number): Promise<WriteResult[]> {
  const existing = await loadExisting(db, [...new Set(requests.map((r) => r.post.infoCode))]);
  const results: WriteResult[] = [];
  const toWrite: { request: WriteRequest; index: number }[] = [];
  const queued = new Set<string>();
  for (const request of requests) {
    const { post } = request;
    const decided = queued.has(post.infoCode) ? "unchanged" : preDecide(request, existing.get(post.infoCode));
    results.push({ infoCode: post.infoCode, outcome: decided === "write" ? "failed" : decided });
    // A second copy of a queued post in the same call (import-service allows only equal copies) changes nothing.
    if (decided === "write") {
      toWrite.push({ request, index: results.length - 1 });
      queued.add(post.infoCode);
    }
  }
  let unwell = false;
  const send = async (chunk: typeof toWrite): Promise<void> => {
    const out = await db.$client.batch(chunk.flatMap(({ request }) => statementsFor(db.$client, request, now)));
    chunk.forEach(({ request, index }, k) => {
      results[index] = outcomeOf(request, out.slice(k * STATEMENTS_PER_POST, (k + 1) * STATEMENTS_PER_POST));
    });
  };
  for (let i = 0; i < toWrite.length && !unwell; i += POSTS_PER_BATCH) {
    const chunk = toWrite.slice(i, i + POSTS_PER_BATCH);
    try {
      await send(chunk);
    } catch (err) {
      logError("d1_batch_failed", { posts: chunk.length, error: String(err) });
      for (const one of chunk) {
        if (unwell) break;
        try {
          await send([one]);
        } catch (single) {
          const permanent = isPermanent(single);
          logError("d1_post_failed", { infoCode: one.request.post.infoCode, permanent, error: String(single) });
          if (permanent) results[one.index] = { infoCode: one.request.post.infoCode, outcome: "refused" };
          else unwell = true;
        }
      }
    }
  }
  return results;
}

/**
 * A status change without a new version (DELETE): applies to whatever version is stored,
 * reading the state before inside the same batch so the change set is exact. Returns null
 * when no article has the code.
 */
export async function writeStatus(db: Db, infoCode: string, status: ArticleStatus, now: number): Promise<WriteResult | null> {
  const d1 = db.$client;
  const [beforeOut, updateOut] = await d1.batch([
    d1.prepare(BEFORE_SQL).bind(infoCode),
    d1.prepare(`UPDATE articles SET status = ?, modified_at = ? WHERE info_code = ? AND status <> ? RETURNING id`).bind(status, now, infoCode, status),
  ]);
  const row = beforeOut?.results[0] as BeforeRow | undefined;
  if (!row) return null;
  if ((updateOut?.results.length ?? 0) === 0) return { infoCode, outcome: "unchanged" };
  const before = stateOf(row);
  return { infoCode, outcome: "updated", change: { before, after: { ...before, status } } };
}

/**
 * Stored source of rows written by an older sanitizer, for POST /api/v1/admin/resanitize.
 * Only posts sent alone: a site import's post reads its date, categories and info code
 * from its path and the site's _config.yml, which the row does not keep, so parsed alone
 * it would become another article; those are brought up to date by importing the site again.
 */
export async function rowsToResanitize(d1: D1Database, version: number, limit: number): Promise<{ infoCode: string; sourceText: string }[]> {
  const { results } = await d1
    .prepare("SELECT info_code, source_text FROM articles WHERE sanitizer_version < ? AND source_key IS NULL ORDER BY id LIMIT ?")
    .bind(version, limit)
    .all<{ info_code: string; source_text: string }>();
  return results.map((r) => ({ infoCode: r.info_code, sourceText: r.source_text }));
}

/** Rows rowsToResanitize will still return, and site-imported rows that need their site imported again. */
export async function countToResanitize(d1: D1Database, version: number): Promise<{ remaining: number; siteImports: number }> {
  const row = await d1
    .prepare("SELECT COUNT(*) FILTER (WHERE source_key IS NULL) AS remaining, COUNT(*) FILTER (WHERE source_key IS NOT NULL) AS siteImports FROM articles WHERE sanitizer_version < ?")
    .bind(version)
    .first<{ remaining: number; siteImports: number }>();
  return { remaining: row?.remaining ?? 0, siteImports: row?.siteImports ?? 0 };
}
