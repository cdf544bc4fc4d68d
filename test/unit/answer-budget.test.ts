/**
 * The ingest Worker's answers stay within their budget (src/ingest/parse-batch.ts): posts
 * past it come back deferred, the first never is, and what is answered is what was parsed.
 */
import { describe, expect, it } from "vitest";
import { ANSWER_BUDGET_BYTES } from "../../src/ingest/contract";
import { answerBytes, parseBatch } from "../../src/ingest/parse-batch";

const post = (i: number, body: string) => ({ text: `---\ntitle: "Post ${i}"\ndate: 2024-05-03 10:00:00 +0800\ncategories: caijing\n---\n${body}\n` });

describe("parseBatch answer budget", () => {
  it("defers posts once the answer would pass ANSWER_BUDGET_BYTES, never the first", async () => {
    // About 2.9 MB each as counted: two fit in 8 MiB, the third and fourth wait.
    const big = `<p>${"&".repeat(240_000)}</p>`;
    const out = await parseBatch([post(0, big), post(1, big), post(2, big), post(3, "small")]);
    expect(out.map((o) => ("deferred" in o ? "deferred" : o.ok ? "parsed" : "rejected"))).toEqual(["parsed", "parsed", "deferred", "deferred"]);
    const weights = out.flatMap((o) => (o.ok ? [answerBytes(o)] : []));
    expect(weights.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(ANSWER_BUDGET_BYTES);
  });

  it("answers a single post whatever it weighs", async () => {
    // 1.5 MB of HTML, about 3.6 MB counted: alone, it is answered however small the budget.
    const [only] = await parseBatch([post(0, `<p>${"&".repeat(300_000)}</p>`)]);
    expect(only?.ok).toBe(true);
  });

  it("counts two bytes per UTF-16 unit of every string", () => {
    const weight = answerBytes({ ok: false, rejection: { reason: "中".repeat(1000) } });
    expect(weight).toBeGreaterThanOrEqual(2000);
    expect(weight).toBeLessThan(2100);
  });
});
