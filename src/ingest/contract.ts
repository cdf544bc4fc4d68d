/**
 * The contract between the main Worker and the ingest Worker (src/ingest/worker.ts, reached
 * through the INGEST service binding): what is sent to be parsed, and what comes back. Both
 * sides validate what they receive with these schemas, so a Worker deployed from another
 * version fails loudly at the boundary (503, nothing written) instead of storing half a post.
 *
 * This file is light on purpose (zod/mini and types only): the main Worker imports it, and
 * anything it imported would land in the main bundle.
 */
// zod/mini: the same validation as zod, tree-shakable, about 20 KB (gzip) less in the bundle.
import * as z from "zod/mini";
import type { ParsedPost } from "../db/types";
import { MAX_LANG_CHARS, normalizeLang } from "../lib/lang";
import { articleJson } from "./article-json";
import type { SiteContext } from "./types";

/** One post as the import API received it (the envelope, already validated by the main Worker). */
export type ParseInput = { name?: string; path?: string; text: string };

export type ParsePostsRequest = { inputs: ParseInput[]; site?: SiteContext };

/** Why one post was refused, in words a partner can act on (ImportResult's fields for it). */
export type ParseRejection = {
  reason: string;
  line?: number;
  field?: string;
  /** For a post too big to store: its size and the limit, in bytes (413 when alone). */
  bytes?: number;
  limitBytes?: number;
};

/** One outcome per input, in the order sent. */
export type ParseOutcome = { ok: true; post: ParsedPost } | { ok: false; rejection: ParseRejection };

/**
 * Not parsed in this call, to keep the answer within ANSWER_BUDGET_BYTES: the caller sends
 * it again in another call. The first post of a call is never deferred, so every call makes
 * progress, and no answer nears the RPC message limit (32 MiB) however large the posts render.
 */
export type Deferred = { ok: false; deferred: true };
export type WireOutcome = ParseOutcome | Deferred;

/**
 * What one parsePosts answer may carry, counted as the ingest Worker measures it
 * (answerBytes: two bytes per UTF-16 unit of every string, as V8 serializes non-Latin-1 text).
 * A quarter of the RPC limit: the estimate never undercounts by that much.
 */
export const ANSWER_BUDGET_BYTES = 8 * 1024 * 1024;

/** Compile-time check that a schema produces exactly the type the rest of the code uses. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const TEXT_MAX = 4_000_000; // D1's 2 MB row limit in UTF-8 bytes can be at most this many UTF-16 units, with room.
const nullableText = z.nullable(z.string().check(z.maxLength(TEXT_MAX)));
const categoryRef = z.object({ slug: z.string().check(z.maxLength(200)), name: z.string().check(z.maxLength(500)) });

/** ParsedPost (src/db/types.ts) as it crosses the binding. A field added there fails `npm run typecheck` here until added. */
export const parsedPostSchema = z.object({
  infoCode: z.string().check(z.regex(/^[A-Z]{2}\d{18}$/)),
  priorCodes: z.array(z.string().check(z.regex(/^[A-Z]{2}\d{18}$/))).check(z.maxLength(4)),
  codeFileName: nullableText,
  title: z.string().check(z.maxLength(2000)),
  summary: z.string().check(z.maxLength(TEXT_MAX)),
  bodyHtml: z.string().check(z.maxLength(TEXT_MAX)),
  publishedAt: z.number().check(z.int()),
  utcOffsetMin: z.number().check(z.int()),
  dateOnly: z.boolean(),
  updatedAt: z.number().check(z.int()),
  sourceName: nullableText,
  author: nullableText,
  originalUrl: nullableText,
  imageUrl: nullableText,
  category: categoryRef,
  categories: z.array(categoryRef).check(z.maxLength(1000)),
  categoryNamed: z.boolean(),
  namedCategorySlugs: z.array(z.string().check(z.maxLength(200))).check(z.maxLength(1000)),
  tags: z.array(z.string()).check(z.maxLength(100)),
  status: z.enum(["published", "unpublished"]),
  warnings: z.array(z.object({ line: z.number(), message: z.string() })),
  sourceKey: nullableText,
  sourceText: z.string().check(z.maxLength(TEXT_MAX)),
  contentHash: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  sanitizerVersion: z.number().check(z.int()),
  jekyllUrl: z.nullable(z.string().check(z.maxLength(4000))),
  // Absent when the post states none (or a malformed one); when present, already canonical.
  lang: z.optional(z.string().check(z.maxLength(MAX_LANG_CHARS), z.refine((v) => normalizeLang(v) === v, "must be a canonical BCP 47 tag"))),
});
/**
 * ParsedPost declares dateOnly optional (it is shared with stored articles); the parser
 * always sets it. lang stays optional: absent means none was stated.
 */
type WireParsedPost = Required<Omit<ParsedPost, "lang">> & Pick<ParsedPost, "lang">;
const parsedPostMatches: Same<z.infer<typeof parsedPostSchema>, WireParsedPost> = true;
void parsedPostMatches;

const rejectionSchema = z.object({
  reason: z.string(),
  line: z.optional(z.number()),
  field: z.optional(z.string()),
  bytes: z.optional(z.number()),
  limitBytes: z.optional(z.number()),
});

const outcomeSchema = z.union([
  z.object({ ok: z.literal(true), post: parsedPostSchema }),
  z.object({ ok: z.literal(false), rejection: rejectionSchema }),
]);
const wireOutcomeSchema = z.union([outcomeSchema, z.object({ ok: z.literal(false), deferred: z.literal(true) })]);

/** What the main Worker accepts back: exactly `count` outcomes, each a post, a rejection or (parsePosts only) deferred. */
export function outcomesSchema(count: number) {
  return z.array(wireOutcomeSchema).check(z.length(count, `expected ${count} outcomes`));
}

const outcomeMatches: Same<z.infer<typeof outcomeSchema>, { ok: true; post: WireParsedPost } | { ok: false; rejection: ParseRejection }> = true;
void outcomeMatches;

const siteContextSchema = z.object({
  url: z.optional(z.string()),
  baseurl: z.optional(z.string()),
  permalink: z.optional(z.string()),
  timezone: z.optional(z.string()),
  lang: z.optional(z.string()),
  defaults: z.optional(z.array(z.object({ scope: z.object({ path: z.optional(z.string()), type: z.optional(z.string()) }), values: z.record(z.string(), z.unknown()) }))),
  categoryNames: z.optional(z.record(z.string(), z.string())),
  liquidRendered: z.optional(z.boolean()),
});

/** What the ingest Worker accepts: the main Worker has already applied the request's own limits. */
export const parsePostsRequestSchema = z.object({
  inputs: z.array(z.object({ name: z.optional(z.string()), path: z.optional(z.string()), text: z.string() })),
  site: z.optional(siteContextSchema),
});

export const parseArticleRequestSchema = z.object({
  infoCode: z.string().check(z.regex(/^[A-Z]{2}\d{18}$/)),
  article: articleJson,
});

export type ParseArticleRequest = z.infer<typeof parseArticleRequestSchema>;

export const versionSchema = z.object({ sanitizerVersion: z.number().check(z.int()) });

/** The ingest Worker's RPC methods (src/ingest/worker.ts implements them; main calls them through INGEST). */
export interface IngestApi {
  parsePosts(request: ParsePostsRequest): Promise<WireOutcome[]>;
  parseArticle(request: ParseArticleRequest): Promise<ParseOutcome>;
  version(): { sanitizerVersion: number };
}
