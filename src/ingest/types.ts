/** What parsing a post produces is what the database stores: its type lives with the data layer. */
export type { ParsedPost } from "../db/types";

/** What the import command knows about the site a post comes from (its `_config.yml`). */
export type SiteContext = {
  /** `url` + `baseurl`: the partner's own address, for links to posts not imported. */
  url?: string;
  baseurl?: string;
  /**
   * `permalink` (or `collections.posts.permalink`): a Jekyll style name (`date`, `pretty`,
   * `ordinal`, `none`, `weekdate`) or a pattern; absent: `date`, Jekyll's default. With
   * baseurl it gives each post's old URL (src/ingest/jekyll-url.ts).
   */
  permalink?: string;
  /** IANA zone name from `timezone`; dates without an offset are read in it (absent: UTC, as GitHub Pages builds). */
  timezone?: string;
  /**
   * Top-level `lang`, as written (a scalar's text): the language of posts whose front
   * matter and defaults give none (src/ingest/post-lang.ts checks it, per post).
   */
  lang?: string;
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
