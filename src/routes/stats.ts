/**
 * Share analytics for editors (admin token required):
 *   GET /api/v1/admin/stats?days=7&limit=20        top articles by views, with apps
 *   GET /api/v1/admin/stats/{infoCode}?days=30     one article by app and by day
 * Periods are whole site days (UTC+8, see src/analytics/counter.ts) ending today. This
 * isolate's buffered views are flushed first, so a count just made is not missing.
 */
import { Hono, type Context } from "hono";
// zod/mini: the same validation as zod, tree-shakable, about 20 KB (gzip) less in the bundle.
import * as z from "zod/mini";
import { flushViews, siteDay } from "../analytics/counter";
import { articleTitle, articleViews, topArticles } from "../db/article-views";
import type { AppEnv } from "../env";
import { INFO_CODE_RULE, isInfoCode } from "../ingest/info-code";
import { absoluteUrl, siteConfig } from "../lib/config";
import { AppError, validationError } from "../lib/errors";
import { articlePath } from "../lib/paths";

/** Mounted at {ADMIN_BASE}/stats inside the admin router, which authenticates (src/routes/admin.ts). */
export const adminStats = new Hono<AppEnv>();

const DAY_MS = 86_400_000;
export const MAX_DAYS = 366;

const number = (max: number) =>
  z.pipe(
    z.pipe(z.string().check(z.regex(/^\d{1,4}$/, "must be a whole number")), z.transform(Number)),
    z.number().check(z.minimum(1, "must be at least 1"), z.maximum(max, `must be at most ${max}`)),
  );

const params = z.object({ days: z.optional(number(MAX_DAYS)), limit: z.optional(number(100)) });

function readParams(c: Context<AppEnv>, defaultDays: number): { from: string; to: string; days: number; limit: number } {
  const parsed = params.safeParse(c.req.query(), { reportInput: true });
  if (!parsed.success) throw validationError(parsed.error, "query");
  const days = parsed.data.days ?? defaultDays;
  const now = Date.now();
  return { from: siteDay(now - (days - 1) * DAY_MS), to: siteDay(now), days, limit: parsed.data.limit ?? 20 };
}

adminStats.get("/", async (c) => {
  const { from, to, days, limit } = readParams(c, 7);
  await flushViews();
  const site = siteConfig(c.env);
  const top = await topArticles(c.env.DB, from, to, limit);
  return c.json({
    from,
    to,
    days,
    articles: top.map((t) => ({ ...t, url: absoluteUrl(site, articlePath(t.infoCode)) })),
  });
});

adminStats.get("/:infoCode", async (c) => {
  const raw = c.req.param("infoCode");
  if (!isInfoCode(raw.toUpperCase())) {
    throw new AppError("validation_failed", `infoCode in the path: ${INFO_CODE_RULE}.`, { field: "infoCode" });
  }
  const infoCode = raw.toUpperCase();
  const { from, to, days } = readParams(c, 30);
  await flushViews();
  const title = await articleTitle(c.env.DB, infoCode);
  const views = await articleViews(c.env.DB, infoCode, from, to);
  if (title === null && views.total === 0) throw new AppError("not_found", `No article has info code ${infoCode}.`);
  return c.json({ infoCode, title, url: absoluteUrl(siteConfig(c.env), articlePath(infoCode)), from, to, days, ...views });
});
