/**
 * Category and tag pages: one list of newest articles, paged with a keyset cursor
 * (`?before=`) like the home page. A keyset list cannot step one page back without
 * reading backwards, so "previous" is deliberately simple: every later page links the
 * first page (`<link rel="prev">` and a visible link), and each page links the next one.
 */
import type { ArticleListItem, CategoryRef } from "../db/types";
import { absoluteUrl, type SiteConfig } from "../lib/config";
import { ArticleList, listStyles } from "./ArticleList";
import { Layout, type FeedLinks } from "./Layout";

export type ListingPageProps = {
  site: SiteConfig;
  /** What is listed, as readers see it: the category's display name or the tag. */
  name: string;
  kind: "category" | "tag";
  /** Root-relative path of the first page: "/category/caijing.html". */
  path: string;
  items: ArticleListItem[];
  /** The cursor this page starts after; undefined on the first page. */
  before?: string;
  /** Cursor for the next (older) page, or null when this page is the last. */
  nextCursor: string | null;
  /** Category pages advertise the category's own feeds; tag pages the site's. */
  feeds?: FeedLinks;
  nav?: readonly CategoryRef[];
};

export function pagePath(path: string, before?: string): string {
  return before === undefined ? path : `${path}?before=${encodeURIComponent(before)}`;
}

/** "/category/caijing.html" → "caijing": which channel the header marks as current. */
function categorySlugOf(path: string): string | undefined {
  return /^\/category\/([^/]+)\.html$/.exec(path)?.[1];
}

export function ListingPage(props: ListingPageProps) {
  const { site, name, kind, path, items, before, nextCursor } = props;
  const first = before === undefined;
  const heading = kind === "category" ? name : `标签：${name}`;
  const next = nextCursor === null ? null : pagePath(path, nextCursor);
  return (
    <Layout
      site={site}
      title={first ? `${heading} - ${site.name}` : `${heading}（更早的文章） - ${site.name}`}
      description={`${site.name}：${heading}的最新文章`}
      canonical={absoluteUrl(site, pagePath(path, before))}
      feeds={props.feeds}
      styles={listStyles(site, items)}
      nav={props.nav}
      current={kind === "category" && first ? categorySlugOf(path) : undefined}
      head={
        <>
          {next !== null ? <link rel="next" href={absoluteUrl(site, next)} /> : null}
          {!first ? <link rel="prev" href={absoluteUrl(site, path)} /> : null}
        </>
      }
    >
      <h1>{heading}</h1>
      {items.length > 0 ? (
        <ArticleList site={site} items={items} showCategory={kind !== "category"} />
      ) : first ? (
        <p class="empty">
          这里还没有文章。<a href="/">看看最新文章</a>
        </p>
      ) : (
        <p class="empty">没有更早的文章了。</p>
      )}
      <nav class="pager" aria-label="分页">
        {!first ? (
          <a href={path} rel="prev">
            ← 回到第一页
          </a>
        ) : null}
        {!first && next !== null ? " " : null}
        {next !== null ? (
          <a href={next} rel="next">
            更早的文章 →
          </a>
        ) : null}
      </nav>
    </Layout>
  );
}
