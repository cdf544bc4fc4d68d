/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). Objects are built field by field
 * in a fixed order and optional fields are left out rather than set to null, so the
 * output is compact, deterministic JSON. Pure: every date comes from the articles.
 */
import { allCategories, type Article } from "../db/types";
import { absoluteUrl, type SiteConfig } from "../lib/config";
import { toRfc3339 } from "../lib/time";
import {
  absoluteContentHtml,
  absoluteHttpUrl,
  articlePublished,
  articleUpdated,
  articleUrl,
  authorName,
  uniqueTags,
  type FeedSpec,
  type Stamp,
} from "./feed-model";
import { articleLang } from "./article-lang";
import { stripIllegalXmlChars } from "./xml";

export const JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1";

type JsonFeedAuthor = { name: string; url?: string };

/** Our extension (JSON Feed allows `_`-prefixed keys): attribution and identifiers. */
type EdgewireExtension = {
  source: string | null;
  source_url: string | null;
  info_code: string;
  category: { slug: string; name: string };
  /** Every category, primary first (the article is in each category's feed). */
  categories: { slug: string; name: string }[];
};

export type JsonFeedItem = {
  id: string;
  url: string;
  title: string;
  summary?: string;
  content_html?: string;
  content_text?: string;
  image?: string;
  date_published: string;
  date_modified: string;
  language?: string;
  tags: string[];
  authors: JsonFeedAuthor[];
  _edgewire: EdgewireExtension;
};

export type JsonFeed = {
  version: typeof JSON_FEED_VERSION;
  title: string;
  home_page_url: string;
  feed_url: string;
  description?: string;
  language: string;
  next_url?: string;
  hubs?: { type: "WebSub"; url: string }[];
  authors: JsonFeedAuthor[];
  items: JsonFeedItem[];
};

const rfc3339 = (stamp: Stamp): string => toRfc3339(stamp.instantMs, stamp.offsetMin);

/**
 * Every item needs content_html or content_text; an article with an empty body falls
 * back to its summary (or title) as plain text rather than an empty HTML string.
 */
function content(article: Article, site: SiteConfig): Pick<JsonFeedItem, "content_html" | "content_text"> {
  if (article.bodyHtml !== "") return { content_html: absoluteContentHtml(site, article) };
  return { content_text: article.summary !== "" ? article.summary : article.title };
}

function item(article: Article, site: SiteConfig): JsonFeedItem {
  const url = articleUrl(site, article.infoCode);
  const image = absoluteHttpUrl(site, article.imageUrl);
  return {
    id: url,
    url,
    title: article.title,
    ...(article.summary !== "" ? { summary: article.summary } : {}),
    ...content(article, site),
    ...(image ? { image } : {}),
    date_published: rfc3339(articlePublished(article)),
    date_modified: rfc3339(articleUpdated(article)),
    ...(articleLang(article, site) !== site.lang ? { language: articleLang(article, site) } : {}),
    tags: uniqueTags([...allCategories(article).map((c) => c.name), ...article.tags]),
    authors: [{ name: authorName(article, site) }],
    _edgewire: {
      source: article.sourceName || null,
      source_url: absoluteHttpUrl(site, article.originalUrl),
      info_code: article.infoCode,
      category: { slug: article.category.slug, name: article.category.name },
      categories: allCategories(article).map((c) => ({ slug: c.slug, name: c.name })),
    },
  };
}

export function buildJsonFeed(spec: FeedSpec): JsonFeed {
  const { site } = spec;
  return {
    version: JSON_FEED_VERSION,
    title: spec.title,
    home_page_url: absoluteUrl(site, spec.htmlPath),
    feed_url: absoluteUrl(site, spec.selfPath),
    ...(spec.description !== "" ? { description: spec.description } : {}),
    language: site.lang,
    ...(spec.nextPath ? { next_url: absoluteUrl(site, spec.nextPath) } : {}),
    ...(spec.hubUrl ? { hubs: [{ type: "WebSub" as const, url: spec.hubUrl }] } : {}),
    authors: [{ name: site.name, url: absoluteUrl(site, "/") }],
    items: spec.articles.map((article) => item(article, site)),
  };
}

/**
 * Compact JSON with a final newline; key order is the construction order above. Strings
 * lose the control characters the XML feeds drop too, so all three formats carry the
 * same text.
 */
export function renderJsonFeed(spec: FeedSpec): string {
  const clean = (_key: string, value: unknown): unknown => (typeof value === "string" ? stripIllegalXmlChars(value) : value);
  return JSON.stringify(buildJsonFeed(spec), clean) + "\n";
}
