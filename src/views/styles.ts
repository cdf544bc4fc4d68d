/**
 * The one stylesheet, inlined by Layout: one request per page, no render-blocking fetch.
 * It comes in parts, and a page inlines the shell plus the parts its content uses (a list
 * page does not carry the article rules, an article without a table or an image not
 * their rules), so each page's CSS stays around 1 KB gzipped, less than a second round
 * trip on a mobile connection. Mobile-first; wider screens widen the margins and
 * thumbnails. System CJK fonts, no web font.
 *
 * Accessibility choices the browser test (test/browser/pages.browser.test.ts) holds us to:
 * colours at 4.5:1 or better in both schemes, links inside text underlined (not colour
 * alone), every tap target at least 24 px tall, no JavaScript. A failed image shows a
 * quiet box instead of the broken-image icon: browsers render ::after only on an <img>
 * that did not load.
 *
 * Nothing scrolls sideways at 320 px (test/browser/overflow.browser.test.ts): long URLs,
 * digit runs and Latin words break anywhere (`anywhere`, unlike `break-word`, also shrinks
 * the min-content width that flex items and inline blocks size by; `word-break:break-word` is
 * the same for Safari before 15.4), flex children may shrink below their content, and wide
 * tables and code scroll inside themselves, their cells keeping words whole.
 */
const base = `
:root{color-scheme:light dark;--f:#1f2328;--m:#59636e;--b:#fff;--l:#d8dee4;--s:#f3f4f6;--a:#0b57d0;--r:#c8102e}
@media (prefers-color-scheme:dark){:root{--f:#e6edf3;--m:#9ea7b3;--b:#0d1117;--l:#30363d;--s:#161b22;--a:#79b8ff;--r:#ff7b72}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--b);color:var(--f);font:1.0625rem/1.8 -apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;overflow-wrap:anywhere;word-break:break-word}
a{color:var(--a);text-decoration:none}
a:hover,p a{text-decoration:underline}
.meta a,footer a,nav a{display:inline-block;min-height:1.5rem;color:inherit}
.wrap{max-width:44rem;margin:0 auto;padding:0 1rem}
.bar{display:flex;justify-content:space-between;padding:.5rem 1rem}
.bar a{color:var(--f)}
.bar :first-child{font-size:1.25rem;font-weight:700}
.channels{display:flex;overflow-x:auto;white-space:nowrap;border-bottom:1px solid var(--l);color:var(--m)}
[aria-current]{color:var(--f);box-shadow:inset 0 -2px var(--r)}
footer{border-top:1px solid var(--l);margin-top:3rem;padding:1rem 0 2rem}
footer,.meta,.empty{color:var(--m);font-size:.875rem}
a+a,.meta>*+*{margin-left:.75em}
h1{font-size:1.5rem;line-height:1.4;text-wrap:balance}
h2{font-size:1.125rem;margin:0}
.pager{display:flex;justify-content:space-between;margin:1.5rem 0}
.pager a,.back a{color:var(--a)}
@media (min-width:48rem){body{font-size:1.125rem}h1{font-size:2rem}}
`;

/** Any page showing an image: reserved space and the failed-image box. */
const img = `
img{max-width:100%;height:auto;position:relative;background:var(--s);color:var(--m)}
img:after{content:"";position:absolute;inset:0;background:inherit}
`;

const list = `
.list{list-style:none;padding:0}
.list li{position:relative;display:flex;align-items:start;gap:.875rem;padding:.875rem 0;border-bottom:1px solid var(--l)}
.list div{flex:1;min-width:0}
.list :is(h2,h3){font-size:1.0625rem;margin:0}
.list :is(h2,h3) a{color:var(--f)}
.list :is(h2,h3) a:after{content:"";position:absolute;inset:0}
`;

/** Rows with an excerpt and a date line (all lists but the compact ones under an article and on error pages). */
const excerpt = `
.list p{margin:.25rem 0 0}
.list .meta a{position:relative}
.summary{color:var(--m);font-size:.9375rem;display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow:hidden}
`;

const thumb = `
.thumb{flex:none;width:7.5rem;aspect-ratio:3/2;object-fit:cover}
.compact .thumb{width:5.5rem}
@media (min-width:48rem){.thumb{width:10rem}}
`;

const article = `
.body p{margin:0 0 1em}
.cjk p{text-align:justify}
.body h2,.body h3{font-size:1.3125rem;margin:1.75em 0 .6em}
.body h3{font-size:1.1875rem}
.tags{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
.tags a{display:inline-block;border:1px solid var(--l);border-radius:1rem;padding:0 .75rem;font-size:.875rem;line-height:1.5rem}
.beacon{position:absolute;width:1px;height:1px}
.related{margin-top:2.5rem}
`;

/** Images in an article body (src/views/figures.ts): a 3:2 box where the post gives no size. */
const figure = `
figure{margin:1.5em 0}
.body img{display:block;margin:auto}
.body img:not([width]){width:100%;aspect-ratio:3/2;object-fit:contain}
.body img:after{content:"图片无法显示";display:grid;place-items:center}
figcaption{margin-top:.5em;color:var(--m);font-size:.875rem;text-align:center}
`;

/** Tables, code and quotes: only articles that have them carry these. */
const blocks = `
table{display:block;overflow-x:auto;border-collapse:collapse}
td,th{border:1px solid var(--l);padding:.25rem .5rem;overflow-wrap:normal;word-break:normal}
pre{overflow-x:auto}
blockquote{margin:0 0 1em;padding-left:1em;border-left:3px solid var(--l);color:var(--m)}
`;

const search = `
form{display:flex;gap:.5rem}
input,button{font:inherit;border:1px solid var(--m);border-radius:.5rem;padding:.375rem .75rem}
input{flex:1;min-width:0}
button{background:var(--a);color:var(--b)}
.count{color:var(--m)}
mark{background:none;color:var(--r);font-weight:600}
`;

export type StylePart = "img" | "list" | "excerpt" | "thumb" | "article" | "figure" | "blocks" | "search";

/** In cascade order: a later part may refine an earlier one (figure's `.body img` after img's `img`). */
const PARTS: readonly (readonly [StylePart, string])[] = [
  ["img", img],
  ["list", list],
  ["excerpt", excerpt],
  ["thumb", thumb],
  ["article", article],
  ["figure", figure],
  ["blocks", blocks],
  ["search", search],
];

/** Newlines are for reading the source; the page gets one line. */
const squash = (css: string) => css.trim().replace(/\n/g, "");

/** The stylesheet a page inlines: the shell's rules plus the parts its content uses, in a fixed order. */
export function stylesFor(parts: readonly StylePart[]): string {
  // Thumbnails and body figures are images: both need the image rules.
  const wanted = new Set<StylePart>(parts);
  if (wanted.has("thumb") || wanted.has("figure")) wanted.add("img");
  return squash(base) + PARTS.filter(([name]) => wanted.has(name)).map(([, css]) => squash(css)).join("");
}
