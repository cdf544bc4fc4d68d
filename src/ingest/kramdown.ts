/**
 * The kramdown syntax Jekyll sites use that markdown-it does not read, handled before
 * markdown-it sees the text (code fences left alone):
 * - attribute lists (`{: .class}`, `{:#id}`, `{::options …/}`) are removed, never shown;
 * - `markdown="1"` HTML blocks get blank lines inside, so their content renders as
 *   Markdown (CommonMark ends an HTML block at a blank line), and lose the attribute.
 * Footnotes and definition lists are markdown-it plugins (markdown.ts).
 */
const FENCE_RE = /^\s{0,3}(`{3,}|~{3,})/;
const BLOCK_IAL_RE = /^\s{0,3}\{:[^}\n]*\}\s*$|^\s*\{::[a-z]+[^}\n]*\/?\}\s*$/;
// A span attribute list right after an element: "**x**{: .red}", "![a](b){:width=10}".
const SPAN_IAL_RE = /\{:\s*[^}\n]*\}/g;
const MARKDOWN_OPEN_RE = /^(\s*<([a-zA-Z][\w-]*)\b[^>]*?)\s+markdown=(["']?)(?:1|block|span)\3([^>]*>)\s*$/;

const TOC_RE = /^\s{0,3}\{:\s*toc\s*\}\s*$/;
const LIST_ITEM_RE = /^\s*(?:[*+-]|\d+\.)\s/;
const ATX_RE = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const NO_TOC_RE = /^\s{0,3}\{:\s*\.no_toc\s*\}\s*$/;

/** kramdown's `{:toc}`: the list before it becomes a list of the headings (as text). */
function tableOfContents(lines: string[]): string[] {
  const headings: { level: number; text: string }[] = [];
  let fence: string | null = null;
  for (const [i, line] of lines.entries()) {
    const mark = FENCE_RE.exec(line)?.[1];
    if (fence !== null) {
      if (mark && mark[0] === fence[0] && mark.length >= fence.length) fence = null;
      continue;
    }
    if (mark) {
      fence = mark;
      continue;
    }
    const h = ATX_RE.exec(line);
    if (h && !NO_TOC_RE.test(lines[i + 1] ?? "")) headings.push({ level: (h[1] ?? "#").length, text: h[2] ?? "" });
  }
  const top = Math.min(...headings.map((h) => h.level));
  return headings.map((h) => `${"  ".repeat(h.level - top)}- ${h.text}`);
}

export function preprocessKramdown(source: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  const closers: string[] = [];
  // A span attribute list may run over lines ("[a][1]{:\n target=...}"): drop up to its "}".
  let inSpanIal = false;
  for (const raw of source.split("\n")) {
    let line = raw;
    if (inSpanIal) {
      const close = line.indexOf("}");
      if (close === -1) continue;
      line = line.slice(close + 1);
      inSpanIal = false;
    }
    const mark = FENCE_RE.exec(line)?.[1];
    if (fence !== null) {
      if (mark && mark[0] === fence[0] && mark.length >= fence.length) fence = null;
      out.push(line);
      continue;
    }
    if (mark) {
      fence = mark;
      out.push(line);
      continue;
    }
    if (TOC_RE.test(line)) {
      while (out.length > 0 && LIST_ITEM_RE.test(out[out.length - 1] ?? "")) out.pop();
      out.push(...tableOfContents(source.split("\n")));
      continue;
    }
    if (BLOCK_IAL_RE.test(line)) continue;
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
    if (line.includes("{:")) {
      line = line.replace(SPAN_IAL_RE, "");
      const open = line.search(/\{:(?!:)[^}]*$/);
      if (open !== -1) {
        line = line.slice(0, open);
        inSpanIal = true;
      }
    }
    out.push(line);
  }
  return out.join("\n");
}
