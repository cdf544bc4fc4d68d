/**
 * Reader-facing error pages: 404 (unknown or malformed address) and 410 (an article that
 * was taken down). They help the reader on instead of dead-ending. Status codes are set
 * by the caller; these pages are marked noindex and claim no canonical URL.
 */
import type { ArticleListItem, CategoryRef } from "../db/types";
import type { SiteConfig } from "../lib/config";
import { ArticleList, listStyles } from "./ArticleList";
import { Layout } from "./Layout";

export type ErrorPageProps = {
  site: SiteConfig;
  /** A few newest articles to offer instead; omitted where no query should run. */
  recent?: ArticleListItem[];
  nav?: readonly CategoryRef[];
};

function ReadOn({ site, recent }: { site: SiteConfig; recent?: ArticleListItem[] }) {
  return (
    <>
      <p>
        <a href="/">返回首页</a>，看看最新文章。
      </p>
      {recent && recent.length > 0 ? (
        <section class="recent" aria-labelledby="recent">
          <h2 id="recent">最新文章</h2>
          <ArticleList site={site} items={recent} summaries={false} level={3} compact />
        </section>
      ) : null}
    </>
  );
}

function NoIndex() {
  return <meta name="robots" content="noindex" />;
}

/** 404: unknown info code, malformed info code, or any page path nothing serves. */
export function NotFoundPage({ site, recent, nav }: ErrorPageProps) {
  return (
    <Layout site={site} title={`找不到页面 - ${site.name}`} description="找不到这篇文章或页面。" head={<NoIndex />} nav={nav} styles={listStyles(site, recent ?? [], true)}>
      <h1>找不到这篇文章</h1>
      <p>这个链接可能抄错了，或者文章地址已经变化。</p>
      <ReadOn site={site} recent={recent} />
    </Layout>
  );
}

/** 410: the article existed and was unpublished; its title and body are not shown. */
export function GonePage({ site, recent, nav }: ErrorPageProps) {
  return (
    <Layout site={site} title={`文章已下线 - ${site.name}`} description="这篇文章已下线。" head={<NoIndex />} nav={nav} styles={listStyles(site, recent ?? [], true)}>
      <h1>这篇文章已下线</h1>
      <p>文章已被撤下，无法再阅读。</p>
      <ReadOn site={site} recent={recent} />
    </Layout>
  );
}
