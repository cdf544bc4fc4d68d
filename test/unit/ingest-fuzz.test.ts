/**
 * Fuzzing the parser and sanitizer with seeded random and mutated real posts (generators in
 * scripts/lib/fuzz-posts.ts). Every case must either parse or be refused with a
 * PostParseError (no other exception escapes), and a parsed body must be a fixed point of
 * the sanitizer (idempotent). More cases and timing per size: `npm run fuzz -- --cases N`.
 */
import { describe, expect, it } from "vitest";
import { mutatePost, prng, randomPost } from "../../scripts/lib/fuzz-posts";
import { parsePost } from "../../src/ingest/parse-post";
import { sanitizeHtml } from "../../src/ingest/sanitize";
import { PostParseError } from "../../src/ingest/types";
import fixture from "../fixtures/2022-04-28-NW202204282363815497.md?raw";

const SEED = 0x13;
const CASES = 1000;
/** Runs of one fragment up to this long here; the script goes to thousands. */
const MAX_REPEAT = 300;

async function check(text: string, label: string): Promise<"parsed" | "refused"> {
  try {
    const post = await parsePost(text);
    expect(sanitizeHtml(post.bodyHtml), `${label}: not idempotent`).toBe(post.bodyHtml);
    return "parsed";
  } catch (err) {
    if (err instanceof PostParseError) return "refused";
    throw new Error(`${label}: ${String(err)}`);
  }
}

describe("ingest fuzz", () => {
  it(`random posts: ${CASES} cases, no exception escapes, output idempotent`, async () => {
    const rand = prng(SEED);
    const seen = { parsed: 0, refused: 0 };
    for (let i = 0; i < CASES; i++) seen[await check(randomPost(rand, i, 40, MAX_REPEAT), `random seed=${SEED} case=${i}`)]++;
    expect(seen.parsed).toBeGreaterThan(CASES / 2); // the generator must mostly reach the sanitizer
  }, 120_000);

  it(`mutated real posts: ${CASES} cases`, async () => {
    const rand = prng(SEED + 1);
    const seen = { parsed: 0, refused: 0 };
    for (let i = 0; i < CASES; i++) seen[await check(mutatePost(rand, fixture), `mutated seed=${SEED + 1} case=${i}`)]++;
    expect(seen.parsed).toBeGreaterThan(0);
  }, 120_000);
});
