/**
 * The whole stylesheet, inlined by Layout: one request per page, no render-blocking
 * fetch, and small enough (about 5 KB, under 1.5 KB gzipped) that repeating it on every
 * page costs less than a second round trip on a mobile connection. Mobile-first; wider
 * screens widen the margins and the thumbnails. System CJK fonts, no web font.
 *
 * Accessibility choices the browser test (test/browser/pages.browser.test.ts) holds us to:
 * colours at 4.5:1 or better in both schemes, links inside text underlined (not colour
 * alone), every tap target at least 24 px tall, no JavaScript. A failed image shows a
 * quiet box instead of the broken-image icon: browsers render ::after only on an <img>
 * that did not load.
 */
export const styles = `
:root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#fff;--line:#d8dee4;--soft:#f3f4f6;--link:#0b57d0;--accent:#c8102e}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9ea7b3;--bg:#0d1117;--line:#30363d;--soft:#161b22;--link:#79b8ff;--accent:#ff7b72}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.8 -apple-system,BlinkMacSystemFont,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif;overflow-wrap:break-word}
a{color:var(--link);text-decoration:none}
a:hover,a:focus-visible{text-decoration:underline}
p a,.meta a,.site-footer a{text-decoration:underline;text-decoration-thickness:1px;text-underline-offset:.2em}
.meta a,.site-footer a,.pager a,.back a{display:inline-block;min-height:1.5rem}
.wrap{max-width:44rem;margin:0 auto;padding:0 1rem}
.site-header{border-bottom:1px solid var(--line)}
.bar{display:flex;align-items:center;justify-content:space-between;gap:1rem;min-height:3rem}
.brand{color:var(--fg);font-weight:700;font-size:1.25rem}
.search-link{color:var(--fg);padding:.25rem .5rem;border:1px solid var(--line);border-radius:1rem;font-size:.9375rem;line-height:1.5rem}
.channels ul{display:flex;list-style:none;margin:0 auto;padding:0 .5rem;overflow-x:auto;white-space:nowrap;scrollbar-width:none}
.channels a{display:block;padding:.375rem .5rem;color:var(--muted);font-size:.9375rem}
.channels a[aria-current]{color:var(--fg);font-weight:600;box-shadow:inset 0 -2px var(--accent)}
.site-footer{border-top:1px solid var(--line);margin-top:3rem;padding:1rem 0 2rem;color:var(--muted);font-size:.875rem}
.site-footer a,.meta a{color:inherit}
.site-footer a+a,.meta>*+*{margin-left:.75em}
main{padding:1rem 0}
h1{font-size:1.5rem;line-height:1.4;margin:.5rem 0 .75rem;text-wrap:balance}
h2{font-size:1.125rem;line-height:1.5;margin:0}
.meta{color:var(--muted);font-size:.875rem;margin:0 0 1.25rem}
.body p{margin:0 0 1em}
.cjk p{text-align:justify}
.body h2,.body h3{line-height:1.45;margin:1.75em 0 .6em}
.body h2{font-size:1.3125rem}.body h3{font-size:1.1875rem}
.body figure{margin:1.5em 0}
img{max-width:100%;height:auto}
.body img,.thumb{display:block;position:relative;background:var(--soft);color:var(--muted);margin:0 auto}
.body img:not([width]){width:100%;aspect-ratio:3/2;object-fit:contain}
.body img::after{content:"图片无法显示";position:absolute;inset:0;background:var(--soft);display:grid;place-items:center}
.body table{display:block;overflow-x:auto;border-collapse:collapse}
.body td,.body th{border:1px solid var(--line);padding:.25rem .5rem}
.body pre{overflow-x:auto}
.body blockquote{margin:0 0 1em;padding-left:1em;border-left:3px solid var(--line);color:var(--muted)}
.tags{list-style:none;padding:0;margin:1.5rem 0 0;display:flex;flex-wrap:wrap;gap:.5rem}
.tags a{display:inline-block;border:1px solid var(--line);border-radius:1rem;padding:.125rem .75rem;font-size:.875rem}
.back{margin-top:1.5rem;font-size:.9375rem}
.list{list-style:none;padding:0;margin:0}
.item{position:relative;display:flex;gap:.875rem;padding:.875rem 0;border-bottom:1px solid var(--line)}
.item>div{flex:1}
.item h2,.item h3{font-size:1.0625rem;margin:0}
.item a{color:var(--fg)}
.item h2 a::after,.item h3 a::after{content:"";position:absolute;inset:0}
.item .meta{margin:.25rem 0 0;font-size:.8125rem}
.item .meta a{position:relative}
.summary{color:var(--muted);font-size:.9375rem;margin:.25rem 0 0;display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow:hidden}
.thumb{flex:none;width:7.5rem;aspect-ratio:3/2;object-fit:cover;border-radius:4px;align-self:flex-start}
.compact .thumb{width:5.5rem}
.related{margin-top:2.5rem}
.pager{display:flex;gap:1rem;margin:1.5rem 0}
.pager [rel=next]{margin-left:auto}
.search-form{display:flex;gap:.5rem;margin:0 0 1rem}
.search-form input,.search-form button{font:inherit;border:1px solid var(--muted);border-radius:.5rem;padding:.5rem .75rem}
.search-form input{flex:1;min-width:0}
.count,.empty{color:var(--muted)}
mark{background:none;color:var(--accent);font-weight:600}
@media (min-width:48rem){body{font-size:1.125rem}h1{font-size:2rem}.thumb{width:10rem}}
`
  .trim()
  .replace(/\n/g, "");
