/**
 * The kramdown syntax Jekyll sites use that markdown-it does not read:
 * - attribute lists (`{: .class}`, `{:#id}`, span lists after an element, `{::options …/}`)
 *   are removed, never shown; an id a paragraph's last-line list names (`{: #fn1}`, ruby-lang's
 *   hand-made footnotes) stays on the paragraph, as a link target. This runs on markdown-it's own tokens (a core rule), so
 *   code spans and blocks are exactly what markdown-it says they are.
 * - a list followed by `{:toc}` becomes the list of headings, each a link to the heading's
 *   id (kramdown-blocks.ts gives every heading kramdown's auto id; the sanitizer keeps it
 *   with its `user-content-` prefix and the link with it), skipping `{: .no_toc}` headings;
 *   an entry shows the heading's rendered inline content (bold, code), its links unwrapped.
 * - `markdown="1"` HTML blocks get blank lines inside, so their content renders as
 *   Markdown (CommonMark ends an HTML block at a blank line), and lose the attribute.
 * Footnotes and definition lists are markdown-it plugins (markdown.ts).
 */
import type { MarkdownIt, StateCore, Token } from "markdown-it";

const FENCE_RE = /^\s{0,3}(`{3,}|~{3,})/;
// A closing fence has nothing after its marks (CommonMark): "```java" inside a block is content.
const CLOSING_FENCE_RE = /^\s{0,3}(?:`{3,}|~{3,})\s*$/;
const MARKDOWN_OPEN_RE = /^(\s*<([a-zA-Z][\w-]*)\b[^>]*?)\s+markdown=(["']?)(?:1|block|span)\3([^>]*>)\s*$/;
const IAL_RE = /\{:(?!\/)[^}]*\}|\{:\/[a-z]*\}/g;
const TOC_RE = /(?:^|\n)\s*\{:\s*toc\s*\}\s*$/;
const NO_TOC_RE = /^\s*\{:\s*\.no_toc\s*\}\s*$/;
const CODE_SPAN_RE = /(`+)[\s\S]*?\1/g;
// A block attribute list on the paragraph's last line naming an id (`{: #fn1}`): a link target.
const BLOCK_ID_RE = /\n\s*\{:[^}]*?#([\p{L}\p{Nd}][\p{L}\p{M}\p{Nd}\p{Pc}:.-]*)[^}]*\}\s*$/u;

/** Removes attribute lists outside code spans. */
function withoutIal(content: string): string {
  let out = "";
  let last = 0;
  for (const m of content.matchAll(CODE_SPAN_RE)) {
    out += content.slice(last, m.index).replace(IAL_RE, "") + m[0];
    last = m.index + m[0].length;
  }
  return out + content.slice(last).replace(IAL_RE, "");
}

/**
 * Every {:toc} marker gets the whole list of headings, so a body of many markers and many
 * headings grows as their product (40 KB of them rendered to 126 MB; 160 KB went past the
 * engine's string limit). Real posts have one; past this many, a marker's list is removed.
 */
export const MAX_TOCS_PER_POST = 8;

/** Marks the table-of-contents token the block-level rule leaves, for kramdownToc to fill. */
const TOC_META = "kramdownToc";
/** Marks a heading `{: .no_toc}` keeps out (its attribute paragraph is gone by the time the TOC is built). */
const NO_TOC_META = "kramdownNoToc";

/**
 * A TOC entry's inline tokens: the heading's own, rendered as it is, less what kramdown's
 * TOC takes out (converter/html.rb fix_for_toc_entry): links unwrapped to their content,
 * since the entry is itself a link, and footnote references dropped. Raw `<a>` tags go too,
 * or the entry would hold a link inside a link.
 */
function tocEntryTokens(children: readonly Token[]): Token[] {
  return children.filter(
    (c) => c.type !== "link_open" && c.type !== "link_close" && c.type !== "footnote_ref" && !(c.type === "html_inline" && /^<\/?a\b/i.test(c.content)),
  );
}

/** The list of headings (nested by level) as HTML; "" when there are none. */
function tocHtml(tokens: readonly Token[], md: MarkdownIt, env: StateCore["env"]): string {
  const headings: { level: number; html: string; id: string | null }[] = [];
  tokens.forEach((t, i) => {
    if (t.type !== "heading_open" || t.meta?.[NO_TOC_META] === true) return;
    const html = md.renderer.renderInline(tocEntryTokens(tokens[i + 1]?.children ?? []), md.options, env);
    headings.push({ level: Number(t.tag.slice(1)), html, id: String(t.attrGet("id") ?? "") || null });
  });
  if (headings.length === 0) return "";
  const top = Math.min(...headings.map((h) => h.level));
  let html = "";
  let depth = 0;
  for (const h of headings) {
    const level = h.level - top + 1;
    if (level > depth) html += "<ul><li>".repeat(level - depth);
    else html += `${"</li></ul>".repeat(depth - level)}</li><li>`;
    depth = level;
    html += h.id ? `<a href="#${md.utils.escapeHtml(h.id)}">${h.html}</a>` : h.html;
  }
  return `${html}${"</li></ul>".repeat(depth)}\n`;
}

/**
 * Core rule, last: fills each TOC token once the headings' inline content is parsed (and
 * typography applied), so entries show the heading as rendered, not its Markdown source.
 */
function kramdownToc(md: MarkdownIt) {
  return (state: StateCore): void => {
    let toc: string | null = null;
    let count = 0;
    for (const t of state.tokens) {
      if (t.type !== "html_block" || t.meta?.[TOC_META] !== true) continue;
      count += 1;
      toc ??= tocHtml(state.tokens, md, state.env);
      t.content = count <= MAX_TOCS_PER_POST ? toc : "";
    }
  };
}

/** markdown-it plugin: kramdown attribute lists and {:toc}. */
export const kramdownAttributes = (md: MarkdownIt): void => {
  md.core.ruler.after("block", "kramdown_ial", (state: StateCore) => {
    const tokens = state.tokens;
    tokens.forEach((t, i) => {
      if (t.type === "heading_open" && tokens[i + 3]?.type === "paragraph_open" && NO_TOC_RE.test(tokens[i + 4]?.content ?? "")) {
        t.meta = { ...t.meta, [NO_TOC_META]: true };
      }
    });
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t?.type !== "inline" || !t.content.includes("{:")) continue;
      if (TOC_RE.test(t.content)) {
        // Replace the enclosing list with the table of contents.
        let start = i;
        let depth = 0;
        while (start > 0) {
          start--;
          const s = tokens[start]!;
          if (s.type === "bullet_list_close" || s.type === "ordered_list_close") depth++;
          if (s.type === "bullet_list_open" || s.type === "ordered_list_open") {
            if (depth === 0) break;
            depth--;
          }
        }
        const open = tokens[start]!;
        if (open.type === "bullet_list_open" || open.type === "ordered_list_open") {
          let end = start;
          while (end < tokens.length && !(tokens[end]!.type === open.type.replace("_open", "_close") && tokens[end]!.level === open.level)) end++;
          const html = new state.Token("html_block", "", 0);
          html.meta = { [TOC_META]: true };
          tokens.splice(start, end - start + 1, html);
          i = start;
          continue;
        }
      }
      const blockId = BLOCK_ID_RE.exec(t.content)?.[1];
      if (blockId && tokens[i - 1]?.type === "paragraph_open") tokens[i - 1]!.attrSet("id", blockId);
      t.content = withoutIal(t.content).replace(/\s+$/, "");
    }
    // Paragraphs that held only an attribute list are gone, not empty.
    for (let i = tokens.length - 3; i >= 0; i--) {
      if (tokens[i]?.type === "paragraph_open" && tokens[i + 1]?.type === "inline" && tokens[i + 1]?.content.trim() === "" && tokens[i + 2]?.type === "paragraph_close") {
        tokens.splice(i, 3);
      }
    }
  });
  // Last of all core rules: the headings' inline tokens exist, typography and text joins done.
  md.core.ruler.push("kramdown_toc", kramdownToc(md));
};

/** `markdown="1"` blocks: blank lines inside so markdown-it renders their content. */
export function preprocessKramdown(source: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  const closers: string[] = [];
  for (const line of source.split("\n")) {
    const mark = FENCE_RE.exec(line)?.[1];
    if (fence !== null) {
      if (mark && mark[0] === fence[0] && mark.length >= fence.length && CLOSING_FENCE_RE.test(line)) fence = null;
      out.push(line);
      continue;
    }
    if (mark) {
      fence = mark;
      out.push(line);
      continue;
    }
    const open = MARKDOWN_OPEN_RE.exec(line);
    if (open) {
      out.push(`${open[1]}${open[4]}`, "");
      closers.push(open[2] ?? "div");
      continue;
    }
    const closer = closers[closers.length - 1];
    if (closer && new RegExp(`^\\s*</${closer}>\\s*$`, "i").test(line)) {
      closers.pop();
      out.push("", line);
      continue;
    }
    out.push(line);
  }
  return out.join("\n");
}
