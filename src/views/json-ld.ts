/**
 * schema.org NewsArticle for share pages. Pure: everything comes from the article and
 * the site configuration, dates from the content (never the clock), so the page's bytes
 * and its ETag stay stable.
 */
import type { Article } from "../db/types";
import type { SiteConfig } from "../lib/config";
import { toRfc3339 } from "../lib/time";
import { siteLogo, type ShareImage } from "../syndication/share-image";

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
type JsonObject = { [key: string]: JsonValue };

export function newsArticleJsonLd(article: Article, site: SiteConfig, canonical: string, image: ShareImage, lang: string): JsonObject {
  const logo = siteLogo(site);
  const byline = article.author ?? article.sourceName;
  const data: JsonObject = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.title,
    description: article.summary,
    datePublished: toRfc3339(article.publishedAt, article.utcOffsetMin),
    dateModified: toRfc3339(article.updatedAt, article.utcOffsetMin),
    mainEntityOfPage: { "@type": "WebPage", "@id": canonical },
    url: canonical,
    articleSection: article.category.name,
    keywords: article.tags,
    inLanguage: lang,
    publisher: {
      "@type": "Organization",
      name: site.name,
      url: `${site.url}/`,
      logo: { "@type": "ImageObject", url: logo.url, width: logo.width, height: logo.height },
    },
    image: [image.url],
  };
  // A named author is a person; without one the byline is the source, an organization.
  if (byline) data.author = { "@type": article.author ? "Person" : "Organization", name: byline };
  if (article.sourceName) data.sourceOrganization = { "@type": "Organization", name: article.sourceName };
  if (article.originalUrl) data.isBasedOn = article.originalUrl;
  return data;
}

/**
 * JSON for a <script type="application/ld+json"> body. Inside <script> the HTML parser
 * only looks for `</script` and `<!--`, both of which need `<`; escaping `<`, `>` and `&`
 * as JSON \u escapes keeps any title from ending the script early while JSON.parse still
 * reads the same strings. U+2028/2029 are escaped for old JavaScript parsers.
 */
export function serializeJsonLd(data: JsonObject): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
