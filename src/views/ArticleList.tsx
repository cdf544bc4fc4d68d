/**
 * The article list every page shares (home, category, tag, search's sibling, related, 404):
 * title, a two-line excerpt, date and (where it adds information) the category, with a
 * fixed-ratio thumbnail when the article has an image. The whole row is the title link's
 * tap area (a stretched ::after), so there is one link per article for screen readers.
 */
import type { ArticleListItem } from "../db/types";
import type { SiteConfig } from "../lib/config";
import { formatShownDate, toRfc3339 } from "../lib/time";
import { articlePath, categoryPath } from "../lib/paths";
import { thumbnail } from "./images";
import type { StylePart } from "./styles";

export type ArticleListProps = {
  site: SiteConfig;
  items: ArticleListItem[];
  summaries?: boolean;
  /** False on a category's own page, where every row would name that category. */
  showCategory?: boolean;
  /** Item headings sit one level under the section's heading. */
  level?: 2 | 3;
  /** The small variant under an article (related) and on error pages: title and thumbnail only. */
  compact?: boolean;
};

/** The stylesheet parts a list of these items needs: excerpt rules unless compact, thumbnail rules only when one has an image. */
export function listStyles(site: SiteConfig, items: readonly { imageUrl: string | null }[], compact = false): StylePart[] {
  const parts: StylePart[] = compact ? ["list"] : ["list", "excerpt"];
  if (items.some((item) => thumbnail(item.imageUrl, site.url) !== null)) parts.push("thumb");
  return parts;
}

export function ArticleList(props: ArticleListProps) {
  const { site, items, summaries = true, showCategory = true, level = 2, compact = false } = props;
  const Heading = level === 3 ? "h3" : "h2";
  return (
    <ul class={compact ? "list compact" : "list"}>
      {items.map((item) => {
        const thumb = thumbnail(item.imageUrl, site.url);
        return (
          <li>
            <div>
              <Heading>
                <a href={articlePath(item.infoCode)}>{item.title}</a>
              </Heading>
              {summaries && item.summary ? <p class="summary">{item.summary}</p> : null}
              {compact ? null : (
                <p class="meta">
                  <time datetime={toRfc3339(item.publishedAt, item.utcOffsetMin)}>
                    {formatShownDate(item.publishedAt, item.utcOffsetMin, item.dateOnly)}
                  </time>
                  {showCategory ? <a href={categoryPath(item.category.slug)}>{item.category.name}</a> : null}
                </p>
              )}
            </div>
            {thumb ? (
              <img
                class="thumb"
                src={thumb.src}
                srcset={thumb.srcset}
                sizes={thumb.srcset ? "(min-width: 48rem) 10rem, 7.5rem" : undefined}
                alt=""
                width="240"
                height="160"
                loading="lazy"
                decoding="async"
                referrerpolicy="no-referrer"
              />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
