/**
 * Partner embeds: the framed card, the partner script and the oEmbed provider.
 * The card is the one page that may be framed: its CSP names the partner origins in
 * frame-ancestors (any site when EMBED_PARTNERS is empty) and it sends no X-Frame-Options,
 * which would contradict it (the security-headers middleware leaves a route's own
 * frame-ancestors alone).
 */
import { changedAt, setLastModified } from "../lib/last-modified";
import { Hono, type Context } from "hono";
import { cacheTagHeader, CacheTags } from "../cache/tags";
import { getArticle } from "../db/articles";
import { createDb } from "../db/client";
import type { Article } from "../db/types";
import type { AppEnv } from "../env";
import { cardScriptCspHash, EMBED_SCRIPT } from "../embed/scripts";
import { appConfig, siteConfig } from "../lib/config";
import { parseInfoCode, type InfoCode } from "../lib/info-code";
import { AppError } from "../lib/errors";
import { articleLang } from "../syndication/article-lang";
import { buildOEmbed, oembedXml, ownArticleCode, parseMax } from "../syndication/oembed";
import { EmbedCard, type CardTheme } from "../views/EmbedCard";
import { ROUTES } from "./public-routes";

export const embed = new Hono<AppEnv>();

/** Partner origins as CSP sources; anything that is not a plain http(s) origin is ignored. */
export function frameAncestors(partners: string[]): string {
  return partners.length > 0 ? partners.join(" ") : "*";
}

async function cardCsp(c: Context<AppEnv>): Promise<string> {
  return [
    "default-src 'none'",
    "img-src https: http: data:",
    "style-src 'unsafe-inline'",
    `script-src ${await cardScriptCspHash()}`,
    "base-uri 'none'",
    `frame-ancestors ${frameAncestors(appConfig(c.env).embedPartners)}`,
  ].join("; ");
}

type Missing = { missing: 404 | 410; infoCode: InfoCode | null };

async function publishedArticle(c: Context<AppEnv>, raw: string | undefined): Promise<Article | Missing> {
  const infoCode = parseInfoCode(raw);
  if (!infoCode) return { missing: 404, infoCode };
  const article = await getArticle(createDb(c.env.DB), infoCode);
  if (!article) return { missing: 404, infoCode };
  if (article.status !== "published") return { missing: 410, infoCode };
  return article;
}

const articleTags = (a: Article): string => cacheTagHeader([CacheTags.article(a.infoCode), CacheTags.category(a.category.slug)]);

embed.get(ROUTES.embedCard.path, async (c) => {
  c.header("Content-Security-Policy", await cardCsp(c));
  const found = await publishedArticle(c, c.req.param("infoCode"));
  if ("missing" in found) {
    // Tagged with the article it misses: creating or republishing it purges this card.
    if (found.infoCode) c.header("Cache-Tag", cacheTagHeader([CacheTags.article(found.infoCode)]));
    const text = found.missing === 410 ? "这篇文章已下线。" : "找不到这篇文章。";
    return c.html(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${text}</title><p style="font:14px sans-serif;margin:12px">${text}</p></html>`, found.missing);
  }
  const themeParam = c.req.query("theme");
  const theme: CardTheme = themeParam === "light" || themeParam === "dark" ? themeParam : "auto";
  const langParam = c.req.query("lang");
  // The card shows the article, so it speaks the article's language unless the embedder names one.
  const lang = langParam && /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?$/.test(langParam) ? langParam : articleLang(found, siteConfig(c.env));
  c.header("Cache-Tag", articleTags(found));
  setLastModified(c, changedAt(found));
  return c.html("<!doctype html>" + String(EmbedCard({ site: siteConfig(c.env), article: found, theme, lang })));
});

embed.get(ROUTES.embedScript.path, (c) => {
  c.header("Content-Type", "application/javascript; charset=utf-8");
  c.header("Cross-Origin-Resource-Policy", "cross-origin");
  c.header("Cache-Tag", CacheTags.embedScript);
  return c.body(EMBED_SCRIPT);
});

embed.get(ROUTES.oembed.path, async (c) => {
  const format = c.req.query("format") ?? "json";
  if (format !== "json" && format !== "xml") {
    throw new AppError("not_implemented", `format=${format.slice(0, 20)} is not supported; use json or xml.`);
  }
  const site = siteConfig(c.env);
  const code = ownArticleCode(c.req.query("url"), site);
  if (!code) throw new AppError("not_found", `url must be an article URL on ${site.url} (/a/{infoCode}).`);
  const found = await publishedArticle(c, code);
  if ("missing" in found) throw new AppError("not_found", `No published article has info code ${code}.`);
  const data = buildOEmbed(found, site, parseMax(c.req.query("maxwidth")), parseMax(c.req.query("maxheight")));
  c.header("Cache-Tag", articleTags(found));
  setLastModified(c, changedAt(found));
  if (format === "xml") {
    c.header("Content-Type", "text/xml; charset=utf-8");
    return c.body(oembedXml(data));
  }
  return c.json(data);
});
