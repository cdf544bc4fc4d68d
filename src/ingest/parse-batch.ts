/**
 * The ingest Worker's work for one request: every post parsed and sanitized on its own, a
 * bad or too big post turned into a rejection a partner can act on (line, field, sizes),
 * the rest parsed. What comes out crosses the INGEST binding as plain data (contract.ts):
 * error classes do not survive it, so PostParseError is read here, on this side.
 */
import { logError } from "../lib/log";
import { ANSWER_BUDGET_BYTES, type ParseInput, type ParseOutcome, type ParseRejection, type WireOutcome } from "./contract";
import { parsePost } from "./parse-post";
import { PostParseError, PostTooLargeError, type SiteContext } from "./types";
import { isZoneName } from "./zone";

export function rejectionOf(err: unknown, index: number): ParseRejection {
  if (err instanceof PostParseError) {
    const size = err instanceof PostTooLargeError ? { bytes: err.bytes, limitBytes: err.limitBytes } : {};
    return { reason: err.message, line: err.line, ...(err.field ? { field: err.field } : {}), ...size };
  }
  // The YAML or Markdown parser ran out of stack: the post nests lists or maps too deeply to
  // read (front matter nested 1,000 levels). The partner can fix that; it is not our bug.
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return { reason: "The post nests too deeply to read (lists or maps inside each other, hundreds of levels); flatten its front matter or body.", line: 1 };
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

/** What an outcome weighs in an RPC answer: two bytes per UTF-16 unit of its strings, plus a little per field. */
export function answerBytes(outcome: ParseOutcome): number {
  let units = 0;
  const stack: unknown[] = [outcome];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "string") units += v.length + 8;
    else if (Array.isArray(v)) stack.push(...(v as unknown[]));
    else if (typeof v === "object" && v !== null) stack.push(...Object.values(v));
    else units += 8;
  }
  return 2 * units;
}

/**
 * One outcome per input, in order; never throws for a bad post. Posts are parsed one after
 * another until the answer reaches ANSWER_BUDGET_BYTES; the rest come back deferred, to be
 * sent again (ingest-client.ts), so twenty posts that each render to 1.9 MB are two or more
 * calls instead of one answer past the RPC limit.
 */
export async function parseBatch(inputs: readonly ParseInput[], site?: SiteContext): Promise<WireOutcome[]> {
  if (site?.timezone !== undefined && !isZoneName(site.timezone)) {
    // Every post would be read in it: refuse each, naming the setting, not "internal parser error".
    const rejection: ParseRejection = { reason: `site.timezone "${site.timezone.slice(0, 64)}" is not a time zone; use an IANA name such as Asia/Shanghai or UTC.`, field: "site.timezone" };
    return inputs.map(() => ({ ok: false, rejection }));
  }
  const out: WireOutcome[] = [];
  let bytes = 0;
  for (const [index, input] of inputs.entries()) {
    if (out.length > 0 && bytes >= ANSWER_BUDGET_BYTES) {
      out.push({ ok: false, deferred: true });
      continue;
    }
    const outcome = await parseOne(input.text, index, { ...(input.path ? { path: input.path } : {}), ...(site ? { site } : {}) });
    const weight = answerBytes(outcome);
    if (out.length > 0 && bytes + weight > ANSWER_BUDGET_BYTES) {
      // Parsed, but it would push the answer past the budget: it goes first in the next call.
      bytes = ANSWER_BUDGET_BYTES;
      out.push({ ok: false, deferred: true });
      continue;
    }
    bytes += weight;
    out.push(outcome);
  }
  return out;
}
