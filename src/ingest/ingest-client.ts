/**
 * The main Worker's side of the ingest Worker (src/ingest/worker.ts, INGEST service binding,
 * RPC): posts go there to be parsed and sanitized, and come back as ParseOutcomes that are
 * validated here (contract.ts) before anything is written. Nothing here imports the parser.
 *
 * Any failure of the binding (not bound, the Worker throws or is unreachable, an answer that
 * does not fit the contract) is one 503 with Retry-After, raised before the first write: a
 * request is parsed whole before it is written, so nothing of it is half stored and sending
 * it again converges.
 */
import type { Bindings } from "../env";
import { AppError } from "../lib/errors";
import { logError } from "../lib/log";
import type { ArticleJson } from "./article-json";
import { outcomesSchema, versionSchema, type ParseInput, type ParseOutcome, type WireOutcome } from "./contract";
import type { SiteContext } from "./types";

/** Seconds a client is told to wait before sending again after the ingest Worker failed. */
export const INGEST_RETRY_AFTER_S = 5;

/**
 * Source text per RPC call. Parsed posts come back with their sanitized body and their
 * source, which escaping can grow several times (`&` → `&amp;`): chunks keep each answer far
 * below the RPC message limit (32 MiB) and spread a 5 MB request's CPU over several calls.
 */
const CHUNK_SOURCE_CHARS = 1024 * 1024;
const CHUNK_POSTS = 100;

function unavailable(call: string, cause: unknown): AppError {
  logError("ingest_unavailable", { call, error: cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause) });
  return new AppError(
    "service_unavailable",
    `Posts cannot be parsed right now (the ingest service did not answer); nothing was written. Send the request again in ${INGEST_RETRY_AFTER_S} seconds.`,
    { retryAfterSeconds: INGEST_RETRY_AFTER_S },
    { "Retry-After": String(INGEST_RETRY_AFTER_S) },
    cause,
  );
}

function binding(env: Bindings): NonNullable<Bindings["INGEST"]> {
  // Absent when a deployment forgot the [[services]] entry: the same 503 as an outage.
  if (!env.INGEST) throw unavailable("binding", new Error("INGEST is not bound"));
  return env.INGEST;
}

/** Posts in consecutive chunks bounded by count and source size (one post larger than a chunk is its own). */
function chunks(inputs: readonly ParseInput[]): ParseInput[][] {
  const out: ParseInput[][] = [];
  let current: ParseInput[] = [];
  let chars = 0;
  for (const input of inputs) {
    if (current.length > 0 && (current.length >= CHUNK_POSTS || chars + input.text.length > CHUNK_SOURCE_CHARS)) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(input);
    chars += input.text.length;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** The outcomes of one call, validated: exactly one per input sent. */
function checked(call: string, answer: unknown, count: number): WireOutcome[] {
  const parsed = outcomesSchema(count).safeParse(answer);
  if (!parsed.success) throw unavailable(call, new Error(`answer does not match the contract: ${parsed.error.issues[0]?.message ?? "invalid"}`));
  return parsed.data;
}

const isDeferred = (o: WireOutcome): o is Extract<WireOutcome, { deferred: true }> => "deferred" in o;

/**
 * One chunk's outcomes: posts the ingest Worker deferred (its answer reached its budget,
 * contract.ts) are sent again, in as many calls as it takes. Each call parses at least its
 * first post, so this ends; an answer that defers everything breaks the contract (503).
 */
async function parseChunk(ingest: NonNullable<Bindings["INGEST"]>, part: readonly ParseInput[], site?: SiteContext): Promise<ParseOutcome[]> {
  const outcomes: (ParseOutcome | undefined)[] = new Array<ParseOutcome | undefined>(part.length);
  let pending = part.map((_, i) => i);
  while (pending.length > 0) {
    const plain = pending.map((i) => {
      const p = part[i] as ParseInput;
      return { text: p.text, ...(p.name ? { name: p.name } : {}), ...(p.path ? { path: p.path } : {}) };
    });
    let answer: unknown;
    try {
      answer = await ingest.parsePosts(site ? { inputs: plain, site } : { inputs: plain });
    } catch (err) {
      throw unavailable("parsePosts", err);
    }
    const got = checked("parsePosts", answer, pending.length);
    const next: number[] = [];
    for (const [k, outcome] of got.entries()) {
      const at = pending[k] as number;
      if (isDeferred(outcome)) next.push(at);
      else outcomes[at] = outcome;
    }
    if (next.length === pending.length) throw unavailable("parsePosts", new Error("every post of the call was deferred"));
    pending = next;
  }
  return outcomes as ParseOutcome[];
}

/** One outcome per input, in order; throws the 503 AppError when the ingest Worker fails. */
export async function parsePosts(env: Bindings, inputs: readonly ParseInput[], site?: SiteContext): Promise<ParseOutcome[]> {
  const ingest = binding(env);
  const parts = await Promise.all(chunks(inputs).map((part) => parseChunk(ingest, part, site)));
  return parts.flat();
}

/** The PUT route's article, turned into a post and parsed by the ingest Worker. */
export async function parseArticle(env: Bindings, infoCode: string, article: ArticleJson): Promise<ParseOutcome> {
  const ingest = binding(env);
  let answer: unknown;
  try {
    answer = await ingest.parseArticle({ infoCode, article });
  } catch (err) {
    throw unavailable("parseArticle", err);
  }
  const [outcome] = checked("parseArticle", [answer], 1);
  if (!outcome || isDeferred(outcome)) throw unavailable("parseArticle", new Error("no outcome"));
  return outcome;
}

/** The sanitizer version the deployed ingest Worker writes (resanitize re-parses rows older than it). */
export async function sanitizerVersion(env: Bindings): Promise<number> {
  const ingest = binding(env);
  let answer: unknown;
  try {
    answer = await ingest.version();
  } catch (err) {
    throw unavailable("version", err);
  }
  const parsed = versionSchema.safeParse(answer);
  if (!parsed.success) throw unavailable("version", new Error("answer does not match the contract"));
  return parsed.data.sanitizerVersion;
}
