/**
 * The size of the `articles` row a post becomes, checked against D1's row limit before
 * anything is written (src/lib/d1-limits.ts). Sanitizing can grow a body several times
 * (`&` becomes `&amp;`), so the check runs on what will be stored, not on what was sent.
 */
import { D1_MAX_ROW_BYTES, utf8Bytes } from "../lib/d1-limits";
import { PostTooLargeError, type ParsedPost } from "./types";

/** SQLite's record header and the integer columns: a few bytes each, rounded up generously. */
const FIXED_ROW_BYTES = 256;

export function rowBytes(post: ParsedPost): number {
  const texts = [post.infoCode, post.title, post.summary, post.bodyHtml, post.sourceText, post.sourceName, post.author, post.originalUrl, post.imageUrl, post.contentHash];
  return texts.reduce((sum, text) => sum + (text === null ? 0 : utf8Bytes(text)), FIXED_ROW_BYTES);
}

/** Throws PostTooLargeError (413) naming the sizes when the stored row would not fit. */
export function checkRowSize(post: ParsedPost, bodyStartLine = 1): void {
  const bytes = rowBytes(post);
  if (bytes <= D1_MAX_ROW_BYTES) return;
  const body = utf8Bytes(post.bodyHtml);
  throw new PostTooLargeError(
    `Stored, this article would be ${bytes} bytes (sanitized body ${body}, source ${utf8Bytes(post.sourceText)}); D1 rows hold at most ${D1_MAX_ROW_BYTES} bytes. Split the article or send less markup.`,
    bodyStartLine,
    bytes,
    D1_MAX_ROW_BYTES,
  );
}
