/**
 * Search tokenization, done here in JS rather than by an SQLite tokenizer, so that one
 * FTS5 index (tokenize='unicode61', which only splits on the spaces we write) answers
 * Chinese queries of any length, English words and mixed queries such as "A股".
 *
 * The text is read as runs: a CJK run (Han, kana, Hangul letters) or a word run (other
 * letters and digits), split by anything else. A word run is one lower-cased token. A CJK
 * run gives one token per character: that character plus the next one of the run
 * ("养老金" → 养老 老金 金), the last character alone. Because a token depends only on its
 * character and the one after it, a query tokenized the same way is an FTS5 *phrase* that
 * matches exactly where the query is a substring of the text:
 *   养老     → "养老"          太保 → "太保"       疫情防控 → "疫情 情防 防控"
 *   养       → "养"*           (a prefix token: 养老, 养… or a run-final 养)
 *   A股      → "a 股"*         (the word "a", then a token starting with 股)
 * This supersedes trigram + LIKE: trigram cannot match 1- or 2-character words, and the
 * usual fallback, LIKE '%养老%', reads every row. Here every query is an index lookup; the
 * FTS5 table declares prefix='1' so even a single character is one prefix-index read.
 *
 * User input never reaches MATCH as syntax: queries are rebuilt from our own tokens
 * (letters and digits only) inside quotes, so `"`, `*`, `-`, NEAR, AND, unbalanced quotes
 * are just text (punctuation separates words, NEAR is the word "near").
 */

/** Bumped when tokenization changes: rows indexed by an older version are reindexed. */
export const TOKENIZER_VERSION = 1;

/** Longest query accepted, in characters (code points). */
export const MAX_QUERY_CHARS = 100;
/** Most separate words (AND-ed phrases) in one query. */
export const MAX_QUERY_WORDS = 8;

export type Run = {
  kind: "cjk" | "word";
  /** Normalized characters: CJK, one per element; a word, one element per character. */
  chars: string[];
  /** UTF-16 offsets of each character in the original text: [start, end). */
  spans: [number, number][];
  /** True when no separator stands between this run and the previous one. */
  joined: boolean;
};

// Letters and digits whose script extensions are CJK (so 々 and ー count, 、 and 。 do not).
const LETTER = /^[\p{L}\p{N}]$/u;
const CJK = /^[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]$/u;
// A base character with its combining marks: normalized together so "e\u0301" is "é".
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gu;

type Kind = "cjk" | "word" | "sep";
type Emit = (kind: Kind, ch: string, start: number, end: number) => void;

/**
 * Walks the text's characters as (kind, normalized character, original offsets): NFKC
 * (full-width ＡＢＣ１ → abc1, compatibility ideographs → unified), lower case, and for
 * non-CJK letters no diacritics (café → cafe). CJK is never decomposed: NFD would turn
 * Hangul syllables into jamo.
 */
function walk(text: string, maxChars: number, emit: Emit): void {
  let seen = 0;
  for (const m of text.matchAll(CLUSTER)) {
    if (seen++ >= maxChars) break;
    const cluster = m[0];
    const start = m.index;
    const end = start + cluster.length;
    // Fast paths for what news text is mostly made of (ASCII, common ideographs), which
    // normalization leaves alone: tokenizing runs on the import path for every article.
    if (cluster.length === 1) {
      const code = cluster.charCodeAt(0);
      if (code < 0x80) {
        if (/[0-9A-Za-z]/.test(cluster)) emit("word", cluster.toLowerCase(), start, end);
        else emit("sep", "", start, end);
        continue;
      }
      if (code >= 0x4e00 && code <= 0x9fff) {
        emit("cjk", cluster, start, end);
        continue;
      }
    }
    for (const ch of cluster.normalize("NFKC").toLowerCase()) {
      if (LETTER.test(ch) && CJK.test(ch)) {
        emit("cjk", ch, start, end);
        continue;
      }
      for (const base of ch.normalize("NFD").replace(/\p{M}/gu, "")) emit(LETTER.test(base) ? "word" : "sep", base, start, end);
    }
  }
}

/** Splits text into runs, keeping where each character came from (for highlighting). */
export function scan(text: string, maxChars = Infinity): Run[] {
  const runs: Run[] = [];
  let current: Run | null = null;
  let separated = true;
  walk(text, maxChars, (kind, ch, start, end) => {
    if (kind === "sep") {
      current = null;
      separated = true;
      return;
    }
    if (!current || current.kind !== kind) {
      current = { kind, chars: [], spans: [], joined: !separated && runs.length > 0 };
      runs.push(current);
      separated = false;
    }
    current.chars.push(ch);
    current.spans.push([start, end]);
  });
  return runs;
}

/** The tokens a run puts in the index (see the header comment). */
export function runTokens(run: Run): string[] {
  if (run.kind === "word") return [run.chars.join("")];
  return run.chars.map((ch, i) => ch + (run.chars[i + 1] ?? ""));
}

/**
 * The token stream stored in an FTS5 column for this text: scan() and runTokens() in
 * one pass, without building runs (the same tokens; the unit tests hold them equal).
 */
export function indexTokens(text: string, maxChars = Infinity): string {
  const tokens: string[] = [];
  let kind: Kind = "sep";
  let last = "";
  const endRun = () => {
    if (kind !== "sep") tokens.push(last);
    kind = "sep";
  };
  walk(text, maxChars, (k, ch) => {
    if (k === "sep") return endRun();
    if (k !== kind) {
      endRun();
      kind = k;
      last = ch;
    } else if (k === "cjk") {
      tokens.push(last + ch);
      last = ch;
    } else last += ch;
  });
  endRun();
  return tokens.join(" ");
}

/** One query word: runs with nothing between them ("A股" is a word run then a CJK run). */
export type QueryWord = Run[];

export type ParsedQuery =
  | { ok: true; words: QueryWord[]; text: string }
  | { ok: false; reason: "empty" | "too_long" | "no_terms" | "too_many_words"; text: string };

function sameRuns(a: QueryWord, b: QueryWord): boolean {
  const key = (w: QueryWord) => w.map((r) => `${r.kind}:${r.chars.join("")}`).join("|");
  return key(a) === key(b);
}

/** Validates and splits a user query; never throws. */
export function parseQuery(raw: string): ParsedQuery {
  const text = raw.replace(/\s+/g, " ").trim();
  if (text === "") return { ok: false, reason: "empty", text };
  if (Array.from(text).length > MAX_QUERY_CHARS) return { ok: false, reason: "too_long", text };
  const words: QueryWord[] = [];
  for (const run of scan(text)) {
    const last = words.at(-1);
    if (run.joined && last) last.push(run);
    else words.push([run]);
  }
  const unique = words.filter((w, i) => words.findIndex((o) => sameRuns(o, w)) === i);
  if (unique.length === 0) return { ok: false, reason: "no_terms", text };
  if (unique.length > MAX_QUERY_WORDS) return { ok: false, reason: "too_many_words", text };
  return { ok: true, words: unique, text };
}

/**
 * A word as an FTS5 phrase. Inner runs are matched whole (a CJK run before a Latin word
 * must end there, so its last character is the run-final token); a final CJK run of two
 * or more characters needs only its bigrams; a final single character is a prefix token.
 */
export function phraseFor(word: QueryWord): string {
  const tokens: string[] = [];
  let prefix = false;
  word.forEach((run, i) => {
    const last = i === word.length - 1;
    if (!last || run.kind === "word") tokens.push(...runTokens(run));
    else if (run.chars.length === 1) {
      tokens.push(run.chars[0] ?? "");
      prefix = true;
    } else tokens.push(...runTokens(run).slice(0, -1));
  });
  // Tokens are letters and digits only; doubling quotes is belt and braces.
  return `"${tokens.join(" ").replace(/"/g, '""')}"${prefix ? "*" : ""}`;
}

/** The MATCH expression: every word must match; `column` limits it to one column. */
export function matchExpression(words: QueryWord[], column?: "title" | "body"): string {
  const all = words.map(phraseFor).join(" AND ");
  return column ? `${column} : (${all})` : all;
}
