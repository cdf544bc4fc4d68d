/**
 * The article as JSON, for partners who render their own card. Field names are part of
 * the public contract: add, never rename. CORS for any origin, never with credentials.
 */
import { Hono } from "hono";
import { cors } from "hono/cors";
import { getArticle } from "../db/articles";
import { createDb } from "../db/client";
import type { AppEnv } from "../env";
import { absoluteUrl, siteConfig } from "../lib/config";
import { AppError } from "../lib/errors";
import { toRfc3339 } from "../lib/time";

export const apiArticles = new Hono<AppEnv>();

apiArticles.use("/api/v1/articles/*", cors({ origin: "*", allowMethods: ["GET", "HEAD", "OPTIONS"], credentials: false, maxAge: 86400 }));

apiArticles.get("/api/v1/articles/:infoCode", async (c) => {
  const raw = c.req.param("infoCode");
  if (!/^[A-Za-z]{2}\d{18}$/.test(raw)) throw new AppError("not_found", "infoCode must be two letters and 18 digits, e.g. NW202204282363815497.");
  const article = await getArticle(createDb(c.env.DB), raw.toUpperCase());
  if (!article) throw new AppError("not_found", `No article has info code ${raw.toUpperCase()}.`);
  if (article.status !== "published") throw new AppError("gone", `Article ${article.infoCode} has been unpublished.`);
  const site = siteConfig(c.env);
  c.header("Cache-Tag", `article:${article.infoCode},category:${article.category.slug}`);
  return c.json({
    infoCode: article.infoCode,
    url: absoluteUrl(site, `/a/${article.infoCode}`),
    title: article.title,
    summary: article.summary,
    source: article.sourceName,
    sourceUrl: article.originalUrl,
    author: article.author,
    category: { slug: article.category.slug, name: article.category.name, url: absoluteUrl(site, `/category/${article.category.slug}.html`) },
    tags: article.tags,
    publishedAt: toRfc3339(article.publishedAt, article.utcOffsetMin),
    updatedAt: toRfc3339(article.updatedAt, article.utcOffsetMin),
    image: article.imageUrl,
    embedUrl: absoluteUrl(site, `/embed/${article.infoCode}`),
  });
});
