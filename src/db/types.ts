/** What the data layer hands to routes, views and renderers: plain objects, no rows. */

export type ArticleStatus = "published" | "unpublished";

export type CategoryRef = {
  slug: string;
  name: string;
};

/** What an article holds from its post, the same whether just parsed or read back. */
export type ArticleContent = {
  infoCode: string;
  title: string;
  summary: string;
  /** Rendered from HTML/Markdown, boilerplate removed, sanitized at ingest: the only HTML ever rendered raw. */
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
  /** The primary category: the article's URL, page and feeds' main category. */
  category: CategoryRef;
  /**
   * Every category, primary first (Jekyll keeps them all); lists show the article under
   * each. Always set on what the data layer reads; optional so an object built by hand
   * with only `category` (tests, cards) still is one.
   */
  categories?: CategoryRef[];
  tags: string[];
  /**
   * The front matter's `lang`, canonical BCP 47 ("en", "zh-TW"); absent when the post states
   * none or a malformed one (ingest warns): then it is detected when shown (src/syndication/article-lang.ts).
   */
  lang?: string;
};

export type Article = ArticleContent & {
  id: number;
  status: ArticleStatus;
};

/** An article as lists show it: no body, no tags (one query per page, no joins per row). */
export type ArticleListItem = Omit<Article, "bodyHtml" | "tags" | "status" | "author" | "originalUrl" | "lang">;

/**
 * What the news sitemap prints of an article: URL, dates, title, and the stated `lang`
 * (absent when the post states none; the site's language is used then).
 */
export type NewsSitemapArticle = Pick<Article, "infoCode" | "title" | "publishedAt" | "updatedAt" | "utcOffsetMin" | "lang">;

/**
 * One parsed Jekyll-style post (src/ingest/parse-post.ts): everything the write path
 * (write-articles.ts) stores. Defined here so the data layer never imports ingest.
 */
export type ParsedPost = ArticleContent & {
  /**
   * For a generated info code: the codes earlier rules gave this post, tried when it is
   * written so an article stored under one keeps it (src/db/post-identity.ts). Empty when
   * the code was given (front matter, share link, file name).
   */
  priorCodes: string[];
  /** The dated file name a generated code came from, else null: a loose post's way to its earlier site import. */
  codeFileName: string | null;
  /** Every category, primary first (Jekyll's folder categories, then front matter). */
  categories: CategoryRef[];
  /** Whether the post names its primary category's display name itself (footer, `category_name`, site file). */
  categoryNamed: boolean;
  /** Slugs of the categories whose display names the post gives itself: only these may rename a category. */
  namedCategorySlugs: string[];
  /** `published: false` in front matter: stored, but not shown (and unpublished if it was shown). */
  status: ArticleStatus;
  /** The date named a day without a time: pages show the day alone. */
  dateOnly: boolean;
  /** Accepted, but worth telling the partner (duplicate keys, Liquid removed, …). */
  warnings: { line: number; message: string }[];
  /** Site URL + "\n" + site-relative path for a site import, else null: who owns the info code. */
  sourceKey: string | null;
  /**
   * A site post's URL on the partner's Jekyll site, permalink with baseurl, decoded
   * (`/emnews/2021/12/08/x.html`): it answers 301 to the share page. Null for a post sent alone.
   */
  jekyllUrl: string | null;
  /** The post exactly as received (line endings normalized to \n). */
  sourceText: string;
  /** SHA-256 hex of sourceText plus the sanitizer version: same input, same hash. */
  contentHash: string;
  sanitizerVersion: number;
};

/** The referring apps a share-page view is counted under (article_views.app; src/analytics/referrer.ts decides). */
export const APPS = ["wechat", "weibo", "telegram", "whatsapp", "x", "facebook", "direct"] as const;
export type App = (typeof APPS)[number];

export function isApp(value: string): value is App {
  return (APPS as readonly string[]).includes(value);
}

/** Every category of an article, primary first: `categories` when read, else the primary alone. */
export function allCategories(article: { category: CategoryRef; categories?: CategoryRef[] }): CategoryRef[] {
  const rest = (article.categories ?? []).filter((c) => c.slug !== article.category.slug);
  return [article.category, ...rest];
}
