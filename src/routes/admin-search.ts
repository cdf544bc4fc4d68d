/**
 * POST {ADMIN_BASE}/search/reindex: indexes articles whose index row is missing or out of
 * date (or all, with all=1), one batch per call; call again with after=<next> until next
 * is null. Idempotent. Mounted inside the admin router (src/routes/admin.ts), so it is
 * authenticated and rate-limited exactly once, and like every write it ends with the one
 * after-write step (search pages list what the index holds).
 */
import { Hono } from "hono";
// zod/mini: the same validation as zod, tree-shakable, about 20 KB (gzip) less in the bundle.
import * as z from "zod/mini";
import { articlesToReindex, reindexArticles } from "../db/search-index";
import type { AppEnv } from "../env";
import { afterArticlesChanged } from "../ingest/after-write";
import { validationError } from "../lib/errors";
import { TOKENIZER_VERSION } from "../search/tokens";

export const adminSearch = new Hono<AppEnv>();

/** Articles per reindex call: two statements each, so one D1 batch of at most 100. */
const REINDEX_LIMIT = 50;

const reindexParams = z.object({
  after: z.optional(z.pipe(z.string().check(z.regex(/^\d{1,15}$/, "must be an article id")), z.transform(Number))),
  limit: z.optional(
    z.pipe(
      z.pipe(z.string().check(z.regex(/^\d{1,3}$/, "must be a number")), z.transform(Number)),
      z.number().check(z.minimum(1), z.maximum(REINDEX_LIMIT)),
    ),
  ),
  all: z.optional(z.enum(["0", "1"])),
});

adminSearch.post("/reindex", async (c) => {
  const parsed = reindexParams.safeParse(c.req.query(), { reportInput: true });
  if (!parsed.success) throw validationError(parsed.error, "query");
  const limit = parsed.data.limit ?? REINDEX_LIMIT;
  const rows = await articlesToReindex(c.env.DB, parsed.data.after ?? 0, limit, parsed.data.all === "1");
  await reindexArticles(c.env.DB, rows);
  await afterArticlesChanged(c, { infoCodes: rows.map((r) => r.infoCode), categories: [], tags: [] });
  const last = rows.at(-1);
  return c.json({ indexed: rows.length, tokenizerVersion: TOKENIZER_VERSION, next: rows.length === limit && last ? last.id : null });
});
