/**
 * Size limits both Workers need: the main Worker checks the request envelope with them
 * before handing posts to the ingest Worker, which checks them again while parsing. Kept
 * apart from parse-post.ts so that importing a number does not bring the parser along.
 */

/**
 * One post's source, UTF-8: far above any real article (a long one is 50 KB), and small
 * enough that its source and rendered body fit one D1 row together in ordinary cases.
 */
export const MAX_POST_BYTES = 900 * 1024;
