/**
 * The framed article card: its own tiny document (not the site Layout), readable without
 * JavaScript, no third-party requests, no cookies. Links open the article in a new
 * top-level tab. The one inline script only reports the card's height to the embedder.
 */
import { raw } from "hono/html";
import type { Article } from "../db/types";
import { absoluteUrl, type SiteConfig } from "../lib/config";
import { articlePath } from "../lib/paths";
import { formatDisplayDate, toRfc3339 } from "../lib/time";
import { CARD_SCRIPT } from "../embed/scripts";

export type CardTheme = "light" | "dark" | "auto";

// Colours are variables, so the dark scheme (chosen, or the reader's when "auto") is one line of values.
// Long URLs and digit runs break anywhere in the title, summary and source: the card hides its overflow.
const CSS = `body{margin:0;font:15px/1.6 -apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:var(--f,#1a1a1a);background:var(--b,#fff)}
.c{display:block;border:1px solid var(--l,#e3e3e3);border-radius:12px;overflow:hidden;color:inherit;text-decoration:none}
.b{padding:12px 14px;overflow-wrap:anywhere}h1{font-size:17px;line-height:1.4;margin:0 0 6px}p{margin:0 0 8px;color:var(--p,#555);font-size:14px}
.m{font-size:12px;color:var(--m,#666)}.m span+span:before{content:" · "}
[data-theme=dark]{--f:#eee;--b:#16181c;--l:#333;--p:#bbb;--m:#999}
@media (prefers-color-scheme:dark){[data-theme=auto]{--f:#eee;--b:#16181c;--l:#333;--p:#bbb;--m:#999}}`;

/** Only a card with a picture carries its rules. */
const IMAGE_CSS = ".c img{display:block;width:100%;aspect-ratio:16/9;object-fit:cover;background:#eee}";

export function EmbedCard(props: { site: SiteConfig; article: Article; theme: CardTheme; lang: string }) {
  const { site, article } = props;
  const href = absoluteUrl(site, articlePath(article.infoCode));
  const image = article.imageUrl && /^https?:\/\//.test(article.imageUrl) ? article.imageUrl : null;
  return (
    <html lang={props.lang} data-theme={props.theme} data-info-code={article.infoCode}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{article.title}</title>
        <link rel="canonical" href={href} />
        <style>{raw(image ? CSS + IMAGE_CSS : CSS)}</style>
      </head>
      <body>
        <main>
          <a class="c" href={href} target="_blank" rel="noopener">
            {image ? <img src={image} alt="" loading="lazy" referrerpolicy="no-referrer" /> : null}
            <div class="b">
              <h1>{article.title}</h1>
              <p>{article.summary}</p>
              <div class="m">
                {article.sourceName ? <span>{article.sourceName}</span> : null}
                <span>
                  <time datetime={toRfc3339(article.publishedAt, article.utcOffsetMin)}>{formatDisplayDate(article.publishedAt, article.utcOffsetMin)}</time>
                </span>
                <span>{site.name}</span>
              </div>
            </div>
          </a>
        </main>
        <script>{raw(CARD_SCRIPT)}</script>
      </body>
    </html>
  );
}
