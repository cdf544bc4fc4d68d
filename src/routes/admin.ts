/**
 * The admin API, mounted at ADMIN_BASE (src/app.ts) with its middleware applied once, here:
 * the failed-authentication limit and the token check (requireAdmin), then the per-token
 * request limit. Every write (import, PUT, DELETE, resanitize, reindex) goes through the
 * one write path (src/ingest/import-service.ts, src/db/write-articles.ts) and then the one
 * after-write step with the change set that write returned. Posts are parsed and sanitized
 * by the ingest Worker (src/ingest/ingest-client.ts): this router checks the request's
 * envelope (size, media type, JSON shape) and never imports the parser.
 */
import { Hono, type Context } from "hono";
// zod/mini: the same validation as zod, tree-shakable, about 20 KB (gzip) less in the bundle.
import * as z from "zod/mini";
import { createDb } from "../db/client";
import { readSyncState, writeSyncState } from "../db/sync-state";
import { countToResanitize, rowsToResanitize, writeStatus } from "../db/write-articles";
import type { AppEnv } from "../env";
import { afterArticlesChanged } from "../ingest/after-write";
import { articleJson } from "../ingest/article-json";
import { changeSetOf, importPosts, type ImportReport, type ImportResult, type PostInput } from "../ingest/import-service";
import { INFO_CODE_RULE, isInfoCode } from "../ingest/info-code";
import { parseArticle, parsePosts, sanitizerVersion } from "../ingest/ingest-client";
import { MAX_POST_BYTES } from "../ingest/limits";
import type { SiteContext } from "../ingest/types";
import { isZoneName } from "../ingest/zone";
import { requireAdmin } from "../lib/auth";
import { readJsonWithin, readTextWithin } from "../lib/body";
import { AppError, validationError } from "../lib/errors";
import { adminRateLimit } from "../lib/rate-limit";
import { adminSearch } from "./admin-search";
import { adminStats } from "./stats";

export const ADMIN_BASE = "/api/v1/admin";

export const admin = new Hono<AppEnv>();

admin.use(requireAdmin, adminRateLimit);

/** Whole request: what one call may carry. */
export const MAX_REQUEST_BYTES = 5 * 1024 * 1024;
export { MAX_POST_BYTES };
export const MAX_POSTS_PER_REQUEST = 500;

const siteContext = z.strictObject({
  url: z.optional(z.string().check(z.maxLength(500))),
  baseurl: z.optional(z.string().check(z.maxLength(500))),
  permalink: z.optional(z.string().check(z.maxLength(500))),
  timezone: z.optional(
    z.string().check(z.maxLength(64), z.refine(isZoneName, "must be an IANA time zone name such as Asia/Shanghai or UTC (as in _config.yml's timezone)")),
  ),
  // Checked per post (a malformed one is a warning, as in front matter); the bound only
  // keeps the request small: the import command sends at most SITE_LANG_MAX_CHARS.
  lang: z.optional(z.string().check(z.maxLength(200))),
  defaults: z.optional(
    z.array(
      z.object({
        scope: z.object({ path: z.optional(z.string()), type: z.optional(z.string()) }),
        values: z.record(z.string(), z.unknown()),
      }),
    ).check(z.maxLength(200)),
  ),
  categoryNames: z.optional(z.record(z.string(), z.string().check(z.maxLength(100)))),
  liquidRendered: z.optional(z.boolean()),
});

const importBody = z.strictObject({
  posts: z
    .array(
      z.union([
        z.string().check(z.minLength(1, "a post must not be empty")),
        z.strictObject({
          name: z.optional(z.string().check(z.maxLength(500))),
          // Site-relative path (`markets/_posts/2022-04-28-slug.md`): date, slug, categories.
          path: z.optional(z.string().check(z.maxLength(500))),
          text: z.string().check(z.minLength(1, "a post must not be empty")),
        }),
      ]),
    )
    .check(
      z.minLength(1, "send at least one post"),
      z.maxLength(MAX_POSTS_PER_REQUEST, `send at most ${MAX_POSTS_PER_REQUEST} posts per request`),
    ),
  // The site's _config.yml context, sent by `npm run import -- <site>` (see SiteContext).
  site: z.optional(siteContext),
});

function mediaType(request: Request): string {
  return (request.headers.get("Content-Type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

function readJson(request: Request): Promise<unknown> {
  return readJsonWithin(request, MAX_REQUEST_BYTES);
}

/** Posts of the request. Size and content are judged per post by the write path, not here. */
async function readInputs(request: Request): Promise<{ inputs: PostInput[]; site?: SiteContext }> {
  const type = mediaType(request);
  if (type === "text/markdown" || type === "text/plain") {
    const text = await readTextWithin(request, MAX_REQUEST_BYTES);
    if (!text.trim()) throw new AppError("validation_failed", "The request body is empty: send one post as text/markdown.");
    return { inputs: [{ text }] };
  }
  if (type === "application/json") {
    const parsed = importBody.safeParse(await readJson(request), { reportInput: true });
    if (!parsed.success) throw validationError(parsed.error, "body");
    const inputs = parsed.data.posts.map((p) => (typeof p === "string" ? { text: p } : p));
    return parsed.data.site ? { inputs, site: parsed.data.site } : { inputs };
  }
  throw new AppError("unsupported_media_type", 'Send one post as `text/markdown`, or many as `application/json` `{"posts": ["…"]}`.');
}

function summarize(report: Pick<ImportReport, "results">) {
  const summary = { created: 0, updated: 0, unchanged: 0, stale: 0, rejected: 0, failed: 0 };
  for (const result of report.results) summary[result.outcome] += 1;
  return summary;
}

/** 503 only when D1 failed some posts in a way a retry can fix: the body still says which landed. */
function importResponse(c: Context<AppEnv>, report: ImportReport, status: 200 | 201 = 200): Response {
  const summary = summarize(report);
  if (summary.failed > 0) c.header("Retry-After", "5");
  return c.json({ summary, results: report.results }, summary.failed > 0 ? 503 : status);
}

/** One post that was refused: 413 with the sizes when too big, else 422 with line and field. */
function refused(result: ImportResult): AppError {
  if (result.bytes !== undefined && result.limitBytes !== undefined) {
    return new AppError("payload_too_large", result.reason ?? "The post is too large.", {
      bytes: result.bytes,
      limitBytes: result.limitBytes,
      errors: [result],
    });
  }
  return new AppError("validation_failed", result.reason ?? "The post was rejected.", { errors: [result] });
}

admin.post("/import", async (c) => {
  const { inputs, site } = await readInputs(c.req.raw);
  const parsed = await parsePosts(c.env, inputs, site);
  const report = await importPosts(createDb(c.env.DB), inputs, parsed, Date.now());
  await afterArticlesChanged(c, report.changes);
  // Per-post results, refused posts included (with line, or bytes and limitBytes when too big).
  return importResponse(c, report);
});

function pathCode(c: Context<AppEnv>): string {
  const code = c.req.param("infoCode") ?? "";
  if (!isInfoCode(code)) throw new AppError("validation_failed", `infoCode in the path: ${INFO_CODE_RULE}.`, { field: "infoCode" });
  return code;
}

admin.put("/articles/:infoCode", async (c) => {
  const infoCode = pathCode(c);
  if (mediaType(c.req.raw) !== "application/json") throw new AppError("unsupported_media_type", "Send the article as application/json.");
  const parsed = articleJson.safeParse(await readJson(c.req.raw), { reportInput: true });
  if (!parsed.success) throw validationError(parsed.error, "body");
  const outcome = await parseArticle(c.env, infoCode, parsed.data);
  // The post the ingest Worker made of the JSON (json-post.ts) is what is stored as source text.
  const input: PostInput = { text: outcome.ok ? outcome.post.sourceText : "", ...(parsed.data.status ? { status: parsed.data.status } : {}) };
  const report = await importPosts(createDb(c.env.DB), [input], [outcome], Date.now());
  const result = report.results[0];
  if (result?.outcome === "rejected") throw refused(result);
  await afterArticlesChanged(c, report.changes);
  return importResponse(c, report, result?.outcome === "created" ? 201 : 200);
});

admin.delete("/articles/:infoCode", async (c) => {
  const infoCode = pathCode(c);
  const result = await writeStatus(createDb(c.env.DB), infoCode, "unpublished", Date.now());
  if (!result) throw new AppError("not_found", `No article has info code ${infoCode}.`);
  await afterArticlesChanged(c, changeSetOf([result]));
  return c.json({ infoCode, status: "unpublished", outcome: result.outcome });
});

/** Re-runs the current parser and sanitizer over stored source text of older sanitizer versions. */
admin.post("/resanitize", async (c) => {
  const limit = Math.min(Number(c.req.query("limit") ?? 100) || 100, 200);
  // The version the deployed ingest Worker sanitizes with: rows older than it are parsed again.
  const version = await sanitizerVersion(c.env);
  const rows = await rowsToResanitize(c.env.DB, version, limit);
  const inputs = rows.map((r) => ({ name: r.infoCode, text: r.sourceText }));
  // Each row is re-rendered in place: its stored code stands, even one its file name gave
  // (the row keeps no path, so parsed alone the post would get another).
  const parsed = (await parsePosts(c.env, inputs)).map((o, i) =>
    o.ok ? { ...o, post: { ...o.post, infoCode: rows[i]?.infoCode ?? o.post.infoCode, priorCodes: [], codeFileName: null } } : o,
  );
  const report = await importPosts(createDb(c.env.DB), inputs, parsed, Date.now());
  await afterArticlesChanged(c, report.changes);
  const { remaining, siteImports } = await countToResanitize(c.env.DB, version);
  // siteImports: rows from a site import, left for `npm run import -- <site>` (see rowsToResanitize).
  return c.json({ sanitizerVersion: version, summary: summarize(report), remaining, siteImports });
});

/**
 * Where `npm run sync` left off in a followed Git archive: GET ?site=<id> answers the last
 * synced commit (404 before the first sync); PUT `{"site", "commit"}` records one. The
 * command records a commit only once every post before it is stored.
 */
const syncSite = z.string().check(z.minLength(1, "name the site"), z.maxLength(500));
const syncQuery = z.object({ site: syncSite });
const syncBody = z.strictObject({
  site: syncSite,
  commit: z.string().check(z.regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/, "must be a full Git commit id (40 or 64 lowercase hex digits)")),
});

admin.get("/sync-state", async (c) => {
  const parsed = syncQuery.safeParse(c.req.query());
  if (!parsed.success) throw validationError(parsed.error, "query");
  const state = await readSyncState(createDb(c.env.DB), parsed.data.site);
  if (!state) throw new AppError("not_found", `No sync of ${parsed.data.site} is recorded: the next sync imports every post.`);
  return c.json(state);
});

admin.put("/sync-state", async (c) => {
  if (mediaType(c.req.raw) !== "application/json") throw new AppError("unsupported_media_type", 'Send `{"site", "commit"}` as application/json.');
  const parsed = syncBody.safeParse(await readJson(c.req.raw));
  if (!parsed.success) throw validationError(parsed.error, "body");
  const state = { ...parsed.data, syncedAt: Date.now() };
  await writeSyncState(createDb(c.env.DB), state);
  return c.json(state);
});

admin.route("/search", adminSearch);
admin.route("/stats", adminStats);
