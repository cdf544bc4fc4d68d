/**
 * Allowlist tables for the partner-HTML sanitizer (src/ingest/sanitize.ts).
 *
 * Kept as data, apart from the walker, so a policy review is a diff of this file only.
 * Anything not named here is unwrapped (children kept), never passed through: an
 * allowlist fails closed when partners send markup nobody anticipated.
 */

/** Elements rebuilt in the output, with only the attributes listed in ATTRIBUTE_RULES. */
export const ALLOWED_ELEMENTS: ReadonlySet<string> = new Set([
  "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
  "strong", "b", "em", "i", "u", "s", "del", "ins", "sub", "sup", "small", "mark",
  "blockquote", "q", "cite", "code", "pre", "kbd", "samp",
  "ul", "ol", "li", "dl", "dt", "dd",
  "a", "img", "figure", "figcaption",
  "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
  "span", "div", "abbr", "time",
]);

/**
 * Elements dropped together with everything inside them. Their content is either code
 * (script, style), raw text the parser never treats as markup (textarea, xmp, noscript,
 * plaintext...), a foreign namespace with its own parsing rules (svg, math: the root of
 * most mutation-XSS tricks), an embedding or navigation surface (iframe, object, form,
 * base, meta), or a document-level element that makes no sense in an article body.
 */
export const DROP_WITH_CONTENT: ReadonlySet<string> = new Set([
  "script", "style", "textarea", "title", "noscript", "iframe", "frame", "frameset",
  "object", "embed", "applet", "xmp", "noembed", "noframes", "plaintext", "template",
  "svg", "math", "form", "input", "button", "select", "option", "optgroup", "datalist",
  "base", "meta", "link", "head", "portal", "param",
]);

/** Elements that never have children or an end tag; emitted as `<br>`, not `<br></br>`. */
export const VOID_ELEMENTS: ReadonlySet<string> = new Set(["br", "hr", "img"]);

/**
 * How an attribute value is judged:
 * - text: any string, escaped on output (title, alt, datetime are inert text);
 * - href: URL, http(s)/mailto/relative; - url: URL, http(s)/relative;
 * - srcset: judged candidate by candidate; - digits: ASCII digits only (sizes, spans, ol
 *   start: a negative start is valid HTML but the policy is digits-only);
 * - emMedia: class exactly `em_media`;
 * - language: the first `language-xxx` class token (what fenced code and Jekyll's
 *   `highlight` put on code blocks), every other class dropped;
 * - anchorId: an id a same-page link can target (footnotes, headings), kept only when it
 *   matches ANCHOR_ID and always emitted with USER_CONTENT_PREFIX (see there).
 */
export type AttributeKind = "text" | "href" | "url" | "srcset" | "digits" | "emMedia" | "language" | "anchorId";

export interface AttributeRule {
  readonly name: string;
  readonly kind: AttributeKind;
}

/**
 * Allowed attributes per element. The array order IS the output order, so the output
 * does not depend on how a partner happened to order attributes (deterministic hashes).
 */
const anchorId: readonly AttributeRule[] = [{ name: "id", kind: "anchorId" }];
const language: readonly AttributeRule[] = [{ name: "class", kind: "language" }];

export const ATTRIBUTE_RULES: Readonly<Record<string, readonly AttributeRule[]>> = {
  // Footnote references (`<a href="#fn1" id="fnref1">`, kramdown's `<sup id="fnref:1">`),
  // the notes (`<li id="fn1">`) and headings (kramdown's auto ids, the {:toc} links).
  a: [{ name: "href", kind: "href" }, { name: "title", kind: "text" }, ...anchorId],
  sup: anchorId,
  li: anchorId,
  h1: anchorId, h2: anchorId, h3: anchorId, h4: anchorId, h5: anchorId, h6: anchorId,
  code: language,
  pre: language,
  img: [
    { name: "src", kind: "url" },
    { name: "srcset", kind: "srcset" },
    { name: "alt", kind: "text" },
    { name: "title", kind: "text" },
    { name: "width", kind: "digits" },
    { name: "height", kind: "digits" },
  ],
  td: [{ name: "colspan", kind: "digits" }, { name: "rowspan", kind: "digits" }],
  th: [{ name: "colspan", kind: "digits" }, { name: "rowspan", kind: "digits" }],
  ol: [{ name: "start", kind: "digits" }],
  time: [{ name: "datetime", kind: "text" }],
  abbr: [{ name: "title", kind: "text" }],
  q: [{ name: "cite", kind: "url" }],
  blockquote: [{ name: "cite", kind: "url" }],
  p: [{ name: "class", kind: "emMedia" }, ...anchorId],
};

/**
 * Attributes the sanitizer sets itself, after the allowed ones, replacing any partner
 * value. Links: no window.opener, no referrer, no SEO endorsement, marked as user content
 * (target is never copied, so links open in place). Images: lazy, async, and no referrer
 * so partner image hosts cannot track our readers.
 */
export const FORCED_ATTRIBUTES: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  a: [["rel", "noopener noreferrer nofollow ugc"]],
  img: [["loading", "lazy"], ["decoding", "async"], ["referrerpolicy", "no-referrer"]],
};

/** Numeric attributes longer than this are junk or an attempt to blow up layout. */
export const MAX_DIGITS = 6;

/** The one class partners use (source attribution line); other classes are dropped but `language-*`. */
export const EM_MEDIA_CLASS = "em_media";

/** A code block's language class: `language-js`, `language-c++`, `language-objective-c`. */
export const LANGUAGE_CLASS = /^language-[A-Za-z0-9_+#.-]{1,32}$/;

/**
 * Ids from partner markup: 1 to 200 letters, marks, digits (any script), `_`, `:`, `.`,
 * `-` (markdown-it's `fn1`/`fnref1:1`, kramdown's `fn:1`, Jekyll's heading ids such as
 * `贡献指南`, or `-安装-jpom` for "🔨 安装 Jpom"; long Chinese headings give long ids); no
 * space, quote or other punctuation. Every kept id is emitted as USER_CONTENT_PREFIX + id,
 * and every same-page link `#id` to such an id gets the same prefix, so footnotes and the
 * table of contents still work while no partner id can be a JavaScript identifier (DOM
 * clobbering: `window.fn1`, `document.x`) or collide with an id of our own page; GitHub
 * does the same with its `user-content-` prefix.
 */
export const ANCHOR_ID = /^[\p{L}\p{M}\p{Nd}\p{Pc}:.-]{1,200}$/u;
export const USER_CONTENT_PREFIX = "user-content-";
