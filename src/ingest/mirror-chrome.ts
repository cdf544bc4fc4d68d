/**
 * The mirror's other chrome, in its HTML lines: the original article link (`原文链接：…`,
 * as a link, a Markdown link or a bare URL) is a fact, not content, so it becomes
 * originalUrl and leaves the body; paragraphs hidden with display:none and empty ones
 * (`<p></p>`, `<p>&nbsp;</p>`, `<p><br></p>`) are dropped, as a reader never sees them.
 */
// Matched against one paragraph at a time (the line split at "</p>"), so the work stays
// linear in the line's length whatever the input (a fuzzed line of 10,000 "&nbsp;" once
// took an ambiguous pattern minutes).
const OPEN_P_RE = /<p\b[^>]*>/gi;
const HIDDEN_RE = /\bstyle\s*=\s*(["'])[^"']*display\s*:\s*none/i;
const EMPTY_RE = /^(?:\s|&nbsp;|&#160;|<br\s*\/?>)*$/i;
const ORIGINAL_LABEL = String.raw`(?:原文链接|原文地址|原文|来源链接|阅读原文)\s*[:：]?\s*`;
// `<p>原文链接：<a href="URL">…</a></p>`, `原文链接：[…](URL)`, `原文链接：URL`: the whole line.
const ORIGINAL_RE = new RegExp(
  String.raw`^\s*(?:<p\b[^>]*>\s*)?${ORIGINAL_LABEL}(?:<a\b[^>]*\bhref\s*=\s*(["'])(https?:\/\/[^"']+)\1[^>]*>[\s\S]*?<\/a>|\[[^\]]*\]\((https?:\/\/[^)\s]+)\)|<?(https?:\/\/[^\s<>]+)>?)\s*(?:<\/p>)?\s*$`,
  "i",
);

export type MirrorChrome = { line: string | null; originalUrl: string | null };

/** A piece ending in "</p>": without its last paragraph when that one is hidden or empty. */
function dropHiddenOrEmpty(piece: string): string {
  if (!/<\/p>$/i.test(piece)) return piece;
  let open: RegExpExecArray | null = null;
  for (const m of piece.matchAll(OPEN_P_RE)) open = m;
  if (!open) return piece;
  const inner = piece.slice(open.index + open[0].length, piece.length - 4);
  const hidden = HIDDEN_RE.test(open[0]);
  return hidden || EMPTY_RE.test(inner) ? piece.slice(0, open.index) : piece;
}

/** Cleans one body line; `line` is null when nothing of it is left. */
export function stripMirrorChrome(text: string): MirrorChrome {
  const original = ORIGINAL_RE.exec(text);
  if (original) {
    const url = original[2] ?? original[3] ?? original[4] ?? null;
    return { line: null, originalUrl: url };
  }
  if (!/<\/p>/i.test(text)) return { line: text, originalUrl: null };
  const cleaned = text
    .split(/(?<=<\/p>)/i)
    .map(dropHiddenOrEmpty)
    .join("");
  if (cleaned === text) return { line: text, originalUrl: null };
  return { line: cleaned.trim() === "" ? null : cleaned, originalUrl: null };
}
