/**
 * Two places where kramdown (Jekyll) and markdown-it read the same Markdown differently,
 * made to read as kramdown does:
 * - a code fence with no closing fence is not a code block for kramdown, just text; for
 *   markdown-it it runs to the end of the document and swallows everything after it (in
 *   real posts: the `* TOC\n{:toc}` marker, left showing as code);
 * - Jekyll's kramdown gives every Markdown heading an id (`auto_ids`), which `{:toc}` and
 *   in-post links (`[see](#贡献指南)`) lead to. Jekyll reads Markdown with kramdown's GFM
 *   parser by default (`kramdown: input: GFM`), whose ids keep Unicode letters.
 */
import type { MarkdownIt, StateBlock, StateCore } from "markdown-it";

const BACKTICK = 0x60;
const TILDE = 0x7e;

/** The opening fence on `line` (marker and length) if there is one, as markdown-it's fence rule reads it. */
function openingFence(state: StateBlock, line: number): { marker: number; length: number } | null {
  if (state.sCount[line]! - state.blkIndent >= 4) return null;
  const start = state.bMarks[line]! + state.tShift[line]!;
  const max = state.eMarks[line]!;
  const marker = state.src.charCodeAt(start);
  if (marker !== BACKTICK && marker !== TILDE) return null;
  const end = state.skipChars(start, marker);
  if (end - start < 3) return null;
  if (marker === BACKTICK && state.src.slice(end, max).includes("`")) return null;
  return { marker, length: end - start };
}

/** Whether a closing fence follows before the container ends (a dedent closes it too, as in markdown-it). */
function isClosed(state: StateBlock, line: number, endLine: number, fence: { marker: number; length: number }): boolean {
  for (let next = line + 1; next < endLine; next++) {
    const start = state.bMarks[next]! + state.tShift[next]!;
    const max = state.eMarks[next]!;
    if (start < max && state.sCount[next]! < state.blkIndent) return true;
    if (state.sCount[next]! - state.blkIndent >= 4 || state.src.charCodeAt(start) !== fence.marker) continue;
    const end = state.skipChars(start, fence.marker);
    if (end - start >= fence.length && state.skipSpaces(end) >= max) return true;
  }
  return false;
}

/** Block rule before markdown-it's fence: an unclosed opening fence line becomes a paragraph of text. */
function unclosedFence(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const fence = openingFence(state, startLine);
  if (!fence || isClosed(state, startLine, endLine, fence)) return false;
  if (silent) return true;
  const text = state.src.slice(state.bMarks[startLine]! + state.tShift[startLine]!, state.eMarks[startLine]!).trim();
  state.push("paragraph_open", "p", 1).map = [startLine, startLine + 1];
  const inline = state.push("inline", "", 0);
  inline.content = text;
  inline.map = [startLine, startLine + 1];
  inline.children = [];
  state.push("paragraph_close", "p", -1);
  state.line = startLine + 1;
  return true;
}

/**
 * kramdown-parser-gfm's `generate_gfm_header_id` (1.1, what Jekyll 4.3 runs): lower case,
 * only word characters (Ruby's \p{Word}), `-`, space and tab kept, spaces and tabs to `-`.
 */
export function kramdownId(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{Nd}\p{Pc}\- \t]/gu, "")
    .replace(/[ \t]/g, "-");
}

const HEADER_ID_IAL = /\{:\s*#([A-Za-z][\w:.-]*)\s*\}\s*$/;
const ANY_IAL = /\{:[^}]*\}/g;

/** Core rule: an id on every Markdown heading, unique in the post (`intro`, `intro-1`), as Jekyll's GFM parser does. */
function headingIds(state: StateCore): void {
  const used = new Map<string, number>();
  state.tokens.forEach((t, i) => {
    if (t.type !== "heading_open") return;
    const content = state.tokens[i + 1]?.content ?? "";
    const given = HEADER_ID_IAL.exec(content)?.[1];
    let id = given ?? kramdownId(content.replace(ANY_IAL, "").trim());
    if (!given) {
      const seen = used.get(id);
      used.set(id, (seen ?? -1) + 1);
      if (seen !== undefined) id = `${id}-${seen + 1}`;
    }
    // An id of nothing (a heading of emoji alone) is no anchor; kramdown would write id="".
    if (id !== "") t.attrSet("id", id);
  });
}

export const kramdownBlocks = (md: MarkdownIt): void => {
  md.block.ruler.before("fence", "kramdown_unclosed_fence", unclosedFence, { alt: ["paragraph", "reference", "blockquote", "list"] });
  md.core.ruler.after("block", "kramdown_ids", headingIds);
};
