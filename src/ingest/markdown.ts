/**
 * Body rendering. Partner bodies are HTML, Markdown or a mix, as Jekyll's kramdown
 * accepts them: HTML blocks pass through, Markdown around them renders.
 */
import MarkdownIt from "markdown-it";
import { guardMarkdown } from "./markdown-guard";

// html: raw HTML blocks are the common case (the sanitizer runs after, so this is safe).
// linkify/typographer off: kramdown does neither, and bare URLs or quotes in Chinese
// text must come out as written.
const md = new MarkdownIt({ html: true, linkify: false, typographer: false });
guardMarkdown(md);

/** Markdown (with embedded HTML) to HTML; not yet sanitized. */
export function renderMarkdown(source: string): string {
  return md.render(source);
}
