/**
 * XSS oracle: re-parses HTML the way a reader's browser would (a full standards-mode
 * document, scripting enabled, markup inside <body>) and lists everything in the resulting
 * tree that could execute script, load active content or hijack the page.
 *
 * It deliberately does not share code with the sanitizer: it judges the browser's view of
 * the sanitizer's *output*, so a sanitizer bug and an oracle bug must coincide to hide a
 * hole. It walks template contents and foreign (svg/math) subtrees too.
 */
import { defaultTreeAdapter, html, parse, type DefaultTreeAdapterTypes } from "parse5";

type Node = DefaultTreeAdapterTypes.Node;

/** Elements that run script, embed active content, or change how the page behaves. */
const DANGEROUS_ELEMENTS = new Set([
  "script", "iframe", "frame", "frameset", "object", "embed", "applet", "portal",
  "svg", "math", "base", "meta", "link", "form", "style", "template",
]);

/** Attributes whose value is fetched or navigated to. */
const URL_ATTRIBUTES = new Set([
  "href", "src", "action", "formaction", "xlink:href", "cite", "data", "background",
  "poster", "dynsrc", "lowsrc", "codebase", "ping", "manifest",
]);

/** Schemes that execute or smuggle arbitrary content. */
const BAD_SCHEMES = ["javascript:", "vbscript:", "data:"];

/** Attributes that are dangerous whatever their value. */
const DANGEROUS_ATTRIBUTES = new Set(["style", "srcdoc", "http-equiv"]);

export interface Finding {
  /** Element (or `#comment`) the problem sits on. */
  readonly node: string;
  readonly problem: string;
}

/** The browser's URL parser ignores these anywhere in a scheme; so do we. */
function hasBadScheme(value: string): boolean {
  const probe = value.replace(/[\u0000-\u0020\u007f]/g, "").toLowerCase();
  return BAD_SCHEMES.some((scheme) => probe.startsWith(scheme));
}

/** Every URL-ish token of a srcset (split on whitespace and commas, the separators). */
function badSrcsetTokens(value: string): string[] {
  return value.split(/[\s,]+/).filter((token) => token !== "" && hasBadScheme(token));
}

export function findXss(markup: string): Finding[] {
  const document = parse(`<!DOCTYPE html><html><head></head><body>${markup}</body></html>`);
  const findings: Finding[] = [];
  const stack: Node[] = [document];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (defaultTreeAdapter.isCommentNode(node)) {
      // Inert in modern browsers, but conditional comments ran script in old IE and the
      // sanitizer's contract is "no comments at all".
      findings.push({ node: "#comment", problem: `comment <!--${node.data}-->` });
      continue;
    }
    if (defaultTreeAdapter.isElementNode(node)) {
      const tag = node.tagName.toLowerCase();
      if (DANGEROUS_ELEMENTS.has(tag)) findings.push({ node: tag, problem: `element <${tag}>` });
      if (node.namespaceURI !== html.NS.HTML) {
        findings.push({ node: tag, problem: `foreign-namespace element ${node.namespaceURI}` });
      }
      for (const attr of node.attrs) {
        const name = (attr.prefix ? `${attr.prefix}:${attr.name}` : attr.name).toLowerCase();
        if (name.startsWith("on")) findings.push({ node: tag, problem: `event handler ${name}` });
        if (DANGEROUS_ATTRIBUTES.has(name)) findings.push({ node: tag, problem: `attribute ${name}` });
        if (URL_ATTRIBUTES.has(name) && hasBadScheme(attr.value)) {
          findings.push({ node: tag, problem: `${name}=${JSON.stringify(attr.value)}` });
        }
        if (name === "srcset") {
          for (const token of badSrcsetTokens(attr.value)) {
            findings.push({ node: tag, problem: `srcset candidate ${JSON.stringify(token)}` });
          }
        }
      }
      // Template markup lives in a separate fragment, not in childNodes; walk it too.
      if ("content" in node) stack.push(node.content);
    }
    if ("childNodes" in node) stack.push(...node.childNodes);
  }
  return findings;
}

/** The one id prefix partner markup may carry (src/ingest/sanitize-policy.ts, USER_CONTENT_PREFIX). */
const SAFE_ID = /^user-content-[\p{L}\p{M}\p{Nd}\p{Pc}:.-]{1,200}$/u;
const SAFE_CLASS = /^(?:language-[A-Za-z0-9_+#.-]{1,32}|em_media)$/;

/**
 * DOM clobbering and styling hooks: any `id` that is not `user-content-…` (a bare id can be
 * a global name, `window.location`-style, or shadow one of our page's ids), any `name`, and
 * any class other than one `language-*` on code/pre or `em_media` on p. Kept apart from
 * findXss, which judges script execution and has its own labelled raw corpus.
 */
export function findClobbering(markup: string): Finding[] {
  const document = parse(`<!DOCTYPE html><html><head></head><body>${markup}</body></html>`);
  const findings: Finding[] = [];
  const stack: Node[] = [document];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (defaultTreeAdapter.isElementNode(node)) {
      const tag = node.tagName.toLowerCase();
      for (const attr of node.attrs) {
        if (attr.name === "id" && !SAFE_ID.test(attr.value)) findings.push({ node: tag, problem: `id=${JSON.stringify(attr.value)}` });
        if (attr.name === "name") findings.push({ node: tag, problem: `name=${JSON.stringify(attr.value)}` });
        if (attr.name === "class") {
          const okHere = (tag === "code" || tag === "pre" || tag === "p") && SAFE_CLASS.test(attr.value) && (tag === "p") === (attr.value === "em_media");
          if (!okHere) findings.push({ node: tag, problem: `class=${JSON.stringify(attr.value)}` });
        }
      }
      if ("content" in node) stack.push(node.content);
    }
    if ("childNodes" in node) stack.push(...node.childNodes);
  }
  return findings;
}
