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

const CSS = `*{box-sizing:border-box}html{margin:0}body{margin:0;font:15px/1.6 -apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1a1a1a;background:#fff}
.c{display:block;border:1px solid #e3e3e3;border-radius:12px;overflow:hidden;color:inherit;text-decoration:none;background:inherit}
.c img{display:block;width:100%;aspect-ratio:16/9;object-fit:cover;background:#eee}
.b{padding:12px 14px}h1{font-size:17px;line-height:1.4;margin:0 0 6px}p{margin:0 0 8px;color:#555;font-size:14px;overflow-wrap:anywhere}
.m{font-size:12px;color:#777}.m span+span:before{content:" · "}
[data-theme=dark] body{color:#eee;background:#16181c}[data-theme=dark] .c{border-color:#333}[data-theme=dark] p{color:#bbb}[data-theme=dark] .m{color:#999}
@media (prefers-color-scheme:dark){[data-theme=auto] body{color:#eee;background:#16181c}[data-theme=auto] .c{border-color:#333}[data-theme=auto] p{color:#bbb}[data-theme=auto] .m{color:#999}}`;

export function EmbedCard(props: { site: SiteConfig; article: Article; theme: CardTheme; lang: string }) {
  const { site, article } = props;
  const href = absoluteUrl(site, articlePath(article.infoCode));
  return (
    <html lang={props.lang} data-theme={props.theme} data-info-code={article.infoCode}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{article.title}</title>
        <link rel="canonical" href={href} />
        <style>{raw(CSS)}</style>
      </head>
      <body>
        <a class="c" href={href} target="_blank" rel="noopener">
          {article.imageUrl && /^https?:\/\//.test(article.imageUrl) ? <img src={article.imageUrl} alt="" loading="lazy" referrerpolicy="no-referrer" /> : null}
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
        <script>{raw(CARD_SCRIPT)}</script>
      </body>
    </html>
  );
}
