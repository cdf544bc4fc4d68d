/**
 * PUT /api/v1/admin/articles/{infoCode} takes JSON; rather than a second write path, the
 * JSON becomes a post in the partner format and goes through the same parser, sanitizer
 * and writer as every import. The stored source text is that post.
 */
import { stringify } from "yaml";
import * as z from "zod";

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an absolute http(s) URL" });
const dateText = z
  .string()
  .min(10)
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?\s*(Z|[+-]\d{2}:?\d{2})?$/, "must look like 2022-04-28 14:08:53 +0800 or RFC 3339");

export const articleJson = z.strictObject({
  title: z.string().trim().min(1, "must not be empty").max(300),
  date: dateText,
  updated: dateText.optional(),
  body: z.string().min(1, "must not be empty").max(900_000, "must be under 900,000 characters"),
  category: z.strictObject({
    slug: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "must be lower-case letters, digits, - or _"),
    name: z.string().trim().min(1).max(100),
  }),
  tags: z.array(z.string().trim().min(1).max(64)).max(20).default([]),
  description: z.string().max(1000).optional(),
  source: z.string().max(200).optional(),
  author: z.string().max(200).optional(),
  originalUrl: httpUrl.optional(),
  image: httpUrl.optional(),
  status: z.enum(["published", "unpublished"]).optional(),
});

export type ArticleJson = z.infer<typeof articleJson>;

export function jsonToPost(infoCode: string, article: ArticleJson): string {
  const front: Record<string, unknown> = {
    layout: "post",
    title: article.title,
    date: article.date,
    ...(article.updated ? { updated: article.updated } : {}),
    categories: article.category.slug,
    category_name: article.category.name,
    tags: article.tags,
    info_code: infoCode,
    ...(article.description ? { description: article.description } : {}),
    ...(article.source ? { source: article.source } : {}),
    ...(article.author ? { author: article.author } : {}),
    ...(article.originalUrl ? { original_url: article.originalUrl } : {}),
    ...(article.image ? { image: article.image } : {}),
  };
  return `---\n${stringify(front, { lineWidth: 0 })}---\n${article.body.trimEnd()}\n`;
}
