/**
 * D1 work per request, measured on the routes themselves: each router runs in-process
 * against a recording D1 binding (the real local D1 underneath), which counts queries and
 * keeps their SQL so EXPLAIN QUERY PLAN can be asked of exactly what the pages send.
 */
export type Recorded = { sql: string; params: unknown[] };

export function recordingD1(db: D1Database, log: Recorded[]): D1Database {
  const wrap = (stmt: D1PreparedStatement, sql: string, params: unknown[]): D1PreparedStatement =>
    new Proxy(stmt, {
      get(target, prop) {
        if (prop === "bind") return (...values: unknown[]) => wrap(target.bind(...values), sql, values);
        if (prop === "first" || prop === "all" || prop === "raw" || prop === "run") {
          return (...args: unknown[]) => {
            log.push({ sql, params });
            const fn = Reflect.get(target, prop) as (...a: unknown[]) => Promise<unknown>;
            return fn.apply(target, args);
          };
        }
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => wrap(target.prepare(sql), sql, []);
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export type Plan = { sql: string; plan: string[]; usesIndex: boolean; scansTable: boolean };

export async function explain(db: D1Database, query: Recorded): Promise<Plan> {
  const { results } = await db.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).bind(...query.params).all<{ detail: string }>();
  const plan = results.map((r) => r.detail);
  return {
    sql: query.sql,
    plan,
    usesIndex: plan.some((p) => /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY|PRIMARY KEY/.test(p)),
    // "SCAN x" without an index is a full table scan; SCAN over json_each or a CTE is not a table.
    scansTable: plan.some((p) => /^SCAN (articles|article_tags|article_categories|categories|tags)\b/.test(p) && !/USING/.test(p)),
  };
}

/** 100,000 articles spread over 5 categories (a third also in a second one) and 10 tags, written by SQL inside D1. */
export const SYNTHETIC_ROWS = [
  `INSERT INTO categories (slug, name) VALUES ('caijing','财经要闻'),('keji','科技前沿'),('guoji','国际财经'),('shichang','市场动态'),('beifangwang','北方网新闻')`,
  `INSERT INTO tags (name) VALUES ('养老'),('太保'),('疫情防控'),('新能源'),('人工智能'),('A股'),('美联储'),('保险'),('基金'),('债券')`,
  `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999)
   INSERT INTO articles (info_code, title, summary, body_html, source_text, published_at, utc_offset_min, updated_at,
     source_name, category_id, status, content_hash, sanitizer_version, created_at, modified_at)
   SELECT printf('SY2024010%011d', i), '标题 ' || i, '摘要', '<p>正文</p>', '', 1704038400000 + i * 60000, 480,
     1704038400000 + i * 60000, '来源', 1 + i % 5, 'published', 'h' || i, 1, 0, 0 FROM n`,
  `INSERT INTO article_tags (article_id, tag_id, published_at, position)
   SELECT id, 1 + id % 10, published_at, 0 FROM articles`,
  // Every article in its primary category; every third one in a second category as well.
  `INSERT INTO article_categories (article_id, category_id, published_at, position)
   SELECT id, category_id, published_at, 0 FROM articles`,
  `INSERT INTO article_categories (article_id, category_id, published_at, position)
   SELECT id, 1 + category_id % 5, published_at, 1 FROM articles WHERE id % 3 = 0`,
  `ANALYZE`,
];
