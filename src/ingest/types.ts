/** The result of parsing one Jekyll-style post: everything the database stores. */
export type ParsedPost = {
  infoCode: string;
  title: string;
  summary: string;
  /** Body rendered from HTML/Markdown, boilerplate removed, sanitized. */
  bodyHtml: string;
  /** The post exactly as received (line endings normalized to \n). */
  sourceText: string;
  publishedAt: number;
  utcOffsetMin: number;
  updatedAt: number;
  sourceName: string | null;
  author: string | null;
  originalUrl: string | null;
  imageUrl: string | null;
  /** The primary category (the first of `categories`): URL, page, feeds. */
  category: { slug: string; name: string };
  /** Every category, primary first (Jekyll's folder categories, then front matter). */
  categories: { slug: string; name: string }[];
  /** Whether the post names its category's display name itself (footer, `category_name`, site file). */
  categoryNamed: boolean;
  tags: string[];
  /** `published: false` in front matter: stored, but not shown (and unpublished if it was shown). */
  status: "published" | "unpublished";
  /** The date named a day without a time: pages show the day alone. */
  dateOnly: boolean;
  /** Site URL + "\n" + site-relative path for a site import, else null: who owns the info code. */
  sourceKey: string | null;
  /** Accepted, but worth telling the partner (duplicate keys, Liquid removed, …). */
  warnings: { line: number; message: string }[];
  /** SHA-256 hex of sourceText plus the sanitizer version: same input, same hash. */
  contentHash: string;
  sanitizerVersion: number;
};

/** What the import command knows about the site a post comes from (its `_config.yml`). */
export type SiteContext = {
  /** `url` + `baseurl`: the partner's own address, for links to posts not imported. */
  url?: string;
  baseurl?: string;
  /** IANA zone name from `timezone`; dates without an offset are read in it (absent: UTC, as GitHub Pages builds). */
  timezone?: string;
  /** `defaults:` entries that apply to posts, as Jekyll scopes them. */
  defaults?: { scope: { path?: string; type?: string }; values: Record<string, unknown> }[];
  /** Category slug -> display name, from `_data/categories.yml`. */
  categoryNames?: Record<string, string>;
  /** The body's Liquid was already rendered by the import command: do not strip it again. */
  liquidRendered?: boolean;
};

/** A post that cannot be imported, with the 1-based line in the post where it went wrong. */
export class PostParseError extends Error {
  readonly line: number;
  readonly field: string | null;

  constructor(message: string, line: number, field: string | null = null) {
    super(message);
    this.name = "PostParseError";
    this.line = line;
    this.field = field;
  }
}

/** A post that cannot fit in D1 once rendered: refused with 413 and the numbers. */
export class PostTooLargeError extends PostParseError {
  readonly bytes: number;
  readonly limitBytes: number;

  constructor(message: string, line: number, bytes: number, limitBytes: number, field: string | null = "body") {
    super(message, line, field);
    this.name = "PostTooLargeError";
    this.bytes = bytes;
    this.limitBytes = limitBytes;
  }
}
