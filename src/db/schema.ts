/**
 * The D1 schema. Instants are epoch milliseconds (UTC); the source's own UTC offset is
 * kept beside them in minutes so pages and feeds can show the time as the source wrote it.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const categories = sqliteTable("categories", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
});

export const articles = sqliteTable(
  "articles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    infoCode: text("info_code").notNull().unique(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    bodyHtml: text("body_html").notNull(),
    sourceText: text("source_text").notNull(),
    publishedAt: integer("published_at").notNull(),
    utcOffsetMin: integer("utc_offset_min").notNull(),
    updatedAt: integer("updated_at").notNull(),
    sourceName: text("source_name"),
    author: text("author"),
    originalUrl: text("original_url"),
    imageUrl: text("image_url"),
    categoryId: integer("category_id")
      .notNull()
      .references(() => categories.id),
    status: text("status", { enum: ["published", "unpublished"] }).notNull().default("published"),
    // The date named a day without a time (`date: 2022-04-28`, or the file name): show the day only.
    dateOnly: integer("date_only", { mode: "boolean" }).notNull().default(false),
    // Where a site import found the post ("https://partner.example/site\n_posts/…md"); null
    // for posts sent alone. A post from another source never replaces this one.
    sourceKey: text("source_key"),
    // Front matter `lang`, canonical BCP 47 ("en", "zh-TW"); null: detected when shown.
    lang: text("lang"),
    contentHash: text("content_hash").notNull(),
    sanitizerVersion: integer("sanitizer_version").notNull(),
    createdAt: integer("created_at").notNull(),
    modifiedAt: integer("modified_at").notNull(),
  },
  (t) => [
    // Home and the site feeds: newest published first, keyset on (published_at, id).
    index("articles_status_published_idx").on(t.status, sql`${t.publishedAt} DESC`, sql`${t.id} DESC`),
    // Category pages and category feeds.
    index("articles_category_published_idx").on(
      t.categoryId,
      t.status,
      sql`${t.publishedAt} DESC`,
      sql`${t.id} DESC`,
    ),
    // Sitemaps walk by last change.
    index("articles_updated_idx").on(t.status, sql`${t.updatedAt} DESC`),
  ],
);

export const tags = sqliteTable("tags", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
});

/**
 * published_at is copied here from the article so a tag page is one ordered walk of
 * article_tags_tag_published_idx instead of a join sorted in a temporary B-tree.
 */
export const articleTags = sqliteTable(
  "article_tags",
  {
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    tagId: integer("tag_id")
      .notNull()
      .references(() => tags.id),
    publishedAt: integer("published_at").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.tagId] }),
    index("article_tags_tag_published_idx").on(t.tagId, sql`${t.publishedAt} DESC`, sql`${t.articleId} DESC`),
  ],
);
/**
 * Every category of an article in the post's order (position 0 is the primary one, the
 * same as articles.category_id, which gives the URL and the page). published_at is copied
 * from the article, as in article_tags, so a category page or feed is one ordered walk of
 * article_categories_category_published_idx.
 */
export const articleCategories = sqliteTable(
  "article_categories",
  {
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    categoryId: integer("category_id")
      .notNull()
      .references(() => categories.id),
    publishedAt: integer("published_at").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.categoryId] }),
    index("article_categories_category_published_idx").on(
      t.categoryId,
      sql`${t.publishedAt} DESC`,
      sql`${t.articleId} DESC`,
    ),
  ],
);

/**
 * A partner's Jekyll site's own post URLs (permalink with baseurl, decoded: `/市场/2021/12/08/x.html`)
 * and the article each now leads to: a GET of one answers 301 to /a/{info_code}
 * (src/routes/old-urls.ts, one primary-key lookup). Rows are never deleted: a post
 * re-imported under a changed permalink keeps its old URL too. No foreign key: a URL
 * outlives nothing it points at (the share page answers 410 for a taken-down article).
 */
export const articleUrls = sqliteTable("article_urls", {
  path: text("path").primaryKey(),
  infoCode: text("info_code").notNull(),
});

/**
 * When each cache tag was last purged (src/cache/invalidations.ts): one row per tag, so a
 * purge costs the same whatever the number of cached pages carrying the tag. Every isolate
 * reads the rows newer than its last read, about once a second; rows older than an hour
 * are pruned by the writes.
 */
export const cachePurges = sqliteTable(
  "cache_purges",
  {
    tag: text("tag").primaryKey(),
    purgedAt: integer("purged_at").notNull(),
  },
  (t) => [index("cache_purges_purged_at_idx").on(t.purgedAt)],
);

/**
 * Share-page views per article, site day and referring app, counted from the beacon
 * (src/routes/beacon.ts) so cached page hits count too. Increments arrive in batches
 * (src/analytics/counter.ts) as UPSERTs on the primary key. `day` is the site's calendar
 * day (UTC+8, "2026-11-28"): editors read "today" as they live it. No foreign key: counts
 * outlive an unpublished article, and unknown codes are filtered when a batch is written.
 */
export const articleViews = sqliteTable(
  "article_views",
  {
    infoCode: text("info_code").notNull(),
    day: text("day").notNull(),
    app: text("app").notNull(),
    views: integer("views").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.infoCode, t.day, t.app] }),
    // Top articles over a period: one range scan of the days, covering the sum.
    index("article_views_day_idx").on(t.day, t.infoCode, t.views),
  ],
);

/**
 * `npm run sync` (scripts/sync.ts): per followed Git archive, the last commit whose posts
 * are all stored. `site` is the archive's `url` from _config.yml (or its remote or folder
 * name); a run diffs from `commit` to the checkout's HEAD.
 */
export const syncState = sqliteTable("sync_state", {
  site: text("site").primaryKey(),
  commit: text("commit").notNull(),
  syncedAt: integer("synced_at").notNull(),
});
