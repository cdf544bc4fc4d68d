/**
 * Small readings of rendered HTML: plain text for summaries, the source credit, the
 * lead image. Regular expressions are enough here because the input is our own
 * sanitized output, not arbitrary markup.
 */

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  ldquo: "\u201c",
  rdquo: "\u201d",
  lsquo: "\u2018",
  rsquo: "\u2019",
  hellip: "\u2026",
  mdash: "\u2014",
  ndash: "\u2013",
  middot: "\u00b7",
};

/** Decodes the common named entities and every numeric one; unknown ones stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith("#")) {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return valid ? String.fromCodePoint(code) : "\ufffd";
    }
    return NAMED[ref] ?? whole;
  });
}

// Block boundaries become spaces; inline tags vanish so "<strong>一</strong>、" stays "一、".
const BLOCK_TAG_RE =
  /<\/?(?:p|div|br|hr|li|ul|ol|h[1-6]|blockquote|pre|table|thead|tbody|tr|td|th|figure|figcaption|section|article|header|footer|dd|dt|dl)\b[^>]*>/gi;

/** Visible text of an HTML fragment, whitespace collapsed. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, "")
      .replace(BLOCK_TAG_RE, " ")
      .replace(/<[^>]*>/g, ""),
  )
    .replace(/\s+/g, " ")
    .trim();
}

/** Cuts at a character (code point) boundary, so CJK text and emoji never split. */
export function truncateText(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, max).join("").trimEnd()}…`;
}

const SOURCE_P_RE = /<p\b[^>]*\bclass\s*=\s*(["'])[^"']*\bem_media\b[^"']*\1[^>]*>([\s\S]*?)<\/p\s*>/i;

/** The `<p class="em_media">（文章来源：北方网）</p>` credit paragraph, whole. */
export function findSourceParagraph(html: string): string | null {
  return SOURCE_P_RE.exec(html)?.[0] ?? null;
}

/** "（文章来源：北方网）" → "北方网". */
export function sourceNameFrom(paragraph: string): string | null {
  const text = htmlToText(paragraph)
    .replace(/^[（(]\s*/, "")
    .replace(/\s*[）)]$/, "")
    .replace(/^(?:文章)?来源\s*[：:]\s*/, "")
    .trim();
  return text === "" ? null : text;
}

/** An absolute http(s) URL, with protocol-relative `//host/…` read as https; else null. */
export function absoluteHttpUrl(raw: string): string | null {
  const candidate = raw.trim().startsWith("//") ? `https:${raw.trim()}` : raw.trim();
  if (!/^https?:\/\//i.test(candidate)) return null;
  try {
    return new URL(candidate).href;
  } catch {
    return null;
  }
}

const IMG_SRC_RE = /<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;

/** The first image in the HTML with an absolute (or protocol-relative) URL. */
export function firstImageUrl(html: string): string | null {
  for (const m of html.matchAll(IMG_SRC_RE)) {
    const url = absoluteHttpUrl(decodeEntities(m[1] ?? m[2] ?? m[3] ?? ""));
    if (url) return url;
  }
  return null;
}
