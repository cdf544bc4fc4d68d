/**
 * The home page: newest articles, paged with a keyset cursor (`?before=`), so page N is
 * as cheap as page 1 and a new article does not shift every later page's contents.
 */
import type { ArticleListItem, CategoryRef } from "../db/types";
import { absoluteUrl, type SiteConfig } from "../lib/config";
import { ArticleList, listStyles } from "./ArticleList";
import { Layout } from "./Layout";
import { homePath } from "../lib/paths";

export type HomePageProps = {
  site: SiteConfig;
  items: ArticleListItem[];
  /** The cursor this page starts after; undefined on the first page. */
  before?: string;
  /** Cursor for the next (older) page, or null when this page is the last. */
  nextCursor: string | null;
  nav?: readonly CategoryRef[];
};

export function HomePage({ site, items, before, nextCursor, nav }: HomePageProps) {
  const first = before === undefined;
  return (
    <Layout
      site={site}
      title={first ? site.name : `更早的文章 - ${site.name}`}
      description={`${site.name}：最新文章`}
      canonical={absoluteUrl(site, homePath(before))}
      styles={listStyles(site, items)}
      nav={nav}
      current={first ? "home" : undefined}
    >
      <h1>{first ? "最新文章" : "更早的文章"}</h1>
      {items.length > 0 ? (
        <ArticleList site={site} items={items} />
      ) : (
        <p>
          没有更早的文章了。<a href="/">回到最新文章</a>
        </p>
      )}
      {nextCursor !== null ? (
        <nav class="pager" aria-label="分页">
          <a href={homePath(nextCursor)} rel="next">
            更早的文章 →
          </a>
        </nav>
      ) : null}
    </Layout>
  );
}
