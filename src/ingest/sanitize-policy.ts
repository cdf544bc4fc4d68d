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
 * - emMedia: class exactly `em_media`.
 */
export type AttributeKind = "text" | "href" | "url" | "srcset" | "digits" | "emMedia";

export interface AttributeRule {
  readonly name: string;
  readonly kind: AttributeKind;
}

/**
 * Allowed attributes per element. The array order IS the output order, so the output
 * does not depend on how a partner happened to order attributes (deterministic hashes).
 */
export const ATTRIBUTE_RULES: Readonly<Record<string, readonly AttributeRule[]>> = {
  a: [{ name: "href", kind: "href" }, { name: "title", kind: "text" }],
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
  p: [{ name: "class", kind: "emMedia" }],
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

/** The one class partners use (source attribution line); all other classes are dropped. */
export const EM_MEDIA_CLASS = "em_media";
