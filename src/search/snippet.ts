/**
 * Highlights and snippets, computed in JS from the same runs the index was built from,
 * so what is marked is exactly what matched (the FTS5 table is contentless and has no
 * highlight() to offer). Output is plain text plus [start, end) ranges: views wrap the
 * ranges in <mark> through JSX (escaped by hono/jsx) and the API returns them as data,
 * so no HTML is ever built from strings.
 */
import { scan, type QueryWord, type Run } from "./tokens";

export type Range = [number, number];

export type Marked = {
  text: string;
  /** UTF-16 offsets into text, sorted, non-overlapping. */
  marks: Range[];
};

/** Characters of context shown before the first match. */
const LEAD = 24;
export const SNIPPET_CHARS = 120;

function indexOfSeq(haystack: string[], needle: string[], from = 0): number {
  outer: for (let i = from; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const equal = (a: string[], b: string[]) => a.length === b.length && a.every((ch, i) => ch === b[i]);

/** Where one query word matches, with the same rules as its FTS5 phrase (tokens.ts). */
function wordRanges(doc: Run[], word: QueryWord): Range[] {
  const out: Range[] = [];
  const first = word[0];
  if (!first) return out;
  if (word.length === 1) {
    for (const run of doc) {
      if (run.kind !== first.kind) continue;
      if (run.kind === "word") {
        if (equal(run.chars, first.chars)) out.push([run.spans[0]?.[0] ?? 0, run.spans.at(-1)?.[1] ?? 0]);
        continue;
      }
      for (let at = indexOfSeq(run.chars, first.chars); at !== -1; at = indexOfSeq(run.chars, first.chars, at + 1)) {
        out.push([run.spans[at]?.[0] ?? 0, run.spans[at + first.chars.length - 1]?.[1] ?? 0]);
      }
    }
    return out;
  }
  for (let i = 0; i + word.length <= doc.length; i++) {
    const runs = doc.slice(i, i + word.length);
    const fits = word.every((q, j) => {
      const d = runs[j];
      if (!d || d.kind !== q.kind) return false;
      if (d.kind === "word" || (j > 0 && j < word.length - 1)) return equal(d.chars, q.chars);
      // The first CJK run may start earlier in the text; the last may go on after it.
      return j === 0 ? equal(d.chars.slice(-q.chars.length), q.chars) : equal(d.chars.slice(0, q.chars.length), q.chars);
    });
    if (!fits) continue;
    const head = runs[0];
    const tail = runs.at(-1);
    const lastWord = word.at(-1);
    if (!head || !tail || !lastWord) continue;
    const start = head.kind === "word" ? head.spans[0] : head.spans[head.chars.length - first.chars.length];
    const end = tail.kind === "word" ? tail.spans.at(-1) : tail.spans[lastWord.chars.length - 1];
    if (start && end) out.push([start[0], end[1]]);
  }
  return out;
}

function merge(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** Every place in text where any query word matches. */
export function matchRanges(text: string, words: QueryWord[]): Range[] {
  const doc = scan(text);
  return merge(words.flatMap((w) => wordRanges(doc, w)));
}

/** Moves an offset off the second half of a surrogate pair. */
function safeOffset(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff ? at - 1 : at;
}

/**
 * A window of about SNIPPET_CHARS around the first match, with "…" where text was cut;
 * the start of the text when nothing in it matched (a title-only hit).
 */
export function snippet(text: string, words: QueryWord[], size = SNIPPET_CHARS): Marked {
  const ranges = matchRanges(text, words);
  const firstHit = ranges[0]?.[0] ?? 0;
  let start = firstHit <= LEAD ? 0 : safeOffset(text, firstHit - LEAD);
  const end = Math.min(text.length, safeOffset(text, start + size));
  if (end - start < size && start > 0) start = Math.max(0, safeOffset(text, end - size));
  const lead = start > 0 ? "…" : "";
  const body = text.slice(start, end);
  // A match cut by the window edge is marked up to the edge.
  const marks = ranges
    .filter(([s, e]) => e > start && s < end)
    .map(([s, e]): Range => [Math.max(s, start) - start + lead.length, Math.min(e, end) - start + lead.length]);
  return { text: `${lead}${body}${end < text.length ? "…" : ""}`, marks };
}

/** Text with its ranges marked (a title). */
export function highlight(text: string, words: QueryWord[]): Marked {
  return { text, marks: matchRanges(text, words) };
}

/** Splits marked text into plain and marked pieces, for a view to render. */
export function pieces(marked: Marked): { text: string; mark: boolean }[] {
  const out: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const [s, e] of marked.marks) {
    if (s > at) out.push({ text: marked.text.slice(at, s), mark: false });
    out.push({ text: marked.text.slice(s, e), mark: true });
    at = e;
  }
  if (at < marked.text.length) out.push({ text: marked.text.slice(at), mark: false });
  return out;
}
