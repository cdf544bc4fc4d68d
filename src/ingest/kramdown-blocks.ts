/**
 * Two places where kramdown (Jekyll) and markdown-it read the same Markdown differently,
 * made to read as kramdown does:
 * - a code fence with no closing fence is not a code block for kramdown, just text; for
 *   markdown-it it runs to the end of the document and swallows everything after it (in
 *   real posts: the `* TOC\n{:toc}` marker, left showing as code);
 * - Jekyll's kramdown gives every Markdown heading an id (`auto_ids`), which `{:toc}` and
 *   in-post links (`[see](#贡献指南)`) lead to. Jekyll reads Markdown with kramdown's GFM
 *   parser by default (`kramdown: input: GFM`), whose ids keep Unicode letters and are
 *   made from the heading's text, not its Markdown (a link gives its text, not its URL).
 */
import type { MarkdownIt, StateBlock, StateCore, Token } from "markdown-it";

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
/** Marks a heading whose id its own `{: #id}` names: no auto id, and not counted for uniqueness. */
const GIVEN_ID_META = "kramdownGivenId";

/** Block time, before kramdown.ts strips attribute lists: a heading's `{: #id}` names its id. */
function givenHeadingIds(state: StateCore): void {
  state.tokens.forEach((t, i) => {
    if (t.type !== "heading_open") return;
    const given = HEADER_ID_IAL.exec(state.tokens[i + 1]?.content ?? "")?.[1];
    if (!given) return;
    t.attrSet("id", given);
    t.meta = { ...t.meta, [GIVEN_ID_META]: true };
  });
}

/**
 * The heading's text as kramdown-parser-gfm takes it for the id (`update_raw_text`): the
 * text of its inline content, code spans included, without markup, link targets, raw HTML
 * tags, images or footnote marks (`[a link](url)` gives "a link", `<span>x</span>` "x").
 */
function headingText(children: readonly Token[]): string {
  let text = "";
  for (const c of children) if (c.type === "text" || c.type === "text_special" || c.type === "code_inline") text += c.content;
  return text;
}

/**
 * After inline parsing and typography: an id on every Markdown heading without one of its
 * own, from its text, unique in the post (`intro`, `intro-1`), as Jekyll's GFM parser does.
 */
function autoHeadingIds(state: StateCore): void {
  const used = new Map<string, number>();
  state.tokens.forEach((t, i) => {
    if (t.type !== "heading_open" || t.meta?.[GIVEN_ID_META] === true) return;
    let id = kramdownId(headingText(state.tokens[i + 1]?.children ?? []).trim());
    const seen = used.get(id);
    used.set(id, (seen ?? -1) + 1);
    if (seen !== undefined) id = `${id}-${seen + 1}`;
    // An id of nothing (a heading of emoji alone) is no anchor; kramdown would write id="".
    if (id !== "") t.attrSet("id", id);
  });
}

export const kramdownBlocks = (md: MarkdownIt): void => {
  md.block.ruler.before("fence", "kramdown_unclosed_fence", unclosedFence, { alt: ["paragraph", "reference", "blockquote", "list"] });
  md.core.ruler.after("block", "kramdown_given_ids", givenHeadingIds);
  // Needs kramdown.ts's plugin first: the ids are set just before its TOC reads them.
  md.core.ruler.before("kramdown_toc", "kramdown_ids", autoHeadingIds);
};
