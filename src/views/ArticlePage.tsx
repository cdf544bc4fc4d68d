/**
 * The share page at /a/{infoCode} (and the legacy NewsShare.html URL, same bytes).
 * Head: canonical, Open Graph, Twitter Card, NewsArticle JSON-LD and oEmbed discovery,
 * so links pasted into chat apps, search engines and partner CMSs all unfurl the same.
 */
import { raw } from "hono/html";
import type { Article, ArticleListItem } from "../db/types";
import { absoluteUrl, type SiteConfig } from "../lib/config";
import { formatShownDate, toRfc3339 } from "../lib/time";
import { ArticleList } from "./ArticleList";
import { newsArticleJsonLd, serializeJsonLd } from "./json-ld";
import { Layout } from "./Layout";
import { shareCardUrl } from "../cards/advertise";
import { articlePath, beaconPath, categoryPath, tagPath } from "../lib/paths";

export type ArticlePageProps = {
  site: SiteConfig;
  article: Article;
  /** Newest other articles of its category; the page is cache-tagged by category, so they stay current. */
  related?: ArticleListItem[];
};

/** Open Graph wants "zh_CN" where HTML wants "zh-CN". */
function ogLocale(lang: string): string {
  return lang.replace(/-/g, "_");
}

/** Only http(s) URLs leave the page as links or image URLs; relative images resolve on the site. */
function safeUrl(value: string | null, base: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value, `${base}/`);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The one place raw HTML enters a page. bodyHtml was sanitized at ingest
 * (src/ingest/sanitize.ts: allow-listed tags and attributes, no scripts, no event
 * handlers, no javascript: URLs), so re-escaping it here would show readers tags.
 */
function ArticleBody(props: { bodyHtml: string }) {
  return <div class="body">{raw(props.bodyHtml)}</div>;
}

function ArticleHead(props: { site: SiteConfig; article: Article; canonical: string; imageUrl: string | null }) {
  const { site, article, canonical, imageUrl } = props;
  const published = toRfc3339(article.publishedAt, article.utcOffsetMin);
  const modified = toRfc3339(article.updatedAt, article.utcOffsetMin);
  const oembed = (format: "json" | "xml") =>
    absoluteUrl(site, `/oembed?url=${encodeURIComponent(canonical)}&format=${format}`);
  return (
    <>
      <meta property="og:type" content="article" />
      <meta property="og:title" content={article.title} />
      <meta property="og:description" content={article.summary} />
      <meta property="og:url" content={canonical} />
      <meta property="og:site_name" content={site.name} />
      <meta property="og:locale" content={ogLocale(site.lang)} />
      {imageUrl ? <meta property="og:image" content={imageUrl} /> : null}
      <meta property="article:published_time" content={published} />
      <meta property="article:modified_time" content={modified} />
      <meta property="article:section" content={article.category.name} />
      {article.tags.map((tag) => (
        <meta property="article:tag" content={tag} />
      ))}
      <meta name="twitter:card" content={imageUrl ? "summary_large_image" : "summary"} />
      <meta name="twitter:title" content={article.title} />
      <meta name="twitter:description" content={article.summary} />
      {imageUrl ? <meta name="twitter:image" content={imageUrl} /> : null}
      <link rel="alternate" type="application/json+oembed" href={oembed("json")} title={article.title} />
      <link rel="alternate" type="text/xml+oembed" href={oembed("xml")} title={article.title} />
      {/* JSON, not HTML: serializeJsonLd escapes `<` so no title can close the script. */}
      <script
        type="application/ld+json"
        dangerouslySetInnerHTML={{ __html: serializeJsonLd(newsArticleJsonLd(article, site, canonical, imageUrl)) }}
      />
    </>
  );
}

export function ArticlePage({ site, article, related = [] }: ArticlePageProps) {
  const canonical = absoluteUrl(site, articlePath(article.infoCode));
  // og:image, twitter:image and JSON-LD: the generated share card (src/cards/advertise.ts).
  const imageUrl = shareCardUrl(article, site);
  const originalUrl = safeUrl(article.originalUrl, site.url);
  const category = article.category;
  return (
    <Layout
      site={site}
      title={`${article.title} - ${site.name}`}
      description={article.summary}
      canonical={canonical}
      head={<ArticleHead site={site} article={article} canonical={canonical} imageUrl={imageUrl} />}
    >
      <article>
        <header>
          <h1>{article.title}</h1>
          <p class="meta">
            <time datetime={toRfc3339(article.publishedAt, article.utcOffsetMin)}>
              {formatShownDate(article.publishedAt, article.utcOffsetMin, article.dateOnly)}
            </time>
            {article.sourceName ? <span>来源：{article.sourceName}</span> : null}
            {article.author ? <span>作者：{article.author}</span> : null}
            <a href={categoryPath(category.slug)}>{category.name}</a>
          </p>
        </header>
        <ArticleBody bodyHtml={article.bodyHtml} />
        {originalUrl ? (
          <p class="meta">
            原文链接：
            <a href={originalUrl} rel="nofollow noopener">
              {article.sourceName ?? originalUrl}
            </a>
          </p>
        ) : null}
        {article.tags.length > 0 ? (
          <ul class="tags" aria-label="标签">
            {article.tags.map((tag) => (
              <li>
                <a href={tagPath(tag)} rel="tag">
                  {tag}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
        <nav class="back">
          <a href={categoryPath(category.slug)}>返回{category.name}</a>｜<a href="/">返回首页</a>
        </nav>
        {/* The view beacon (src/routes/beacon.ts): never cached, so cached page views count too. */}
        <img src={beaconPath(article.infoCode)} alt="" width="1" height="1" class="beacon" />
      </article>
      {related.length > 0 ? (
        <section class="related" aria-label="相关文章">
          <h2>相关文章</h2>
          <ArticleList items={related} summaries={false} />
        </section>
      ) : null}
    </Layout>
  );
}
