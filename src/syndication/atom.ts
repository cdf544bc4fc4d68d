/**
 * Atom 1.0 (RFC 4287). Feed and entries carry exactly one id, title and updated each;
 * ids are permanent URLs (the feed's self URL, the article's share URL), so they never
 * change when the content does. Pure: every date comes from the articles.
 *
 * Source attribution: Atom's <source> element is for copying *feed* metadata from the
 * feed an entry came from, which partners do not give us, so it is not used. Instead the
 * original article is a `link rel="via"` (RFC 4287 §4.2.7.2: "the source of the
 * information provided in the entry") and the source is the byline: the entry's author
 * when no person is named, else a contributor next to the named author.
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
  feedUpdated,
  GENERATOR,
  imageMimeType,
  uniqueTags,
  type FeedSpec,
  type Stamp,
} from "./feed-model";
import { articleLang } from "./article-lang";
import { el, renderXmlDocument, type XmlElement } from "./xml";

const ATOM_NS = "http://www.w3.org/2005/Atom";

const rfc3339 = (stamp: Stamp): string => toRfc3339(stamp.instantMs, stamp.offsetMin);

/** Category schemes: the site's own category and tag URL spaces. */
const categoryScheme = (site: SiteConfig): string => absoluteUrl(site, "/category/");
const tagScheme = (site: SiteConfig): string => absoluteUrl(site, "/tag/");

function person(kind: "author" | "contributor", name: string, uri?: string): XmlElement {
  return el(kind, {}, [el("name", {}, name), uri !== undefined && el("uri", {}, uri)]);
}

function entry(article: Article, site: SiteConfig): XmlElement {
  const link = articleUrl(site, article.infoCode);
  const original = absoluteHttpUrl(site, article.originalUrl);
  const image = absoluteHttpUrl(site, article.imageUrl);
  // xml:lang only where the entry's language differs from the feed's.
  const lang = articleLang(article, site);
  return el("entry", lang !== site.lang ? { "xml:lang": lang } : {}, [
    el("id", {}, link),
    el("title", { type: "text" }, article.title),
    el("updated", {}, rfc3339(articleUpdated(article))),
    el("published", {}, rfc3339(articlePublished(article))),
    el("link", { rel: "alternate", type: "text/html", href: link }),
    original && el("link", { rel: "via", href: original }),
    image && el("link", { rel: "enclosure", type: imageMimeType(image), href: image }),
    person("author", authorName(article, site)),
    article.author && article.sourceName && article.sourceName !== article.author && person("contributor", article.sourceName),
    article.summary !== "" && el("summary", { type: "text" }, article.summary),
    article.bodyHtml !== "" && el("content", { type: "html" }, absoluteContentHtml(site, article)),
    ...allCategories(article).map((c) => el("category", { term: c.slug, scheme: categoryScheme(site), label: c.name })),
    ...uniqueTags(article.tags).map((tag) => el("category", { term: tag, scheme: tagScheme(site) })),
  ]);
}

export function renderAtom(spec: FeedSpec): string {
  const { site } = spec;
  const self = absoluteUrl(site, spec.selfPath);
  const feed = el("feed", { xmlns: ATOM_NS, "xml:lang": site.lang }, [
    el("id", {}, self),
    el("title", { type: "text" }, spec.title),
    spec.description !== "" && el("subtitle", { type: "text" }, spec.description),
    el("updated", {}, rfc3339(feedUpdated(spec.articles))),
    el("link", { rel: "self", type: "application/atom+xml", href: self }),
    el("link", { rel: "alternate", type: "text/html", href: absoluteUrl(site, spec.htmlPath) }),
    spec.hubUrl && el("link", { rel: "hub", href: spec.hubUrl }),
    // Feed-level author: RFC 4287 §4.1.1 then holds for every entry even without its own.
    person("author", site.name, absoluteUrl(site, "/")),
    el("generator", {}, GENERATOR),
    spec.category &&
      el("category", { term: spec.category.slug, scheme: categoryScheme(site), label: spec.category.name }),
    ...spec.articles.map((article) => entry(article, site)),
  ]);
  return renderXmlDocument(feed);
}
