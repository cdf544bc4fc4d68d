/**
 * The JSON article PUT /api/v1/admin/articles/{infoCode} takes. The main Worker validates
 * it (the request envelope); the ingest Worker turns it into a post (json-post.ts). Only
 * zod here: the main bundle imports this file.
 */
// zod/mini: the same validation as zod, tree-shakable, about 20 KB (gzip) less in the bundle.
import * as z from "zod/mini";
import { MAX_LANG_CHARS, normalizeLang } from "../lib/lang";
import { MAX_POST_BYTES } from "./limits";

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an absolute http(s) URL" });
// One message for every way a date can be wrong ("yesterday" is too short before it is malformed).
const DATE_RULE = "must be a date like 2022-04-28 14:08:53 +0800 or 2022-04-28T14:08:53+08:00 (RFC 3339)";
const dateText = z
  .string(DATE_RULE)
  .check(
    z.minLength(10, DATE_RULE),
    z.maxLength(40, DATE_RULE),
    z.regex(/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?\s*(Z|[+-]\d{2}:?\d{2})?$/, DATE_RULE),
  );
const text = (max: number) => z.string().check(z.trim(), z.minLength(1, "must not be empty"), z.maxLength(max));
const optionalText = (max: number) => z.optional(z.string().check(z.maxLength(max)));

export const articleJson = z.strictObject({
  title: text(300),
  date: dateText,
  updated: z.optional(dateText),
  body: z.string().check(z.minLength(1, "must not be empty"), z.maxLength(MAX_POST_BYTES, `must be at most ${MAX_POST_BYTES} characters`)),
  category: z.strictObject({
    slug: z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "must be lower-case letters, digits, - or _")),
    name: text(100),
  }),
  tags: z._default(z.array(text(64)).check(z.maxLength(20)), []),
  description: optionalText(1000),
  source: optionalText(200),
  author: optionalText(200),
  originalUrl: z.optional(httpUrl),
  image: z.optional(httpUrl),
  // Strict here, unlike front matter (which warns and detects): a JSON client can fix its call.
  lang: z.optional(
    z.string().check(
      z.maxLength(MAX_LANG_CHARS),
      z.refine((v) => normalizeLang(v) !== null, "must be a BCP 47 language tag such as en, zh-CN or zh-TW"),
    ),
  ),
  status: z.optional(z.enum(["published", "unpublished"])),
});

export type ArticleJson = z.infer<typeof articleJson>;
