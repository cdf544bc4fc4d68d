/**
 * Jekyll front matter: the YAML between a first `---` line and the next `---` line.
 * Every error names the line in the whole file, so a partner can jump straight to it.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { PostParseError } from "./types";

export type SplitPost = {
  yamlText: string;
  /** File line of the opening `---` (after any leading blank lines). */
  openingLine: number;
  /** File line of the closing `---`; the body starts on the line after it. */
  closingLine: number;
  /** Body lines, the first of which is file line closingLine + 1. */
  bodyLines: string[];
  /** Accepted but worth fixing: blank lines before the opening `---`. */
  warnings: PostWarning[];
};

const FENCE_RE = /^---[ \t]*$/;
// Jekyll also ends front matter at a YAML document end marker.
const CLOSE_RE = /^(?:---|\.\.\.)[ \t]*$/;

const HOW_TO_FIX =
  "A post starts with a line `---`, then `key: value` lines (title, date, …), then a closing `---` line, then the body.";

/** Lines that could belong to front matter: blank, indented, comments, list items, `key:`. */
function looksLikeYaml(line: string): boolean {
  return /^(?:\s|#|-\s|-$|$)/.test(line) || /^[^<\s][^:]*:(?:\s|$)/.test(line);
}

// A byte order mark is invisible in editors: one may start the text or a blank line.
const BOM_RE = /\uFEFF/g;
const BLANK_RE = /^[ \t]*$/;

/**
 * Splits normalized post text (LF only) into its front matter and body lines. Blank lines
 * (or a stray BOM) before the opening `---` are skipped with a warning: Jekyll would not
 * see front matter there and would publish the YAML as text, which no newsroom means.
 */
export function splitFrontMatter(text: string): SplitPost {
  const lines = text.split("\n");
  const open = lines.findIndex((line) => !BLANK_RE.test(line.replace(BOM_RE, "")));
  if (open === -1 || !FENCE_RE.test((lines[open] ?? "").replace(BOM_RE, ""))) {
    const at = open === -1 ? 1 : open + 1;
    const first = open > 0 ? `its first line that is not blank (line ${at})` : "its first line";
    throw new PostParseError(`The post has no front matter: ${first} must be \`---\`. ${HOW_TO_FIX}`, at);
  }
  const warnings: PostWarning[] =
    open === 0
      ? []
      : [{ line: open + 1, message: `front matter starts on line ${open + 1}, after ${open === 1 ? "a blank line" : `${open} blank lines`}; read as front matter (Jekyll would show it as text). Start the file with \`---\`.` }];
  const close = lines.findIndex((line, i) => i > open && CLOSE_RE.test(line));
  if (close === -1) {
    // Point at the first line that cannot be YAML: that is where `---` was forgotten.
    const stray = lines.findIndex((line, i) => i > open && !looksLikeYaml(line));
    const where = stray === -1 ? "" : ` before line ${stray + 1}`;
    throw new PostParseError(
      `The front matter opened on line ${open + 1} is never closed: add a line \`---\`${where}. ${HOW_TO_FIX}`,
      stray === -1 ? open + 1 : stray + 1,
    );
  }
  return {
    yamlText: lines.slice(open + 1, close).join("\n"),
    openingLine: open + 1,
    closingLine: close + 1,
    bodyLines: lines.slice(close + 1),
    warnings,
  };
}

/** `fromDefaults`: the value came from the site's `_config.yml` `defaults`, not the post. */
export type Entry = { key: string; node: Node | null; line: number; fromDefaults?: boolean };

/** Something Jekyll accepts that a partner should still hear about, with its file line. */
export type PostWarning = { line: number; message: string };

/** Parsed front matter with the file line of every key, for errors that point at it. */
export class FrontMatter {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly entries: Map<string, Entry>,
    readonly warnings: PostWarning[] = [],
  ) {}

  /** Adds `_config.yml` defaults for keys the post does not set (Jekyll: the post wins). */
  withDefaults(values: Record<string, unknown>): this {
    for (const [key, value] of Object.entries(values)) {
      if (this.entries.has(key) || value === null || value === undefined) continue;
      this.entries.set(key, { key, node: this.doc.createNode(value), line: 1, fromDefaults: true });
    }
    return this;
  }

  /** True when the value is an unquoted scalar (Ruby's YAML types those, such as timestamps). */
  isPlain(e: Entry): boolean {
    const node = this.resolve(e.node);
    return isScalar(node) && (node.type === "PLAIN" || (e.fromDefaults === true && typeof node.value === "string"));
  }

  /** The value as plain data (for `page.*` in Liquid). */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, e] of this.entries) {
      const node = this.resolve(e.node);
      out[key] = node === null ? null : (node.toJSON() as unknown);
    }
    return out;
  }

  /** The first of `keys` present with a non-null value (Jekyll has aliases such as tag/tags). */
  entry(...keys: string[]): Entry | undefined {
    for (const key of keys) {
      const e = this.entries.get(key);
      const empty = e === undefined || e.node === null || (isScalar(e.node) && e.node.value === null);
      if (!empty) return e;
    }
    return undefined;
  }

  /** File line of a key even when its value is empty; null when the key is absent. */
  lineOf(key: string): number | null {
    return this.entries.get(key)?.line ?? null;
  }

  /** A scalar as text: numbers and booleans keep their source spelling (`title: 2022`). */
  text(e: Entry): string {
    const node = this.resolve(e.node);
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v === "string") return v;
      if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return node.source ?? String(v);
    }
    throw new PostParseError(`\`${e.key}\` on line ${e.line} must be a single value, not a list or map.`, e.line, e.key);
  }

  /** Text, or null when the value is not a scalar (for optional, loosely typed keys). */
  optionalText(e: Entry | undefined): string | null {
    if (!e) return null;
    const node = this.resolve(e.node);
    return isScalar(node) ? this.text(e) : null;
  }

  /** A list in Jekyll's sense: a YAML list, or a string split on whitespace. */
  list(e: Entry): string[] {
    const node = this.resolve(e.node);
    if (isSeq(node)) {
      return node.items.map((item) => {
        const resolved = this.resolve(isScalar(item) || isAlias(item) ? item : null);
        if (!isScalar(resolved)) {
          throw new PostParseError(`\`${e.key}\` on line ${e.line}: every item must be plain text.`, e.line, e.key);
        }
        return this.text({ ...e, node: resolved });
      });
    }
    return this.text(e).split(/\s+/);
  }

  private resolve(node: Node | null): Node | null {
    return isAlias(node) ? (node.resolve(this.doc) ?? null) : node;
  }
}

/** Where a quoted scalar opened on this line is still open at its end, the quote; else null. */
function openQuote(line: string, quote: string | null): string | null {
  let i = 0;
  if (quote === null) {
    const m = /^(?:[^\s#'"][^:]*:|-)\s+(["'])/.exec(line);
    if (!m?.[1]) return null;
    quote = m[1];
    i = m[0].length;
  }
  for (; i < line.length; i++) {
    const ch = line[i];
    if (quote === '"' && ch === "\\") i++;
    else if (quote === "'" && ch === "'" && line[i + 1] === "'") i++;
    else if (ch === quote) return null;
  }
  return quote;
}

/**
 * Ruby's YAML (libyaml) reads a quoted value whose continuation lines start at column 0,
 * as many partner posts write long titles; the `yaml` package wants them indented. So
 * such continuation lines get one leading space: lines keep their numbers and the value
 * folds exactly as libyaml folds it (leading white space of a continuation is dropped).
 */
export function indentQuotedContinuations(yamlText: string): string {
  let quote: string | null = null;
  return yamlText
    .split("\n")
    .map((line) => {
      const inside = quote !== null;
      quote = openQuote(line, quote);
      return inside && /^\S/.test(line) ? ` ${line}` : line;
    })
    .join("\n");
}

/**
 * Parses the YAML with the 1.2 core schema, so `date` stays the text the partner wrote
 * (the 1.1 schema would turn it into a Date and lose the offset). Duplicate keys are
 * allowed and the last one wins, as in Ruby's YAML, with a warning naming both lines.
 * `firstLine` is the file line of the YAML's first line (the one after the opening `---`).
 */
export function parseFrontMatter(yamlText: string, firstLine = 2): FrontMatter {
  const lineCounter = new LineCounter();
  const doc = parseDocument(indentQuotedContinuations(yamlText), {
    schema: "core",
    prettyErrors: false,
    lineCounter,
    uniqueKeys: false,
  });
  const lineAt = (offset: number): number => Math.max(lineCounter.linePos(offset).line, 1) + firstLine - 1;

  const err = doc.errors[0];
  if (err) {
    const line = lineAt(err.pos[0]);
    // The YAML reader reports running out of stack as its error: say what in the post causes it.
    if (/call stack/i.test(err.message)) {
      throw new PostParseError(`Front matter on line ${line} nests lists or maps hundreds of levels deep, more than can be read; flatten it.`, line);
    }
    throw new PostParseError(
      `Front matter YAML error on line ${line}: ${err.message}. Quote values that contain ": " or start with [ { * & ! | > ' " % @.`,
      line,
    );
  }
  const entries = new Map<string, Entry>();
  const warnings: PostWarning[] = [];
  if (doc.contents === null) return new FrontMatter(doc, entries, warnings);
  if (!isMap(doc.contents)) {
    throw new PostParseError("Front matter must be `key: value` lines, not a single value or a list.", firstLine);
  }
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const line = lineAt(pair.key.range?.[0] ?? 0);
    const value = pair.value;
    const earlier = entries.get(key);
    if (earlier) {
      warnings.push({ line, message: `\`${key}\` on line ${line} repeats the one on line ${earlier.line}; the last one is used, as Jekyll does.` });
    }
    entries.set(key, { key, node: isAlias(value) || isScalar(value) || isMap(value) || isSeq(value) ? value : null, line });
  }
  return new FrontMatter(doc, entries, warnings);
}
