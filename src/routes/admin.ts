import { Hono, type Context } from "hono";
// zod/mini: the same validation as zod, tree-shakable, about 20 KB (gzip) less in the bundle.
import * as z from "zod/mini";
import { createDb } from "../db/client";
import type { AppEnv } from "../env";
import { importPosts, type ImportReport, type PostInput } from "../ingest/import-service";
import { articleJson, jsonToPost } from "../ingest/json-post";
import { afterArticlesChanged } from "../ingest/after-write";
import { requireAdmin } from "../lib/auth";
import { readTextWithin, tooLarge } from "../lib/body";
import { AppError } from "../lib/errors";
import { adminRateLimit } from "../lib/rate-limit";
import { INFO_CODE_RULE, isInfoCode } from "../ingest/info-code";
import { SANITIZER_VERSION } from "../ingest/sanitize";
import type { SiteContext } from "../ingest/types";

export const admin = new Hono<AppEnv>();

admin.use("/api/v1/admin/*", requireAdmin, adminRateLimit);

/** Whole request: what one call may carry. */
export const MAX_REQUEST_BYTES = 5 * 1024 * 1024;
/** One post: its source and sanitized body both land in one D1 row (2 MB limit). */
export const MAX_POST_BYTES = 900 * 1024;
export const MAX_POSTS_PER_REQUEST = 500;

const siteContext = z.strictObject({
  url: z.optional(z.string().check(z.maxLength(500))),
  baseurl: z.optional(z.string().check(z.maxLength(500))),
  timezone: z.optional(z.string().check(z.maxLength(64))),
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

function validationError(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): AppError {
  const errors = error.issues.map((issue) => ({ field: issue.path.map(String).join(".") || "(body)", message: issue.message }));
  const first = errors[0];
  return new AppError("validation_failed", `Invalid request body: ${first?.field}: ${first?.message}.`, { errors });
}

function mediaType(request: Request): string {
  return (request.headers.get("Content-Type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

async function readJson(request: Request): Promise<unknown> {
  const text = await readTextWithin(request, MAX_REQUEST_BYTES);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}

async function readInputs(request: Request): Promise<{ inputs: PostInput[]; site?: SiteContext }> {
  const type = mediaType(request);
  let inputs: PostInput[];
  let site: SiteContext | undefined;
  if (type === "text/markdown" || type === "text/plain") {
    const text = await readTextWithin(request, MAX_REQUEST_BYTES);
    if (!text.trim()) throw new AppError("validation_failed", "The request body is empty: send one post as text/markdown.");
    inputs = [{ text }];
  } else if (type === "application/json") {
    const parsed = importBody.safeParse(await readJson(request));
    if (!parsed.success) throw validationError(parsed.error);
    inputs = parsed.data.posts.map((p) => (typeof p === "string" ? { text: p } : p));
    site = parsed.data.site;
  } else {
    throw new AppError("unsupported_media_type", 'Send one post as `text/markdown`, or many as `application/json` `{"posts": ["…"]}`.');
  }
  // Checked for every post before anything is written: a request is refused whole.
  const encoder = new TextEncoder();
  inputs.forEach((input, index) => {
    if (encoder.encode(input.text).byteLength > MAX_POST_BYTES) {
      throw tooLarge(MAX_POST_BYTES, `Post ${index}${input.name ? ` (${input.name})` : ""}`);
    }
  });
  return site ? { inputs, site } : { inputs };
}

function summarize(report: ImportReport) {
  const summary = { created: 0, updated: 0, unchanged: 0, stale: 0, rejected: 0, failed: 0 };
  for (const result of report.results) summary[result.outcome] += 1;
  return summary;
}

/** 503 when D1 refused some posts: the body still says which landed; a retry converges. */
function importResponse(c: Context<AppEnv>, report: ImportReport, status: 200 | 201 = 200): Response {
  const summary = summarize(report);
  if (summary.failed > 0) c.header("Retry-After", "5");
  return c.json({ summary, results: report.results }, summary.failed > 0 ? 503 : status);
}

admin.post("/api/v1/admin/import", async (c) => {
  const { inputs, site } = await readInputs(c.req.raw);
  const report = await importPosts(createDb(c.env.DB), inputs, Date.now(), site);
  await afterArticlesChanged(c, report.changed);
  return importResponse(c, report);
});

function pathCode(c: Context<AppEnv>): string {
  const code = c.req.param("infoCode") ?? "";
  if (!isInfoCode(code)) throw new AppError("validation_failed", `infoCode in the path: ${INFO_CODE_RULE}.`, { field: "infoCode" });
  return code;
}

async function setStatus(c: Context<AppEnv>, infoCode: string, status: "published" | "unpublished"): Promise<boolean> {
  const row = await c.env.DB.prepare(
    "UPDATE articles SET status = ?, modified_at = ? WHERE info_code = ? RETURNING category_id",
  )
    .bind(status, Date.now(), infoCode)
    .first();
  return row !== null;
}

admin.put("/api/v1/admin/articles/:infoCode", async (c) => {
  const infoCode = pathCode(c);
  if (mediaType(c.req.raw) !== "application/json") throw new AppError("unsupported_media_type", "Send the article as application/json.");
  const parsed = articleJson.safeParse(await readJson(c.req.raw));
  if (!parsed.success) throw validationError(parsed.error);
  const report = await importPosts(createDb(c.env.DB), [{ text: jsonToPost(infoCode, parsed.data) }], Date.now());
  const result = report.results[0];
  if (result?.outcome === "rejected") {
    throw new AppError("validation_failed", result.reason ?? "The article was rejected.", { errors: [result] });
  }
  let statusChanged = false;
  if (parsed.data.status && result?.outcome !== "failed") statusChanged = await setStatus(c, infoCode, parsed.data.status);
  await afterArticlesChanged(c, report.changed, statusChanged && report.changed.length === 0 ? [infoCode] : []);
  return importResponse(c, report, result?.outcome === "created" ? 201 : 200);
});

admin.delete("/api/v1/admin/articles/:infoCode", async (c) => {
  const infoCode = pathCode(c);
  if (!(await setStatus(c, infoCode, "unpublished"))) {
    throw new AppError("not_found", `No article has info code ${infoCode}.`);
  }
  await afterArticlesChanged(c, [], [infoCode]);
  return c.json({ infoCode, status: "unpublished" });
});

/** Re-runs the current parser and sanitizer over stored source text of older sanitizer versions. */
admin.post("/api/v1/admin/resanitize", async (c) => {
  const limit = Math.min(Number(c.req.query("limit") ?? 100) || 100, 200);
  const { results: rows } = await c.env.DB.prepare(
    "SELECT info_code, source_text FROM articles WHERE sanitizer_version < ? ORDER BY id LIMIT ?",
  )
    .bind(SANITIZER_VERSION, limit)
    .all<{ info_code: string; source_text: string }>();
  const report = await importPosts(createDb(c.env.DB), rows.map((r) => ({ name: r.info_code, text: r.source_text })), Date.now());
  await afterArticlesChanged(c, report.changed);
  const remaining = await c.env.DB.prepare("SELECT COUNT(*) AS n FROM articles WHERE sanitizer_version < ?")
    .bind(SANITIZER_VERSION)
    .first<{ n: number }>();
  return c.json({ sanitizerVersion: SANITIZER_VERSION, summary: summarize(report), remaining: remaining?.n ?? 0 });
});
