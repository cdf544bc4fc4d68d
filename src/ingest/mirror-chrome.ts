/**
 * The mirror's other chrome, in its HTML lines: the original article link (`原文链接：…`,
 * as a link, a Markdown link or a bare URL) is a fact, not content, so it becomes
 * originalUrl and leaves the body; paragraphs hidden with display:none and empty ones
 * (`<p></p>`, `<p>&nbsp;</p>`, `<p><br></p>`) are dropped, as a reader never sees them.
 */
const HIDDEN_P_RE = /<p\b[^>]*\bstyle\s*=\s*(["'])[^"']*display\s*:\s*none[^"']*\1[^>]*>[\s\S]*?<\/p>/gi;
const EMPTY_P_RE = /<p\b[^>]*>(?:\s|&nbsp;|&#160;|\u00a0|<br\s*\/?>)*<\/p>/gi;
const ORIGINAL_LABEL = String.raw`(?:原文链接|原文地址|原文|来源链接|阅读原文)\s*[:：]?\s*`;
// `<p>原文链接：<a href="URL">…</a></p>`, `原文链接：[…](URL)`, `原文链接：URL`: the whole line.
const ORIGINAL_RE = new RegExp(
  String.raw`^\s*(?:<p\b[^>]*>\s*)?${ORIGINAL_LABEL}(?:<a\b[^>]*\bhref\s*=\s*(["'])(https?:\/\/[^"']+)\1[^>]*>[\s\S]*?<\/a>|\[[^\]]*\]\((https?:\/\/[^)\s]+)\)|<?(https?:\/\/[^\s<>]+)>?)\s*(?:<\/p>)?\s*$`,
  "i",
);

export type MirrorChrome = { line: string | null; originalUrl: string | null };

/** Cleans one body line; `line` is null when nothing of it is left. */
export function stripMirrorChrome(text: string): MirrorChrome {
  const original = ORIGINAL_RE.exec(text);
  if (original) {
    const url = original[2] ?? original[3] ?? original[4] ?? null;
    return { line: null, originalUrl: url };
  }
  if (!text.includes("<p") && !text.includes("<P")) return { line: text, originalUrl: null };
  const cleaned = text.replace(HIDDEN_P_RE, "").replace(EMPTY_P_RE, "");
  if (cleaned === text) return { line: text, originalUrl: null };
  return { line: cleaned.trim() === "" ? null : cleaned, originalUrl: null };
}
