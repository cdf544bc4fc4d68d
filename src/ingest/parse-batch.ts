/**
 * The ingest Worker's work for one request: every post parsed and sanitized on its own, a
 * bad or too big post turned into a rejection a partner can act on (line, field, sizes),
 * the rest parsed. What comes out crosses the INGEST binding as plain data (contract.ts):
 * error classes do not survive it, so PostParseError is read here, on this side.
 */
import { logError } from "../lib/log";
import type { ParseInput, ParseOutcome, ParseRejection } from "./contract";
import { parsePost } from "./parse-post";
import { PostParseError, PostTooLargeError, type SiteContext } from "./types";

export function rejectionOf(err: unknown, index: number): ParseRejection {
  if (err instanceof PostParseError) {
    const size = err instanceof PostTooLargeError ? { bytes: err.bytes, limitBytes: err.limitBytes } : {};
    return { reason: err.message, line: err.line, ...(err.field ? { field: err.field } : {}), ...size };
  }
  // Anything else is a bug in the parser; say so without leaking internals.
  logError("parser_bug", { index, error: String(err) });
  return { reason: "The post could not be parsed (internal parser error)." };
}

export async function parseOne(text: string, index: number, options: { path?: string; site?: SiteContext } = {}): Promise<ParseOutcome> {
  try {
    return { ok: true, post: await parsePost(text, options) };
  } catch (err) {
    return { ok: false, rejection: rejectionOf(err, index) };
  }
}

/** A turn of the event loop: other requests on the same thread run before the next post. */
const yieldToOthers = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * One outcome per input, in order; never throws for a bad post. Posts are parsed one at a
 * time with a turn of the event loop between them: a batch is seconds of CPU, and where the
 * Workers share a thread (`npm start`, one workerd process) readers would otherwise wait for
 * the whole batch (BENCHMARKS.md §10).
 */
export async function parseBatch(inputs: readonly ParseInput[], site?: SiteContext): Promise<ParseOutcome[]> {
  const outcomes: ParseOutcome[] = [];
  for (const [index, input] of inputs.entries()) {
    if (index > 0) await yieldToOthers();
    outcomes.push(await parseOne(input.text, index, { ...(input.path ? { path: input.path } : {}), ...(site ? { site } : {}) }));
  }
  return outcomes;
}
