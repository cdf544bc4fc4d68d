/**
 * RSS 2.0 (https://www.rssboard.org/rss-specification) with the Atom namespace for the
 * self/hub links, content:encoded for the full body and dc:creator for the byline.
 * Pure: every date comes from the articles (see feed-model.ts).
 */
import { allCategories, type Article } from "../db/types";
import { absoluteUrl, type SiteConfig } from "../lib/config";
import { toRfc822 } from "../lib/time";
import {
  absoluteContentHtml,
  absoluteHttpUrl,
  articlePublished,
  articleUrl,
  authorName,
  categoryUrl,
  feedUpdated,
  GENERATOR,
  imageMimeType,
  uniqueTags,
  type FeedSpec,
  type Stamp,
} from "./feed-model";
import { articleLang } from "./article-lang";
import { el, renderXmlDocument, type XmlElement } from "./xml";

const NAMESPACES = {
  "xmlns:atom": "http://www.w3.org/2005/Atom",
  "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
  "xmlns:dc": "http://purl.org/dc/elements/1.1/",
} as const;

const rfc822 = (stamp: Stamp): string => toRfc822(stamp.instantMs, stamp.offsetMin);

const HTML_ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * RSS 2.0 leaves open whether `title` and `description` are text or HTML, and most readers
 * render them as HTML once the XML is decoded: a summary `<img src=x onerror=…>`, escaped
 * once for XML, came out as live markup there. So these plain-text fields are escaped as
 * HTML first and then (by el()) as XML: a reader that takes them as HTML shows the text,
 * and one that takes them as text shows entities only for the rare `&`, `<`, `>` and quotes.
 */
export function rssText(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

function item(article: Article, site: SiteConfig): XmlElement {
  const link = articleUrl(site, article.infoCode);
  const image = absoluteHttpUrl(site, article.imageUrl);
  const original = absoluteHttpUrl(site, article.originalUrl);
  return el("item", {}, [
    el("title", {}, rssText(article.title)),
    el("link", {}, link),
    // The share URL is permanent (it is the canonical URL), so it is the guid as well.
    el("guid", { isPermaLink: "true" }, link),
    el("pubDate", {}, rfc822(articlePublished(article))),
    article.summary !== "" && el("description", {}, rssText(article.summary)),
    article.bodyHtml !== "" && el("content:encoded", {}, absoluteContentHtml(site, article)),
    ...allCategories(article).map((c) => el("category", { domain: categoryUrl(site, c.slug) }, c.name)),
    ...uniqueTags(article.tags).map((tag) => el("category", {}, tag)),
    // The same byline Atom and JSON Feed give: readers show dc:creator as "by …".
    el("dc:creator", {}, authorName(article, site)),
    // RSS has no per-item language; Dublin Core's names it where it differs from the channel's.
    articleLang(article, site) !== site.lang && el("dc:language", {}, articleLang(article, site)),
    // RSS requires the url attribute; without an original link the attribution points home.
    article.sourceName && el("source", { url: original ?? link }, article.sourceName),
    // The length is unknown without fetching the image; RSS readers accept 0.
    image && el("enclosure", { url: image, type: imageMimeType(image), length: "0" }),
  ]);
}

export function renderRss(spec: FeedSpec): string {
  const { site } = spec;
  const channel = el("channel", {}, [
    el("title", {}, rssText(spec.title)),
    el("link", {}, absoluteUrl(site, spec.htmlPath)),
    el("description", {}, rssText(spec.description)),
    el("language", {}, site.lang),
    el("lastBuildDate", {}, rfc822(feedUpdated(spec.articles))),
    el("generator", {}, GENERATOR),
    spec.category && el("category", { domain: categoryUrl(site, spec.category.slug) }, spec.category.name),
    el("atom:link", { href: absoluteUrl(site, spec.selfPath), rel: "self", type: "application/rss+xml" }),
    spec.hubUrl && el("atom:link", { href: spec.hubUrl, rel: "hub" }),
    ...spec.articles.map((article) => item(article, site)),
  ]);
  return renderXmlDocument(el("rss", { version: "2.0", ...NAMESPACES }, [channel]));
}
