/**
 * An article's language: its front matter `lang` when the partner gave one (stored in
 * articles.lang, checked at ingest by src/lib/lang.ts), else English
 * for a post with Latin letters and no CJK text at all (the partner feeds are Chinese;
 * their occasional English wire stories are the case this catches), else the site's
 * language. Used for <html lang>, og:locale, JSON-LD inLanguage, the feeds and the embed card.
 */
import type { Article } from "../db/types";
import type { SiteConfig } from "../lib/config";
import { normalizeLang } from "../lib/lang";

/** Han, kana, Hangul and CJK punctuation/full-width forms. */
const CJK = /[\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/;
const LATIN = /[A-Za-z]/;

/** The language a text with no stated one is in, as far as we can tell without a model. */
export function detectLang(text: string, fallback: string): string {
  return !CJK.test(text) && LATIN.test(text) ? "en" : fallback;
}

type LangSource = Pick<Article, "title" | "summary" | "bodyHtml" | "lang">;

export function articleLang(article: LangSource, site: SiteConfig): string {
  const stated = normalizeLang(article.lang);
  if (stated) return stated;
  // Tags are stripped so markup and URLs (always Latin) cannot make a Chinese post "English".
  const text = `${article.title} ${article.summary} ${article.bodyHtml.replace(/<[^>]*>/g, " ")}`;
  return detectLang(text, site.lang);
}
