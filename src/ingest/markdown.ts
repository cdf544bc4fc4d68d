/**
 * Body rendering. Partner bodies are HTML, Markdown or a mix, as Jekyll's kramdown
 * accepts them: HTML blocks pass through, Markdown around them renders; kramdown's
 * footnotes, definition lists, tables, attribute lists and markdown="1" blocks too.
 */
import MarkdownIt from "markdown-it";
import deflist from "markdown-it-deflist";
import footnote from "markdown-it-footnote";
import { preprocessKramdown } from "./kramdown";

// html: raw HTML blocks are the common case (the sanitizer runs after, so this is safe).
// linkify/typographer off: kramdown does not linkify, and bare URLs or quotes in Chinese
// text must come out as written.
const md = new MarkdownIt({ html: true, linkify: false, typographer: false }).use(footnote).use(deflist);

/** Markdown (with embedded HTML) to HTML; not yet sanitized. */
export function renderMarkdown(source: string): string {
  return md.render(preprocessKramdown(source));
}
