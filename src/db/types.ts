/** What the data layer hands to routes, views and renderers: plain objects, no rows. */

export type ArticleStatus = "published" | "unpublished";

export type CategoryRef = {
  slug: string;
  name: string;
};

export type Article = {
  id: number;
  infoCode: string;
  title: string;
  summary: string;
  /** Sanitized at ingest; the only HTML ever rendered raw. */
  bodyHtml: string;
  /** Epoch milliseconds (UTC instant). */
  publishedAt: number;
  /** The source's UTC offset in minutes (+08:00 → 480). */
  utcOffsetMin: number;
  /** The source gave a day without a time: show the day only (absent: false). */
  dateOnly?: boolean;
  /** Epoch milliseconds of the last content change (front matter `updated`, else `date`). */
  updatedAt: number;
  sourceName: string | null;
  author: string | null;
  originalUrl: string | null;
  imageUrl: string | null;
  category: CategoryRef;
  tags: string[];
  status: ArticleStatus;
};

/** An article as lists show it: no body, no tags (one query per page, no joins per row). */
export type ArticleListItem = Omit<Article, "bodyHtml" | "tags" | "status" | "author" | "originalUrl">;
