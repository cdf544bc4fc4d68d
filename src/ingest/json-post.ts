/**
 * PUT /api/v1/admin/articles/{infoCode} takes JSON; rather than a second write path, the
 * JSON becomes a post in the partner format and goes through the same parser, sanitizer
 * and writer as every import. The stored source text is that post.
 */
import { stringify } from "yaml";
import type { ArticleJson } from "./article-json";

// The schema lives in article-json.ts (the main Worker validates with it without the yaml library).
export { articleJson, type ArticleJson } from "./article-json";

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
    ...(article.lang ? { lang: article.lang } : {}),
  };
  return `---\n${stringify(front, { lineWidth: 0 })}---\n${article.body.trimEnd()}\n`;
}
