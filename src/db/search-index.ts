/**
 * The search index in D1 (tables: migrations/0003_search.sql): the statements that keep
 * it in step with an article, the ranked query, and what the reindex route needs. Raw
 * SQL, because drizzle has no notion of FTS5 virtual tables.
 */
import { htmlToText } from "../lib/html-text";
import { indexTokens, matchExpression, TOKENIZER_VERSION, type QueryWord } from "../search/tokens";

/**
 * Text beyond this many characters is neither indexed nor kept for snippets: a news story
 * is a few thousand characters, and the token stream of a huge one would approach D1's
 * 2 MB value limit and fail the whole import batch.
 */
export const MAX_INDEXED_CHARS = 20_000;

export type IndexableArticle = {
  infoCode: string;
  contentHash: string;
  title: string;
  summary: string;
  bodyHtml: string;
};

/** Summary and body as searched: the summary only when it is not the body's own opening. */
export function searchText(article: IndexableArticle): string {
  const body = htmlToText(article.bodyHtml);
  const summary = article.summary.replace(/…$/, "").trim();
  const text = summary === "" || body.includes(summary) ? body : `${article.summary} ${body}`;
  return Array.from(text).slice(0, MAX_INDEXED_CHARS).join("");
}

/**
 * Two statements for the article's write batch, each guarded like the tag statements
 * (`info_code = ? AND content_hash = ?`): they apply only when the article row holds this
 * very version, so a stale or losing write leaves the index as it was. INSERT OR REPLACE
 * on the contentless_delete table drops the old tokens, so edited-out words disappear.
 */
export function searchStatements(d1: D1Database, article: IndexableArticle): D1PreparedStatement[] {
  const text = searchText(article);
  return [
    d1
      .prepare(
        `INSERT OR REPLACE INTO search_fts (rowid, title, body)
         SELECT id, ?, ? FROM articles WHERE info_code = ? AND content_hash = ?`,
      )
      .bind(indexTokens(article.title), indexTokens(text), article.infoCode, article.contentHash),
    d1
      .prepare(
        `INSERT INTO search_docs (article_id, published, published_at, content_hash, tokenizer_version, body_text)
         SELECT id, status = 'published', published_at, content_hash, ?, ? FROM articles
         WHERE info_code = ? AND content_hash = ?
         ON CONFLICT (article_id) DO UPDATE SET published = excluded.published, published_at = excluded.published_at,
           content_hash = excluded.content_hash, tokenizer_version = excluded.tokenizer_version, body_text = excluded.body_text`,
      )
      .bind(TOKENIZER_VERSION, text, article.infoCode, article.contentHash),
  ];
}

export type SearchHit = {
  infoCode: string;
  title: string;
  publishedAt: number;
  utcOffsetMin: number;
  category: { slug: string; name: string };
  /** The searched text (summary and body), for the snippet. */
  text: string;
  inTitle: boolean;
};

type HitRow = {
  info_code: string;
  title: string;
  published_at: number;
  utc_offset_min: number;
  slug: string;
  name: string;
  body_text: string;
  in_title: number;
};

/** Exported for the query-plan test: the ranking must never scan a table. */
export const SEARCH_SQL = `WITH hits AS (SELECT rowid AS id FROM search_fts WHERE search_fts MATCH ?),
   title_hits AS (SELECT rowid AS id FROM search_fts WHERE search_fts MATCH ?),
   ranked AS (
     SELECT d.article_id AS id, d.published_at AS published_at, d.article_id IN title_hits AS in_title
     FROM hits h JOIN search_docs d ON d.article_id = h.id
     WHERE d.published = 1
     ORDER BY in_title DESC, d.published_at DESC, d.article_id DESC
     LIMIT ? OFFSET ?)
   SELECT a.info_code, a.title, r.published_at, a.utc_offset_min, c.slug, c.name, d.body_text, r.in_title
   FROM ranked r
   JOIN articles a ON a.id = r.id
   JOIN categories c ON c.id = a.category_id
   JOIN search_docs d ON d.article_id = r.id
   ORDER BY r.in_title DESC, r.published_at DESC, r.id DESC`;

/**
 * One page of published matches: every query word in the title first, then newest first.
 * The ranking reads only the FTS index and the narrow search_docs rows; articles and
 * the snippet text are read for the page's rows alone. OFFSET walks matched rows only.
 * Asks for one row more than `limit` so the caller knows whether a next page exists.
 */
export async function searchArticles(d1: D1Database, words: QueryWord[], limit: number, offset: number): Promise<SearchHit[]> {
  const { results } = await d1
    .prepare(SEARCH_SQL)
    .bind(matchExpression(words), matchExpression(words, "title"), limit, offset)
    .all<HitRow>();
  return results.map((row) => ({
    infoCode: row.info_code,
    title: row.title,
    publishedAt: row.published_at,
    utcOffsetMin: row.utc_offset_min,
    category: { slug: row.slug, name: row.name },
    text: row.body_text,
    inTitle: row.in_title === 1,
  }));
}

export type StaleArticle = IndexableArticle & { id: number };

/**
 * Articles whose index row is missing, from another version of the article or of the
 * tokenizer (or every article, with `all`), in id order after `afterId`.
 */
export async function articlesToReindex(d1: D1Database, afterId: number, limit: number, all: boolean): Promise<StaleArticle[]> {
  const { results } = await d1
    .prepare(
      `SELECT a.id, a.info_code, a.content_hash, a.title, a.summary, a.body_html
       FROM articles a LEFT JOIN search_docs d ON d.article_id = a.id
       WHERE a.id > ? AND (? OR d.article_id IS NULL OR d.content_hash <> a.content_hash OR d.tokenizer_version <> ?)
       ORDER BY a.id LIMIT ?`,
    )
    .bind(afterId, all ? 1 : 0, TOKENIZER_VERSION, limit)
    .all<{ id: number; info_code: string; content_hash: string; title: string; summary: string; body_html: string }>();
  return results.map((r) => ({
    id: r.id,
    infoCode: r.info_code,
    contentHash: r.content_hash,
    title: r.title,
    summary: r.summary,
    bodyHtml: r.body_html,
  }));
}

/** Rewrites the index rows of these articles in one batch (two statements each). */
export async function reindexArticles(d1: D1Database, rows: StaleArticle[]): Promise<void> {
  if (rows.length > 0) await d1.batch(rows.flatMap((row) => searchStatements(d1, row)));
}
