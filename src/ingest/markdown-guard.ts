/**
 * Keeps markdown-it linear, and bounded, on hostile input.
 *
 * - Its link and image rules scan from every `[` to the matching `]` (parseLinkLabel), to
 *   the end of the paragraph when there is none, so `![` × 400,000 in one paragraph costs
 *   seconds (quadratic). Each inline run (a paragraph, heading or cell) gets a scan budget
 *   proportional to its length; once spent, further labels in that run are plain text.
 *   Real text never comes near it (a label is a few words, scanned once).
 * - Every inline token costs an object and GC time (`*a ` × 300,000 took 550 ms), so the
 *   inline steps of one render are counted and a body past MAX_INLINE_STEPS is refused
 *   with MarkdownLimitError, naming the Markdown line of the run where it happened.
 */
import type { MarkdownIt, StateInline } from "markdown-it";

/** Characters of label scanning allowed per character of the inline run, plus a floor. */
const SCAN_PER_CHAR = 16;
const SCAN_FLOOR = 65_536;
/** Inline rule steps in one body: a long real article needs a few thousand. */
export const MAX_INLINE_STEPS = 100_000;

export class MarkdownLimitError extends Error {
  constructor(
    readonly limit: number,
    /** 0-based line in the Markdown source of the run where the limit was crossed. */
    readonly markdownLine: number | null,
  ) {
    super(`more than ${limit} inline Markdown tokens`);
    this.name = "MarkdownLimitError";
  }
}

type GuardEnv = { inlineSteps?: number; inlineLine?: number | null };

export function guardMarkdown(md: MarkdownIt): void {
  const original = md.helpers.parseLinkLabel;
  const budgets = new WeakMap<StateInline, number>();
  md.helpers.parseLinkLabel = (state, start, disableNested) => {
    const budget = budgets.get(state) ?? SCAN_FLOOR + SCAN_PER_CHAR * (state.posMax - state.pos);
    if (budget <= 0) return -1;
    const end = original(state, start, disableNested);
    // A failed scan may have read to the end of the run; count it as such.
    budgets.set(state, budget - ((end === -1 ? state.posMax : end) - start + 1));
    return end;
  };
  // The core "inline" step, as markdown-it writes it, plus the line of each run for errors.
  md.core.ruler.at("inline", (state) => {
    const env = state.env as GuardEnv;
    for (const token of state.tokens) {
      if (token.type !== "inline") continue;
      env.inlineLine = token.map?.[0] ?? null;
      state.md.inline.parse(token.content, state.md, state.env, token.children ?? []);
    }
  });
  // First in the chain: runs once per position tried, matches nothing.
  md.inline.ruler.before("text", "edgewire_step_limit", (state) => {
    const env = state.env as GuardEnv;
    env.inlineSteps = (env.inlineSteps ?? 0) + 1;
    if (env.inlineSteps > MAX_INLINE_STEPS) throw new MarkdownLimitError(MAX_INLINE_STEPS, env.inlineLine ?? null);
    return false;
  });
}
