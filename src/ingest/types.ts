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
  category: { slug: string; name: string };
  tags: string[];
  /** SHA-256 hex of sourceText plus the sanitizer version: same input, same hash. */
  contentHash: string;
  sanitizerVersion: number;
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
