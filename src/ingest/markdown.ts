/**
 * Body rendering. Partner bodies are HTML, Markdown or a mix, as Jekyll's kramdown
 * accepts them: HTML blocks pass through, Markdown around them renders; kramdown's
 * footnotes, definition lists, tables, attribute lists and markdown="1" blocks too.
 */
import MarkdownIt from "markdown-it";
import deflist from "markdown-it-deflist";
import footnote from "markdown-it-footnote";
import { kramdownAttributes, preprocessKramdown } from "./kramdown";
import { kramdownBlocks } from "./kramdown-blocks";
import { guardMarkdown } from "./markdown-guard";

// html: raw HTML blocks are the common case (the sanitizer runs after, so this is safe).
// linkify off: kramdown does not linkify. typographer on for what kramdown does (smart
// quotes; "...", "--", "---" below), not markdown-it's other replacements such as (c).
const md = new MarkdownIt({ html: true, linkify: false, typographer: true, quotes: "“”‘’" })
  .use(footnote)
  .use(deflist)
  .use(kramdownAttributes)
  // After kramdownAttributes: its auto heading ids go just before that plugin's {:toc} rule.
  .use(kramdownBlocks)
  .disable("replacements");
guardMarkdown(md);

// kramdown's typographic symbols, in text only (code spans and blocks are other tokens).
md.core.ruler.after("inline", "kramdown_typography", (state) => {
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    for (const t of block.children) {
      if (t.type === "text" && /\.\.\.|--/.test(t.content)) {
        t.content = t.content.replace(/\.\.\./g, "…").replace(/---/g, "—").replace(/--/g, "–");
      }
    }
  }
});

/** Markdown (with embedded HTML) to HTML; not yet sanitized. */
export function renderMarkdown(source: string): string {
  return md.render(preprocessKramdown(source));
}
