/**
 * /search: the form, then one of an empty state (no query yet), a message (a query we
 * cannot run), no results, or a page of results with highlighted titles and snippets.
 * Highlights arrive as text plus ranges and become <mark> elements here, so every
 * character of article text and of the query is escaped by hono/jsx.
 */
import type { SiteConfig } from "../lib/config";
import { formatDisplayDate, toRfc3339 } from "../lib/time";
import { pieces, type Marked } from "../search/snippet";
import { Layout } from "./Layout";
import { articlePath, categoryPath } from "../lib/paths";

export type SearchResultView = {
  infoCode: string;
  title: Marked;
  snippet: Marked;
  publishedAt: number;
  utcOffsetMin: number;
  category: { slug: string; name: string };
};

export type SearchState =
  | { kind: "empty" }
  | { kind: "message"; message: string }
  | { kind: "results"; page: number; results: SearchResultView[]; prev: string | null; next: string | null };

export type SearchPageProps = {
  site: SiteConfig;
  /** The query as typed (trimmed), shown back in the form. */
  query: string;
  maxLength: number;
  state: SearchState;
};

function Highlighted(props: { marked: Marked }) {
  return <>{pieces(props.marked).map((p) => (p.mark ? <mark>{p.text}</mark> : p.text))}</>;
}

function SearchForm(props: { query: string; maxLength: number }) {
  return (
    <form action="/search" method="get" role="search" class="search-form">
      <input type="search" name="q" value={props.query} maxlength={props.maxLength} aria-label="搜索文章" placeholder="搜索文章" />{" "}
      <button type="submit">搜索</button>
    </form>
  );
}

function Results(props: { results: SearchResultView[] }) {
  return (
    <ul class="list">
      {props.results.map((r) => (
        <li>
          <h2>
            <a href={articlePath(r.infoCode)}>
              <Highlighted marked={r.title} />
            </a>
          </h2>
          <p class="meta">
            <time datetime={toRfc3339(r.publishedAt, r.utcOffsetMin)}>{formatDisplayDate(r.publishedAt, r.utcOffsetMin)}</time>
            <a href={categoryPath(r.category.slug)}>{r.category.name}</a>
          </p>
          <p class="summary">
            <Highlighted marked={r.snippet} />
          </p>
        </li>
      ))}
    </ul>
  );
}

function Body(props: { query: string; state: SearchState }) {
  const { state } = props;
  if (state.kind === "empty") return <p>输入关键词搜索文章，中文一个字也可以。</p>;
  if (state.kind === "message") return <p class="search-message">{state.message}</p>;
  if (state.results.length === 0) {
    return (
      <p>
        没有找到与“{props.query}”相关的文章{state.page > 1 ? "（已到最后一页）" : ""}。试试更短的词，或<a href="/">浏览最新文章</a>。
      </p>
    );
  }
  return (
    <>
      <Results results={state.results} />
      {state.prev || state.next ? (
        <nav class="pager" aria-label="分页">
          {state.prev ? (
            <a href={state.prev} rel="prev">
              ← 上一页
            </a>
          ) : null}{" "}
          <span>第 {state.page} 页</span>{" "}
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

export function SearchPage({ site, query, maxLength, state }: SearchPageProps) {
  const title = query ? `“${query}”的搜索结果 - ${site.name}` : `搜索 - ${site.name}`;
  return (
    <Layout
      site={site}
      title={title}
      description={`${site.name}：站内搜索`}
      // Result pages are endless and thin: keep them out of search engines, follow the links.
      head={<meta name="robots" content="noindex, follow" />}
    >
      <h1>搜索</h1>
      <SearchForm query={query} maxLength={maxLength} />
      <Body query={query} state={state} />
    </Layout>
  );
}
