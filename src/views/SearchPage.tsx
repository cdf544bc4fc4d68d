/**
 * /search: the form, then one of an empty state (no query yet), a message (a query we
 * cannot run), no results, or a page of results with highlighted titles and snippets.
 * Highlights arrive as text plus ranges and become <mark> elements here, so every
 * character of article text and of the query is escaped by hono/jsx.
 */
import type { CategoryRef } from "../db/types";
import type { SiteConfig } from "../lib/config";
import { formatDisplayDate, toRfc3339 } from "../lib/time";
import { pieces, type Marked } from "../search/snippet";
import { thumbnail } from "./images";
import { listStyles } from "./ArticleList";
import { Layout } from "./Layout";
import { articlePath, categoryPath, homePath, searchPath } from "../lib/paths";

export type SearchResultView = {
  infoCode: string;
  title: Marked;
  snippet: Marked;
  publishedAt: number;
  utcOffsetMin: number;
  category: { slug: string; name: string };
  imageUrl: string | null;
};

export type SearchState =
  | { kind: "empty" }
  | { kind: "message"; message: string }
  | {
      kind: "results";
      page: number;
      pageSize: number;
      /** Published matches in all (0 when none). */
      total: number;
      results: SearchResultView[];
      prev: string | null;
      next: string | null;
    };

export type SearchPageProps = {
  site: SiteConfig;
  /** The query as typed (trimmed), shown back in the form. */
  query: string;
  maxLength: number;
  state: SearchState;
  nav?: readonly CategoryRef[];
};

function Highlighted(props: { marked: Marked }) {
  return <>{pieces(props.marked).map((p) => (p.mark ? <mark>{p.text}</mark> : p.text))}</>;
}

function SearchForm(props: { query: string; maxLength: number }) {
  return (
    <form action={searchPath()} method="get" role="search" >
      <input type="search" name="q" value={props.query} maxlength={props.maxLength} aria-label="搜索文章" placeholder="输入关键词" enterkeyhint="search" />
      <button type="submit">搜索</button>
    </form>
  );
}

/** The same row as ArticleList (src/views/ArticleList.tsx), with highlighted title and snippet. */
function Results(props: { site: SiteConfig; results: SearchResultView[] }) {
  return (
    <ul class="list">
      {props.results.map((r) => {
        const thumb = thumbnail(r.imageUrl, props.site.url);
        return (
          <li>
            <div>
              <h2>
                <a href={articlePath(r.infoCode)}>
                  <Highlighted marked={r.title} />
                </a>
              </h2>
              <p class="summary">
                <Highlighted marked={r.snippet} />
              </p>
              <p class="meta">
                <time datetime={toRfc3339(r.publishedAt, r.utcOffsetMin)}>{formatDisplayDate(r.publishedAt, r.utcOffsetMin)}</time>
                <a href={categoryPath(r.category.slug)}>{r.category.name}</a>
              </p>
            </div>
            {thumb ? (
              <img class="thumb" src={thumb.src} srcset={thumb.srcset} sizes={thumb.srcset ? "(min-width: 48rem) 10rem, 7.5rem" : undefined} alt="" width="240" height="160" loading="lazy" decoding="async" referrerpolicy="no-referrer" />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** "找到 23 篇相关文章，第 11-20 篇": said once, politely, to screen readers too (role=status). */
function Count(props: { total: number; page: number; pageSize: number }) {
  const { total, page, pageSize } = props;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <p class="count" role="status">
      找到 {total} 篇相关文章{page > 1 || total > pageSize ? `，这是第 ${first}–${last} 篇` : ""}
    </p>
  );
}

function Body(props: { site: SiteConfig; query: string; state: SearchState }) {
  const { state } = props;
  if (state.kind === "empty") return <p class="empty">输入关键词搜索文章，中文一个字也可以。</p>;
  if (state.kind === "message") {
    return (
      <p class="empty search-message" role="alert">
        {state.message}
      </p>
    );
  }
  if (state.results.length === 0) {
    return (
      <p class="empty" role="status">
        没有找到与“{props.query}”相关的文章{state.page > 1 ? "（已到最后一页）" : ""}。试试更短的词，或<a href={homePath()}>浏览最新文章</a>。
      </p>
    );
  }
  return (
    <>
      <Count total={state.total} page={state.page} pageSize={state.pageSize} />
      <Results site={props.site} results={state.results} />
      {state.prev || state.next ? (
        <nav class="pager" aria-label="分页">
          {state.prev ? (
            <a href={state.prev} rel="prev">
              ← 上一页
            </a>
          ) : null}
          <span>第 {state.page} 页</span>
          {state.next ? (
            <a href={state.next} rel="next">
              下一页 →
            </a>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

export function SearchPage({ site, query, maxLength, state, nav }: SearchPageProps) {
  const title = query ? `“${query}”的搜索结果 - ${site.name}` : `搜索 - ${site.name}`;
  return (
    <Layout
      site={site}
      title={title}
      description={`${site.name}：站内搜索`}
      // Result pages are endless and thin: keep them out of search engines, follow the links.
      head={<meta name="robots" content="noindex, follow" />}
      nav={nav}
      current="search"
      styles={[...listStyles(site, state.kind === "results" ? state.results : []), "search"]}
    >
      <h1>{query ? `搜索：${query}` : "搜索"}</h1>
      <SearchForm query={query} maxLength={maxLength} />
      <Body site={site} query={query} state={state} />
    </Layout>
  );
}
