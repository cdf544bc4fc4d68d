/**
 * The source credit a mirror writes at the very end of the story's text, without the
 * `em_media` paragraph: `…37.6万件。(央视新闻)`, `…（来源：澎湃新闻）`. Read only where it is
 * unambiguous: a short parenthesis ending the last line of the body, after a sentence's
 * end (or with a 来源 label, or as the whole line), holding a name (no sentence
 * punctuation, not a number, not a byline or an editor's note such as （完） or （附名单）).
 */
import { sourceNameFrom } from "../lib/html-text";

const MAX_CREDIT_CHARS = 20;
const LABEL_RE = /^(?:文章|稿件)?来源\s*[:：]/;
// Inside the name: no sentence punctuation, link or markup characters.
const NOT_A_NAME_RE = /[。，；,;！？!?:：/\\<>[\]{}=*_`"“”]/;
// Bylines, editors' notes and headline tags such as （附名单） (list attached) are not sources.
const NOT_A_SOURCE_RE = /^(?:记者|编辑|责编|责任编辑|作者|实习生|通讯员|摄影|图|注|附)|本文|仅供|不构成|^(?:全文)?完$|待续$|^下同$/;
// What may end the sentence before an unlabelled credit.
const SENTENCE_END_RE = /[。！？!?…”」』]$/;
const CLOSING_P_RE = /\s*<\/p>\s*$/i;
// What may open the line before a credit that is its whole text: a paragraph tag or quote marks.
const LINE_OPENING_RE = /^(?:\s*>)*\s*(?:<p\b[^>]*>)?\s*$/i;

export type TextCredit = { source: string; markdown: string };

/** The credit at the end of the Markdown body, and the body without it; null when there is none. */
export function takeTextCredit(markdown: string): TextCredit | null {
  const lines = markdown.split("\n");
  let at = lines.length - 1;
  while (at >= 0 && (lines[at] ?? "").trim() === "") at--;
  const line = lines[at];
  // The em_media paragraph is the credit the sanitizer reads; leave it to it.
  if (line === undefined || /\bem_media\b/.test(line)) return null;

  const closing = CLOSING_P_RE.exec(line)?.[0] ?? "";
  const text = line.slice(0, line.length - closing.length).trimEnd();
  const close = text.at(-1);
  if (close !== ")" && close !== "）") return null;
  const open = Math.max(text.lastIndexOf("("), text.lastIndexOf("（"));
  if (open === -1) return null;
  const inner = text.slice(open + 1, -1).trim();
  const labelled = LABEL_RE.test(inner);
  const name = labelled ? inner.replace(LABEL_RE, "").trim() : inner;
  if (Array.from(inner).length > MAX_CREDIT_CHARS || name === "" || /^\d+$/.test(name)) return null;
  if (NOT_A_NAME_RE.test(name) || NOT_A_SOURCE_RE.test(name) || !/\p{L}/u.test(name)) return null;

  const before = text.slice(0, open).trimEnd();
  const whole = LINE_OPENING_RE.test(before);
  if (!labelled && !whole && !SENTENCE_END_RE.test(before)) return null;
  const source = sourceNameFrom(`（${inner}）`);
  if (source === null) return null;

  const rest = whole ? null : before + closing.trim();
  const kept = [...lines.slice(0, at), ...(rest === null ? [] : [rest])];
  while (kept.length > 0 && (kept[kept.length - 1] ?? "").trim() === "") kept.pop();
  // A body that is only the credit keeps it: it is all the post says.
  if (kept.length === 0) return null;
  return { source, markdown: kept.join("\n") };
}
