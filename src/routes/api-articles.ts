/**
 * The article as JSON, for partners who render their own card. Field names are part of
 * the public contract: add, never rename. CORS: src/lib/cors.ts.
 */
import { changedAt, setLastModified } from "../lib/last-modified";
import { Hono } from "hono";
import { cacheTagHeader, CacheTags } from "../cache/tags";
import { getArticle } from "../db/articles";
import { createDb } from "../db/client";
import { allCategories } from "../db/types";
import type { AppEnv } from "../env";
import { absoluteUrl, siteConfig } from "../lib/config";
import { AppError } from "../lib/errors";
import { parseInfoCode, INFO_CODE_RULE } from "../lib/info-code";
import { articlePath, categoryPath, embedPath } from "../lib/paths";
import { toRfc3339 } from "../lib/time";
import { articleLang } from "../syndication/article-lang";
import { ROUTES } from "./public-routes";

export const apiArticles = new Hono<AppEnv>();

apiArticles.get(ROUTES.apiArticle.path, async (c) => {
  const infoCode = parseInfoCode(c.req.param("infoCode"));
  if (!infoCode) throw new AppError("not_found", `infoCode must be ${INFO_CODE_RULE}.`);
  const article = await getArticle(createDb(c.env.DB), infoCode);
  if (!article) throw new AppError("not_found", `No article has info code ${infoCode}.`);
  if (article.status !== "published") throw new AppError("gone", `Article ${article.infoCode} has been unpublished.`);
  const site = siteConfig(c.env);
  setLastModified(c, changedAt(article));
  c.header("Cache-Tag", cacheTagHeader([CacheTags.article(article.infoCode), ...allCategories(article).map((cat) => CacheTags.category(cat.slug))]));
  return c.json({
    infoCode: article.infoCode,
    url: absoluteUrl(site, articlePath(article.infoCode)),
    title: article.title,
    summary: article.summary,
    source: article.sourceName,
    sourceUrl: article.originalUrl,
    author: article.author,
    category: { slug: article.category.slug, name: article.category.name, url: absoluteUrl(site, categoryPath(article.category.slug)) },
    // Every category, primary first; `category` stays the primary one.
    categories: allCategories(article).map((cat) => ({ slug: cat.slug, name: cat.name, url: absoluteUrl(site, categoryPath(cat.slug)) })),
    tags: article.tags,
    publishedAt: toRfc3339(article.publishedAt, article.utcOffsetMin),
    updatedAt: toRfc3339(article.updatedAt, article.utcOffsetMin),
    image: article.imageUrl,
    // The language the pages and feeds label it with: front matter `lang`, else detected.
    lang: articleLang(article, site),
    embedUrl: absoluteUrl(site, embedPath(article.infoCode)),
  });
});
