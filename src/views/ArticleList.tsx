/** The newest-first list shared by the home page and the 404 page. */
import type { ArticleListItem } from "../db/types";
import { formatShownDate, toRfc3339 } from "../lib/time";
import { articlePath, categoryPath } from "../lib/paths";

export function ArticleList(props: { items: ArticleListItem[]; summaries?: boolean }) {
  return (
    <ul class="list">
      {props.items.map((item) => (
        <li>
          <h2>
            <a href={articlePath(item.infoCode)}>{item.title}</a>
          </h2>
          <p class="meta">
            <time datetime={toRfc3339(item.publishedAt, item.utcOffsetMin)}>
              {formatShownDate(item.publishedAt, item.utcOffsetMin, item.dateOnly)}
            </time>
            <a href={categoryPath(item.category.slug)}>{item.category.name}</a>
          </p>
          {props.summaries !== false && item.summary ? <p class="summary">{item.summary}</p> : null}
        </li>
      ))}
    </ul>
  );
}
