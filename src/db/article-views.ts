/**
 * The article_views counter table (src/db/schema.ts): batched increments and the admin
 * stats reads. Raw SQL because an increment batch is one statement over a JSON array.
 */
import { isApp, type App } from "./types";

export type Increment = { infoCode: string; day: string; app: App; views: number };

/**
 * Adds a whole batch in one statement, with one bound parameter whatever its size.
 * Codes with no published article (a hand-typed or forged beacon URL, a page still cached
 * after a takedown) are dropped here, where one index probe per key is cheap, rather than
 * checked on every view.
 */
export async function addViews(d1: D1Database, increments: Increment[]): Promise<void> {
  if (increments.length === 0) return;
  const rows = JSON.stringify(increments.map((i) => [i.infoCode, i.day, i.app, i.views]));
  await d1
    .prepare(
      `INSERT INTO article_views (info_code, day, app, views)
       SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3 FROM json_each(?) j
       WHERE EXISTS (SELECT 1 FROM articles a WHERE a.info_code = j.value ->> 0 AND a.status = 'published')
       ON CONFLICT (info_code, day, app) DO UPDATE SET views = article_views.views + excluded.views`,
    )
    .bind(rows)
    .run();
}

export type ByApp = Partial<Record<App, number>>;

export type TopArticle = { infoCode: string; title: string | null; views: number; byApp: ByApp };

function parseByApp(json: string | null): ByApp {
  const value: unknown = json ? JSON.parse(json) : {};
  const out: ByApp = {};
  if (value && typeof value === "object") {
    for (const [app, n] of Object.entries(value)) if (isApp(app) && typeof n === "number") out[app] = n;
  }
  return out;
}

/** Most viewed articles over the days [from, to] (site days, inclusive). */
export async function topArticles(d1: D1Database, from: string, to: string, limit: number): Promise<TopArticle[]> {
  const { results } = await d1
    .prepare(
      `SELECT t.info_code, a.title, t.views, t.by_app FROM (
         SELECT p.info_code, SUM(p.n) AS views, json_group_object(p.app, p.n) AS by_app FROM (
           SELECT info_code, app, SUM(views) AS n FROM article_views
           WHERE day BETWEEN ? AND ? GROUP BY info_code, app) p
         GROUP BY p.info_code ORDER BY views DESC, p.info_code LIMIT ?) t
       LEFT JOIN articles a ON a.info_code = t.info_code
       ORDER BY t.views DESC, t.info_code`,
    )
    .bind(from, to, limit)
    .all<{ info_code: string; title: string | null; views: number; by_app: string }>();
  return results.map((r) => ({ infoCode: r.info_code, title: r.title, views: r.views, byApp: parseByApp(r.by_app) }));
}

export type DayViews = { day: string; views: number; byApp: ByApp };

export type ArticleViews = { total: number; byApp: ByApp; byDay: DayViews[] };

/** One article's views over [from, to], by app and by day (days without views omitted). */
export async function articleViews(d1: D1Database, infoCode: string, from: string, to: string): Promise<ArticleViews> {
  const { results } = await d1
    .prepare("SELECT day, app, views FROM article_views WHERE info_code = ? AND day BETWEEN ? AND ? ORDER BY day, app")
    .bind(infoCode, from, to)
    .all<{ day: string; app: App; views: number }>();
  const out: ArticleViews = { total: 0, byApp: {}, byDay: [] };
  for (const row of results) {
    out.total += row.views;
    out.byApp[row.app] = (out.byApp[row.app] ?? 0) + row.views;
    let day = out.byDay.at(-1);
    if (day?.day !== row.day) {
      day = { day: row.day, views: 0, byApp: {} };
      out.byDay.push(day);
    }
    day.views += row.views;
    day.byApp[row.app] = (day.byApp[row.app] ?? 0) + row.views;
  }
  return out;
}

/** The title of an article for the stats view, or null when no article has the code. */
export async function articleTitle(d1: D1Database, infoCode: string): Promise<string | null> {
  const row = await d1.prepare("SELECT title FROM articles WHERE info_code = ?").bind(infoCode).first<{ title: string }>();
  return row?.title ?? null;
}
