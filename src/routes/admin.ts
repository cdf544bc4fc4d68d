import { Hono } from "hono";
import { z } from "zod";
import { createDb } from "../db/client";
import type { AppEnv } from "../env";
import { importPosts, type PostInput } from "../ingest/import-service";
import { requireAdmin } from "../lib/auth";
import { AppError } from "../lib/errors";

export const admin = new Hono<AppEnv>();

admin.use("/api/v1/admin/*", requireAdmin);

const MAX_POSTS_PER_REQUEST = 500;

const importBody = z.strictObject({
  posts: z
    .array(
      z.union([
        z.string().min(1, "a post must not be empty"),
        z.strictObject({ name: z.string().max(500).optional(), text: z.string().min(1, "a post must not be empty") }),
      ]),
    )
    .min(1, "send at least one post")
    .max(MAX_POSTS_PER_REQUEST, `send at most ${MAX_POSTS_PER_REQUEST} posts per request`),
});

function validationError(error: z.ZodError): AppError {
  const errors = error.issues.map((issue) => ({ field: issue.path.join(".") || "(body)", message: issue.message }));
  const first = errors[0];
  return new AppError("validation_failed", `Invalid request body: ${first?.field}: ${first?.message}.`, { errors });
}

async function readInputs(request: Request): Promise<PostInput[]> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type === "text/markdown" || type === "text/plain") {
    const text = await request.text();
    if (!text.trim()) throw new AppError("validation_failed", "The request body is empty: send one post as text/markdown.");
    return [{ text }];
  }
  if (type === "application/json") {
    let json: unknown;
    try {
      json = await request.json();
    } catch {
      throw new AppError("bad_request", "The request body is not valid JSON.");
    }
    const parsed = importBody.safeParse(json);
    if (!parsed.success) throw validationError(parsed.error);
    return parsed.data.posts.map((p) => (typeof p === "string" ? { text: p } : p));
  }
  throw new AppError(
    "unsupported_media_type",
    'Send one post as `text/markdown`, or many as `application/json` `{"posts": ["…"]}`.',
  );
}

admin.post("/api/v1/admin/import", async (c) => {
  const inputs = await readInputs(c.req.raw);
  const report = await importPosts(createDb(c.env.DB), inputs, Date.now());
  const summary = { created: 0, updated: 0, unchanged: 0, stale: 0, rejected: 0 };
  for (const result of report.results) summary[result.outcome] += 1;
  return c.json({ summary, results: report.results });
});
