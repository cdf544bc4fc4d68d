/**
 * The share page at /a/{infoCode} (and the legacy NewsShare.html URL, same bytes).
 * Head: canonical, Open Graph, Twitter Card, NewsArticle JSON-LD and oEmbed discovery,
 * so links pasted into chat apps, search engines and partner CMSs all unfurl the same.
 */
import { raw } from "hono/html";
import { allCategories, type Article, type ArticleListItem, type CategoryRef } from "../db/types";
import { absoluteUrl, type SiteConfig } from "../lib/config";
import { ogLocale } from "../lib/lang";
import { formatShownDate, toRfc3339 } from "../lib/time";
import { ArticleList, listStyles } from "./ArticleList";
import { bodyImages } from "./figures";
import type { StylePart } from "./styles";
import { newsArticleJsonLd, serializeJsonLd } from "./json-ld";
import { Layout } from "./Layout";
import { articlePath, beaconPath, categoryPath, tagPath } from "../lib/paths";
import { articleLang } from "../syndication/article-lang";
import { httpUrl as safeUrl, shareImage, type ShareImage } from "../syndication/share-image";

export type ArticlePageProps = {
  site: SiteConfig;
  article: Article;
  /** Chosen by shared tags and category (src/db/related.ts); the page carries those cache tags. */
  related?: ArticleListItem[];
  nav?: readonly CategoryRef[];
};

/**
 * The one place raw HTML enters a page. bodyHtml was sanitized at ingest
 * (src/ingest/sanitize.ts: allow-listed tags and attributes, no scripts, no event
 * handlers, no javascript: URLs), so re-escaping it here would show readers tags.
 */
function ArticleBody(props: { bodyHtml: string; cjk: boolean; hasSource: boolean }) {
  const { bodyHtml, cjk, hasSource } = props;
  // The byline names the source, so the partner's credit paragraph would say it twice. The
  // sanitizer writes that paragraph exactly so (its one kept class), and <p> cannot nest.
  const html = hasSource ? bodyHtml.replace(/<p class="em_media">[\s\S]*?<\/p>/, "") : bodyHtml;
  return <div class={cjk ? "body cjk" : "body"}>{raw(bodyImages(html))}</div>;
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g;

/** Justified text suits CJK (every character one em); Latin text justified at 375 px gets wide gaps. */
function isMostlyCjk(text: string): boolean {
  const letters = text.replace(/[\s\p{P}\p{S}\d]/gu, "").length;
  return letters > 0 && (text.match(CJK)?.length ?? 0) * 2 >= letters;
}

/** og:image with its size, type and alt, and the Twitter equivalents: one image, never the beacon. */
function ImageMeta(props: { image: ShareImage }) {
  const { image } = props;
  return (
    <>
      <meta property="og:image" content={image.url} />
      {image.url.startsWith("https://") ? <meta property="og:image:secure_url" content={image.url} /> : null}
      {image.type ? <meta property="og:image:type" content={image.type} /> : null}
      {image.width ? <meta property="og:image:width" content={String(image.width)} /> : null}
      {image.height ? <meta property="og:image:height" content={String(image.height)} /> : null}
      <meta property="og:image:alt" content={image.alt} />
      <meta name="twitter:card" content="summary_large_image" />
      <meta name="twitter:image" content={image.url} />
      <meta name="twitter:image:alt" content={image.alt} />
    </>
  );
}

function ArticleHead(props: { site: SiteConfig; article: Article; canonical: string; image: ShareImage; lang: string }) {
  const { site, article, canonical, image, lang } = props;
  const published = toRfc3339(article.publishedAt, article.utcOffsetMin);
  const modified = toRfc3339(article.updatedAt, article.utcOffsetMin);
  const oembed = (format: "json" | "xml") =>
    absoluteUrl(site, `/oembed?url=${encodeURIComponent(canonical)}&format=${format}`);
  const byline = article.author ?? article.sourceName;
  return (
    <>
      {byline ? <meta name="author" content={byline} /> : null}
      <meta property="og:type" content="article" />
      <meta property="og:title" content={article.title} />
      <meta property="og:description" content={article.summary} />
      <meta property="og:url" content={canonical} />
      <meta property="og:site_name" content={site.name} />
      <meta property="og:locale" content={ogLocale(lang)} />
      <ImageMeta image={image} />
      <meta property="article:published_time" content={published} />
      <meta property="article:modified_time" content={modified} />
      {article.author ? <meta property="article:author" content={article.author} /> : null}
      <meta property="article:section" content={article.category.name} />
      {article.tags.map((tag) => (
        <meta property="article:tag" content={tag} />
      ))}
      {site.twitterSite ? <meta name="twitter:site" content={site.twitterSite} /> : null}
      <meta name="twitter:title" content={article.title} />
      <meta name="twitter:description" content={article.summary} />
      <link rel="alternate" type="application/json+oembed" href={oembed("json")} title={article.title} />
      <link rel="alternate" type="text/xml+oembed" href={oembed("xml")} title={article.title} />
      {/* JSON, not HTML: serializeJsonLd escapes `<` so no title can close the script. */}
      <script
        type="application/ld+json"
        dangerouslySetInnerHTML={{ __html: serializeJsonLd(newsArticleJsonLd(article, site, canonical, image, lang)) }}
      />
    </>
  );
}

/** The source, once: its name, linked to the original when there is one. */
function Source(props: { name: string | null; url: string | null }) {
  const { name, url } = props;
  if (url) {
    return (
      <span>
        来源：
        <a href={url} rel="nofollow noopener">
          {name ?? "原文"}
        </a>
      </span>
    );
  }
  return name ? <span>来源：{name}</span> : null;
}

export function ArticlePage({ site, article, related = [], nav }: ArticlePageProps) {
  const canonical = absoluteUrl(site, articlePath(article.infoCode));
  const image = shareImage(article, site);
  const lang = articleLang(article, site);
  const originalUrl = safeUrl(article.originalUrl, site.url);
  const category = article.category;
  // A tag that only repeats a category's name says nothing new.
  const categoryNames = new Set(allCategories(article).map((c) => c.name));
  const tags = article.tags.filter((tag) => !categoryNames.has(tag));
  const styles: StylePart[] = ["article", ...(related.length > 0 ? listStyles(site, related, true) : [])];
  if (/<img /.test(article.bodyHtml)) styles.push("figure");
  if (/<(table|pre|blockquote)\b/.test(article.bodyHtml)) styles.push("blocks");
  return (
    <Layout
      site={site}
      title={`${article.title} - ${site.name}`}
      description={article.summary}
      canonical={canonical}
      lang={lang}
      head={<ArticleHead site={site} article={article} canonical={canonical} image={image} lang={lang} />}
      nav={nav}
      current={`in:${category.slug}`}
      styles={styles}
    >
      <article>
        <header>
          <h1>{article.title}</h1>
          <p class="meta">
            <time datetime={toRfc3339(article.publishedAt, article.utcOffsetMin)}>
              {formatShownDate(article.publishedAt, article.utcOffsetMin, article.dateOnly)}
            </time>
            <Source name={article.sourceName} url={originalUrl} />
            {article.author ? <span>作者：{article.author}</span> : null}
            <a href={categoryPath(category.slug)}>{category.name}</a>
            {/* The other categories the post is filed under; the first one is the page's own. */}
            {allCategories(article)
              .slice(1)
              .map((other) => (
                <a href={categoryPath(other.slug)} rel="tag">
                  {other.name}
                </a>
              ))}
          </p>
        </header>
        <ArticleBody bodyHtml={article.bodyHtml} cjk={isMostlyCjk(article.title + article.summary)} hasSource={article.sourceName !== null} />
        {tags.length > 0 ? (
          <ul class="tags" aria-label="标签">
            {tags.map((tag) => (
              <li>
                <a href={tagPath(tag)} rel="tag">
                  {tag}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
        <nav class="back" aria-label="返回">
          <a href={categoryPath(category.slug)}>返回{category.name}</a>
          <a href="/">返回首页</a>
        </nav>
        {/* The view beacon (src/routes/beacon.ts): never cached, so cached page views count too.
            A CSS background, not an <img>: scrapers that fall back to the page's first image
            (metascraper, unfurlers) never take a 1×1 pixel for the article's picture. */}
        <span class="beacon" aria-hidden="true" style={`background-image:url(${beaconPath(article.infoCode)})`} />
      </article>
      {related.length > 0 ? (
        <section class="related" aria-labelledby="related">
          <h2 id="related">相关文章</h2>
          <ArticleList site={site} items={related} summaries={false} showCategory={false} level={3} compact />
        </section>
      ) : null}
    </Layout>
  );
}
