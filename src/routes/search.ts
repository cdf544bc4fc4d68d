/**
 * Search: /search (HTML) and /api/v1/search (JSON) over one query function (the admin
 * reindex route is src/routes/admin-search.ts). Queries are validated
 * before D1 is touched (length, words, page) and never reach MATCH as syntax (see
 * src/search/tokens.ts), so no input can cause a 500 or an unindexed scan.
 */
import { Hono, type Context } from "hono";
// zod/mini: the same validation as zod, tree-shakable, about 20 KB (gzip) less in the bundle.
import * as z from "zod/mini";
import { CacheTags } from "../cache/tags";
import { searchArticles, type SearchHit } from "../db/search-index";
import type { AppEnv } from "../env";
import { absoluteUrl, siteConfig } from "../lib/config";
import { AppError, validationError } from "../lib/errors";
import { toRfc3339 } from "../lib/time";
import { highlight, snippet } from "../search/snippet";
import { MAX_QUERY_CHARS, MAX_QUERY_WORDS, parseQuery, type QueryWord } from "../search/tokens";
import { articlePath } from "../lib/paths";
import { SearchPage, type SearchResultView } from "../views/SearchPage";
import { fetchPage } from "./_shared/paging";
import { ROUTES } from "./public-routes";

export const search = new Hono<AppEnv>();

export const PAGE_SIZE = 10;
/** Deep pages are never what a reader wants, and OFFSET grows with the page number. */
export const MAX_PAGE = 50;

const params = z.object({
  // Generous here: the real limit is in characters, checked by parseQuery.
  q: z.optional(z.string().check(z.maxLength(4 * MAX_QUERY_CHARS, `must be at most ${MAX_QUERY_CHARS} characters`))),
  page: z.optional(
    z.pipe(
      z.pipe(z.string().check(z.regex(/^[1-9][0-9]{0,5}$/, "must be a whole number from 1")), z.transform(Number)),
      z.number().check(z.maximum(MAX_PAGE, `must be at most ${MAX_PAGE}`)),
    ),
  ),
});

type Validated =
  | { ok: true; words: QueryWord[]; text: string; page: number }
  | { ok: false; text: string; field: "q" | "page"; message: string; messageZh: string };

const REASONS = {
  empty: ["Give a search query as ?q=.", "请输入要搜索的词。"],
  too_long: [`The query is longer than ${MAX_QUERY_CHARS} characters; shorten it.`, `搜索词太长了，请不要超过 ${MAX_QUERY_CHARS} 个字。`],
  no_terms: ["The query has no letters, digits or Chinese characters to search for.", "搜索词里没有可以搜索的文字或数字。"],
  too_many_words: [`The query has more than ${MAX_QUERY_WORDS} separate words; use fewer.`, `搜索词不要超过 ${MAX_QUERY_WORDS} 个。`],
} as const;

function validate(c: Context<AppEnv>): Validated {
  const parsed = params.safeParse({ q: c.req.query("q"), page: c.req.query("page") });
  const text = (c.req.query("q") ?? "").replace(/\s+/g, " ").trim().slice(0, 4 * MAX_QUERY_CHARS);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0] === "page" ? "page" : "q";
    const zh = field === "page" ? `页码须是 1 到 ${MAX_PAGE} 之间的整数。` : REASONS.too_long[1];
    return { ok: false, text, field, message: `${field}: ${issue?.message ?? "invalid"}.`, messageZh: zh };
  }
  const query = parseQuery(parsed.data.q ?? "");
  if (!query.ok) {
    const [message, messageZh] = REASONS[query.reason];
    return { ok: false, text: query.text, field: "q", message, messageZh };
  }
  return { ok: true, words: query.words, text: query.text, page: parsed.data.page ?? 1 };
}

async function runSearch(c: Context<AppEnv>, words: QueryWord[], page: number): Promise<{ hits: SearchHit[]; more: boolean }> {
  const found = await fetchPage(PAGE_SIZE, (limit) => searchArticles(c.env.DB, words, limit, (page - 1) * PAGE_SIZE));
  return { hits: found.items, more: found.more && page < MAX_PAGE };
}

/** A page past the last one: a 404 that is never stored, so made-up page numbers fill no cache. */
function pastTheEnd(c: Context<AppEnv>, render: () => Response | Promise<Response>): Response | Promise<Response> {
  c.header("Cache-Control", "no-store");
  return render();
}

function pageUrl(path: string, text: string, page: number): string {
  return `${path}?q=${encodeURIComponent(text)}${page > 1 ? `&page=${page}` : ""}`;
}

search.get(ROUTES.search.path, async (c) => {
  const site = siteConfig(c.env);
  const v = validate(c);
  const maxLength = MAX_QUERY_CHARS;
  if (!v.ok) {
    // No query yet is the empty state, a normal page; anything else is a 400 that says why.
    const empty = v.text === "" && !c.req.query("page");
    if (empty) c.header("Cache-Tag", CacheTags.search);
    const state = empty ? ({ kind: "empty" } as const) : ({ kind: "message", message: v.messageZh } as const);
    return c.html(SearchPage({ site, query: v.text, maxLength, state }), empty ? 200 : 400);
  }
  const { hits, more } = await runSearch(c, v.words, v.page);
  if (v.page > 1 && hits.length === 0) return pastTheEnd(c, () => c.html(SearchPage({ site, query: v.text, maxLength, state: { kind: "message", message: "没有更多结果了。" } }), 404));
  const results: SearchResultView[] = hits.map((h) => ({
    infoCode: h.infoCode,
    title: highlight(h.title, v.words),
    snippet: snippet(h.text, v.words),
    publishedAt: h.publishedAt,
    utcOffsetMin: h.utcOffsetMin,
    category: h.category,
  }));
  c.header("Cache-Tag", CacheTags.search);
  const prev = v.page > 1 ? pageUrl("/search", v.text, v.page - 1) : null;
  const next = more ? pageUrl("/search", v.text, v.page + 1) : null;
  return c.html(SearchPage({ site, query: v.text, maxLength, state: { kind: "results", page: v.page, results, prev, next } }));
});

search.get(ROUTES.apiSearch.path, async (c) => {
  const site = siteConfig(c.env);
  const v = validate(c);
  if (!v.ok) throw new AppError("bad_request", v.message, { errors: [{ field: v.field, message: v.message }] });
  const { hits, more } = await runSearch(c, v.words, v.page);
  if (v.page > 1 && hits.length === 0) throw new AppError("not_found", `There is no page ${v.page} of results for this query.`);
  c.header("Cache-Tag", CacheTags.search);
  return c.json({
    query: v.text,
    page: v.page,
    results: hits.map((h) => {
      const title = highlight(h.title, v.words);
      const snip = snippet(h.text, v.words);
      return {
        infoCode: h.infoCode,
        url: absoluteUrl(site, articlePath(h.infoCode)),
        title: h.title,
        snippet: snip.text,
        // [start, end) offsets in UTF-16 code units (JavaScript string indexes).
        highlights: { title: title.marks, snippet: snip.marks },
        publishedAt: toRfc3339(h.publishedAt, h.utcOffsetMin),
        category: h.category,
      };
    }),
    next: more ? absoluteUrl(site, pageUrl("/api/v1/search", v.text, v.page + 1)) : null,
  });
});
