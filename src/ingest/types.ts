/** What parsing a post produces is what the database stores: its type lives with the data layer. */
export type { ParsedPost } from "../db/types";

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
