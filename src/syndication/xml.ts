/**
 * XML 1.0 output for the feed and sitemap renderers: escaping that cannot produce an
 * ill-formed document, and a tiny element tree so no renderer concatenates tags by hand.
 *
 * Escaping is total, so no CDATA is ever needed: HTML bodies travel as escaped text
 * (RSS content:encoded, Atom content type="html"), which every reader decodes.
 */

/**
 * Characters XML 1.0 does not allow anywhere (not even as character references): C0
 * controls other than tab/LF/CR, U+FFFE/U+FFFF, and lone surrogates (they cannot be
 * encoded as UTF-8 at all). Dropping them beats emitting a feed no parser will read.
 */
const ILLEGAL_XML_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripIllegalXmlChars(text: string): string {
  return text.replace(ILLEGAL_XML_CHARS, "");
}

const TEXT_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  // ">" only matters in "]]>", but escaping it always is simpler and still valid.
  ">": "&gt;",
  // A literal CR would be normalised to LF by every parser; a reference survives.
  "\r": "&#13;",
};

const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  ...TEXT_ESCAPES,
  '"': "&quot;",
  "'": "&apos;",
  // Attribute-value normalisation turns literal whitespace into spaces; references survive.
  "\t": "&#9;",
  "\n": "&#10;",
};

/** Character data: safe between tags. */
export function escapeXmlText(text: string): string {
  return stripIllegalXmlChars(text).replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

/** Attribute value: safe inside either kind of quotes, whitespace preserved. */
export function escapeXmlAttribute(value: string): string {
  return stripIllegalXmlChars(value).replace(/[&<>"'\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}

/** Attributes in the order written; null/undefined values are left out. */
export type XmlAttributes = Readonly<Record<string, string | number | null | undefined>>;

export type XmlElement = {
  readonly name: string;
  readonly attributes?: XmlAttributes;
  /** Text content (escaped on output). An element has text or children, never both. */
  readonly text?: string;
  readonly children?: readonly XmlChild[];
};

/** Falsy children are skipped, so optional elements read as `value && el(...)`. */
export type XmlChild = XmlElement | null | undefined | false | "";

/** Builds an element; `content` is its text (a string) or its children (an array). */
export function el(name: string, attributes: XmlAttributes = {}, content?: string | readonly XmlChild[]): XmlElement {
  if (content === undefined) return { name, attributes };
  return typeof content === "string" ? { name, attributes, text: content } : { name, attributes, children: content };
}

const NAME = /^[A-Za-z_][\w.:-]*$/;

function openTag(element: XmlElement): string {
  if (!NAME.test(element.name)) throw new Error(`invalid XML element name: ${element.name}`);
  let tag = `<${element.name}`;
  for (const [key, value] of Object.entries(element.attributes ?? {})) {
    if (value === null || value === undefined) continue;
    if (!NAME.test(key)) throw new Error(`invalid XML attribute name: ${key}`);
    tag += ` ${key}="${escapeXmlAttribute(String(value))}"`;
  }
  return tag;
}

function renderElement(element: XmlElement, depth: number, out: string[]): void {
  const indent = "  ".repeat(depth);
  const tag = openTag(element);
  const children = (element.children ?? []).filter((child): child is XmlElement => Boolean(child));
  if (children.length > 0) {
    out.push(`${indent}${tag}>`);
    for (const child of children) renderElement(child, depth + 1, out);
    out.push(`${indent}</${element.name}>`);
  } else if (element.text !== undefined && element.text !== "") {
    out.push(`${indent}${tag}>${escapeXmlText(element.text)}</${element.name}>`);
  } else {
    out.push(`${indent}${tag}/>`);
  }
}

/** A whole document: declaration, the root indented two spaces a level, final newline. */
export function renderXmlDocument(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>'];
  renderElement(root, 0, out);
  return out.join("\n") + "\n";
}
