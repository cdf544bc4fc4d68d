/**
 * The one allowlist sanitizer for untrusted partner HTML (article bodies shown to readers
 * and framed on partner sites).
 *
 * Why parse5 and not HTMLRewriter or regexes: this must run unchanged in workerd and in
 * Node 20 (the import CLI), and HTMLRewriter only exists in workerd. parse5 is pure JS and
 * implements the WHATWG tree-construction algorithm, so we judge the same spec-compliant
 * tree a browser builds (entities decoded, raw-text elements, foster-parenting, adoption
 * agency, foreign content) instead of guessing at a token stream as HTMLRewriter does. It is
 * also the parser of the XSS test oracle (test/support/xss-oracle.ts), so the tests judge
 * our output with the same algorithm we used to read the input. We never reuse the input markup: the output is
 * rebuilt from the tree with a small serializer that only knows allowed elements, a fixed
 * attribute order and full escaping, so there are no comments, raw-text elements or
 * foreign namespaces left for a browser to re-interpret (the mutation-XSS surface).
 *
 * Idempotence: a tree a parser produced does not always re-parse to itself once we have
 * unwrapped elements (e.g. `<p><marquee><p>` nests paragraphs, which the next parse splits).
 * So sanitizeHtml re-runs the pass on its own output until it is a fixed point; that makes
 * sanitizeHtml(sanitizeHtml(x)) === sanitizeHtml(x) hold by construction, not by luck.
 */
import { defaultTreeAdapter, html as parse5Html, type DefaultTreeAdapterTypes } from "parse5";
import { parseBody, type TreeLimits } from "./html-tree";
import {
  ALLOWED_ELEMENTS, ANCHOR_ID, ATTRIBUTE_RULES, DROP_WITH_CONTENT, EM_MEDIA_CLASS, FORCED_ATTRIBUTES,
  LANGUAGE_CLASS, MAX_DIGITS, USER_CONTENT_PREFIX, VOID_ELEMENTS, type AttributeKind,
} from "./sanitize-policy";
import { cleanSrcset, cleanUrl } from "./url-policy";

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

/**
 * Bump whenever the output for some input changes; stored with each article. It versions
 * the whole parse of a post: 4 is the chrome change (upstream link lines and end-of-text
 * credits leave the body; footer names for `../emnews/`-style links).
 */
export const SANITIZER_VERSION = 4;

/** Passes after the first before giving up on a fixed point (real inputs need one). */
const MAX_EXTRA_PASSES = 4;

const DIGITS = new RegExp(`^\\d{1,${MAX_DIGITS}}$`);

export function sanitizeHtml(html: string): string {
  if (typeof html !== "string" || html === "") return ""; // the CLI feeds parsed YAML
  return toFixedPoint(sanitizePass(html));
}

export type SanitizedBody = {
  html: string;
  /** Text of the first `<p class="em_media">` (the source credit), read from the input tree. */
  credit: string | null;
};

/**
 * The ingest entry point: one parse of the untrusted body under `limits` (a TreeLimitError
 * past them), the source credit read from that same tree, then the fixed point. Later
 * passes parse our own output, whose size and depth the first pass already bounded.
 */
export function sanitizeBody(html: string, limits: TreeLimits & { maxOutputChars: number }): SanitizedBody {
  if (html === "") return { html: "", credit: null };
  const tree = parseBody(html, limits);
  return { html: toFixedPoint(emit(tree.childNodes, limits.maxOutputChars)), credit: findCredit(tree) };
}

/** The sanitized text alone passed `limit` characters (each at least one UTF-8 byte). */
export class OutputTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`sanitized output over ${limit} characters`);
    this.name = "OutputTooLargeError";
  }
}

function toFixedPoint(first: string): string {
  let current = first;
  for (let pass = 0; pass < MAX_EXTRA_PASSES; pass++) {
    const next = sanitizePass(current);
    if (next === current) return current;
    current = next;
  }
  // Never seen in practice; if some parser quirk keeps changing the markup, plain text is
  // the honest fallback, and "" if even that is not stable.
  const text = escapeText(textContent(parseBody(current)));
  return sanitizePass(text) === text ? text : "";
}

/** One parse-and-rebuild pass. Exported for tests that look at convergence. */
export function sanitizePass(html: string): string {
  return emit(parseBody(html).childNodes);
}

/** A closing tag waiting on the work stack, and whether it leaves a link. */
interface Close {
  readonly html: string;
  readonly leavesLink: boolean;
  /** Index in the output of the `<pre>` placeholder this closes, or -1. */
  readonly prePlaceholder: number;
}

/**
 * Rebuilds allowed markup. Iterative with an explicit stack, so a partner body nested a
 * hundred thousand levels deep cannot overflow the call stack.
 */
function emit(nodes: readonly Node[], maxChars = Infinity): string {
  const out: string[] = [];
  let chars = 0;
  const stack: (Node | Close)[] = [];
  pushReversed(stack, nodes);
  let linkDepth = 0;
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (!("nodeName" in item)) {
      out.push(item.html);
      if (item.leavesLink) linkDepth--;
      if (item.prePlaceholder >= 0) fixPreNewline(out, item.prePlaceholder);
      continue;
    }
    if (defaultTreeAdapter.isTextNode(item)) {
      const text = escapeText(item.value);
      chars += text.length;
      // Text is where output grows (`&` → `&amp;`): stop as soon as it cannot fit.
      if (chars > maxChars) throw new OutputTooLargeError(maxChars);
      out.push(text);
      continue;
    }
    if (!defaultTreeAdapter.isElementNode(item)) continue; // comments, doctypes: dropped
    const tag = item.tagName;
    // Anything outside the HTML namespace only exists under svg/math, which we drop whole;
    // the namespace check is belt and braces should a future parser hoist such a node.
    if (item.namespaceURI !== parse5Html.NS.HTML || DROP_WITH_CONTENT.has(tag)) continue;
    const attrs = ALLOWED_ELEMENTS.has(tag) ? buildAttributes(item) : null;
    // href/src come first in the policy order, so a prefix test tells whether they survived.
    // Unwrap: unknown elements, links without a usable href, and links inside links
    // (invalid HTML; outside table cells a re-parse splits them into siblings).
    const unwrap = attrs === null || (tag === "a" && (!attrs.startsWith(" href=") || linkDepth > 0));
    if (unwrap) {
      pushReversed(stack, item.childNodes);
      continue;
    }
    if (tag === "img" && !attrs.startsWith(" src=")) continue; // an image without a safe src
    out.push(`<${tag}${attrs}>`);
    if (VOID_ELEMENTS.has(tag)) continue;
    let prePlaceholder = -1;
    if (tag === "pre") {
      prePlaceholder = out.length;
      out.push("");
    }
    if (tag === "a") linkDepth++;
    stack.push({ html: `</${tag}>`, leavesLink: tag === "a", prePlaceholder });
    pushReversed(stack, item.childNodes);
  }
  return out.join("");
}

/** Children go on the stack last-first so they pop in document order (no spread: huge lists). */
function pushReversed<T>(stack: T[], nodes: readonly T[]): void {
  for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i] as T);
}

/**
 * The parser drops one newline right after `<pre>`, so content that starts with a newline
 * (possibly from an unwrapped child) needs an extra one to survive the next parse.
 */
function fixPreNewline(out: string[], placeholder: number): void {
  for (let i = placeholder + 1; i < out.length; i++) {
    const chunk = out[i] ?? "";
    if (chunk === "") continue;
    if (chunk.startsWith("\n")) out[placeholder] = "\n";
    return;
  }
}

/** Allowed attributes in policy order, then forced ones; each as ` name="value"`. */
function buildAttributes(element: Element): string {
  let result = "";
  for (const rule of ATTRIBUTE_RULES[element.tagName] ?? []) {
    const attr = element.attrs.find((a) => a.name === rule.name && a.namespace === undefined);
    if (attr === undefined) continue;
    const value = judgeAttribute(rule.kind, attr.value);
    if (value !== null) result += ` ${rule.name}="${escapeAttribute(value)}"`;
  }
  for (const [name, value] of FORCED_ATTRIBUTES[element.tagName] ?? []) {
    result += ` ${name}="${escapeAttribute(value)}"`;
  }
  return result;
}

/** The value to emit for an allowed attribute, or null to drop the attribute. */
function judgeAttribute(kind: AttributeKind, value: string): string | null {
  switch (kind) {
    case "text":
      return value;
    case "href": {
      const url = cleanUrl(value, { allowMailto: true });
      // A same-page link to a kept id follows the id's prefix (see ANCHOR_ID); browsers match
      // `#%E8%B4%A1` to id="贡" too, so the fragment is judged decoded and kept as written.
      return url?.startsWith("#") ? `#${prefixedFragment(url.slice(1))}` : url;
    }
    case "url":
      return cleanUrl(value, { allowMailto: false });
    case "srcset":
      return cleanSrcset(value);
    case "digits":
      return DIGITS.test(value.trim()) ? value.trim() : null;
    case "emMedia":
      // Whitespace around the token is not a different class; anything else is.
      return value.trim() === EM_MEDIA_CLASS ? EM_MEDIA_CLASS : null;
    case "language":
      return value.split(/[\t\n\f\r ]+/).find((token) => LANGUAGE_CLASS.test(token)) ?? null;
    case "anchorId":
      return prefixedId(value);
  }
}

function prefixedFragment(fragment: string): string {
  let decoded = fragment;
  try {
    decoded = decodeURIComponent(fragment);
  } catch {
    return fragment; // not valid percent-encoding: it cannot name a kept id
  }
  if (prefixedId(decoded) === null) return fragment;
  return fragment.startsWith(USER_CONTENT_PREFIX) ? fragment : USER_CONTENT_PREFIX + fragment;
}

/** The id as emitted (prefixed once: our own output sanitizes to itself), or null to drop it. */
function prefixedId(id: string): string | null {
  const bare = id.startsWith(USER_CONTENT_PREFIX) ? id.slice(USER_CONTENT_PREFIX.length) : id;
  return ANCHOR_ID.test(bare) ? USER_CONTENT_PREFIX + bare : null;
}

const TEXT_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;", "<": "&lt;", ">": "&gt;", "\u00a0": "&nbsp;", '"': "&quot;",
};

/** `&lt;script&gt;` in the input is text, and must come out as text again. */
function escapeText(text: string): string {
  return text.replace(/[&<>\u00a0]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

/**
 * Quote and ampersand are what the syntax needs; `<` and `>` are escaped too (as the HTML
 * standard's serializer now does) so a value like `</noscript><img onerror=...>` stays inert
 * even if someone later pastes our output into a raw-text context.
 */
function escapeAttribute(value: string): string {
  return value.replace(/[&<>"\u00a0]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

/**
 * Concatenated text of a tree, for the plain-text fallback and the credit. Elements dropped
 * with their content (script, style...) contribute nothing, as on a page.
 */
function textContent(root: DefaultTreeAdapterTypes.ParentNode): string {
  const parts: string[] = [];
  const stack: Node[] = [];
  pushReversed(stack, root.childNodes);
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (defaultTreeAdapter.isTextNode(node)) parts.push(node.value);
    else if (defaultTreeAdapter.isElementNode(node) && !DROP_WITH_CONTENT.has(node.tagName)) pushReversed(stack, node.childNodes);
  }
  return parts.join("");
}

/**
 * The source credit paragraph, found in the parsed tree (never by a regex over the raw
 * markup: a pattern with nested quantifiers there is a ReDoS). Matched by class token, so
 * `class="em_media x"` counts although the sanitizer drops that class.
 */
function findCredit(root: DefaultTreeAdapterTypes.ParentNode): string | null {
  const stack: Node[] = [];
  pushReversed(stack, root.childNodes);
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (!defaultTreeAdapter.isElementNode(node) || DROP_WITH_CONTENT.has(node.tagName)) continue;
    if (node.tagName === "p" && node.namespaceURI === parse5Html.NS.HTML && hasClass(node, EM_MEDIA_CLASS)) {
      return textContent(node);
    }
    pushReversed(stack, node.childNodes);
  }
  return null;
}

function hasClass(element: Element, name: string): boolean {
  const value = element.attrs.find((a) => a.name === "class" && a.namespace === undefined)?.value ?? "";
  return value.split(/[\t\n\f\r ]+/).includes(name);
}
