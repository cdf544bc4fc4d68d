/**
 * The whole stylesheet, inlined by Layout: one request per page, no render-blocking
 * fetch, and small enough (< 3 KB) that repeating it on every page costs less than a
 * second round trip on a mobile connection. Mobile-first; wider screens only widen the
 * margins. System CJK fonts, so no web font is downloaded.
 */
export const styles = `
:root{color-scheme:light dark;--fg:#1f2328;--muted:#656d76;--bg:#fff;--line:#d0d7de;--link:#0b57d0}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--line:#30363d;--link:#6cb6ff}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.8 -apple-system,BlinkMacSystemFont,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif;overflow-wrap:break-word}
a{color:var(--link);text-decoration:none}
a:hover,a:focus{text-decoration:underline}
.wrap{max-width:42rem;margin:0 auto;padding:0 1rem}
.site-header{border-bottom:1px solid var(--line);padding:.75rem 0}
.site-header a{color:var(--fg);font-weight:700;font-size:1.125rem}
.site-footer{border-top:1px solid var(--line);margin-top:3rem;padding:1rem 0 2rem;color:var(--muted);font-size:.875rem}
main{padding:1rem 0}
h1{font-size:1.5rem;line-height:1.4;margin:.5rem 0 .75rem}
h2{font-size:1.125rem;line-height:1.5;margin:0}
.meta{color:var(--muted);font-size:.875rem;margin:0 0 1.25rem}
.meta>*+*{margin-left:.75em}
.body p{margin:0 0 1em;text-align:justify}
.body img,.body video,.body iframe{max-width:100%;height:auto}
img{max-width:100%;height:auto}
.body table{display:block;overflow-x:auto;border-collapse:collapse}
.body td,.body th{border:1px solid var(--line);padding:.25rem .5rem}
.body pre{overflow-x:auto}
.body blockquote{margin:0 0 1em;padding-left:1em;border-left:3px solid var(--line);color:var(--muted)}
.tags{list-style:none;padding:0;margin:1.5rem 0 0;display:flex;flex-wrap:wrap;gap:.5rem}
.tags a{display:inline-block;border:1px solid var(--line);border-radius:1rem;padding:0 .75rem;font-size:.875rem}
.back{margin-top:1.5rem;font-size:.9375rem}
.list{list-style:none;padding:0;margin:0}
.list li{padding:1rem 0;border-bottom:1px solid var(--line)}
.list p{margin:.25rem 0 0}
.summary{color:var(--muted);font-size:.9375rem}
.pager{margin:1.5rem 0;text-align:right}
@media (min-width:48rem){body{font-size:1.125rem}h1{font-size:1.875rem}}
`
  .trim()
  .replace(/\n/g, "");
