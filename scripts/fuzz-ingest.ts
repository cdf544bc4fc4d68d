/**
 * npm run fuzz [-- --cases 20000 --seed 7]
 *
 * The ingest fuzz test at scale (test/unit/ingest-fuzz.test.ts runs a few thousand cases in
 * CI): seeded random and mutated real posts through parsePost, checking that no exception
 * but PostParseError escapes and that parsed bodies are sanitizer fixed points. Then it
 * measures what a test must not assert: time per post against size, for each attack shape
 * at 100 KB to 800 KB; linear means the time ratio tracks the size ratio (8×), quadratic
 * would be 64×. Optionally also runs DOMPurify's fixtures when present (see --dompurify).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parsePost } from "../src/ingest/parse-post";
import { sanitizeHtml } from "../src/ingest/sanitize";
import { PostParseError } from "../src/ingest/types";
import { mutatePost, prng, randomPost } from "./lib/fuzz-posts";

const ROOT = path.resolve(import.meta.dirname, "..");
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const cases = arg("cases", 5000);
const seed = arg("seed", 7);

async function check(text: string, label: string): Promise<void> {
  try {
    const post = await parsePost(text);
    if (sanitizeHtml(post.bodyHtml) !== post.bodyHtml) throw new Error(`${label}: not idempotent`);
  } catch (err) {
    if (!(err instanceof PostParseError)) throw new Error(`${label}: ${String(err)}`);
  }
}

async function fuzz(): Promise<void> {
  const real = readFileSync(path.join(ROOT, "test/fixtures/2022-04-28-NW202204282363815497.md"), "utf8");
  const rand = prng(seed);
  const t0 = performance.now();
  for (let i = 0; i < cases; i++) {
    await check(i % 2 ? mutatePost(rand, real) : randomPost(rand, i), `seed=${seed} case=${i}`);
  }
  console.log(`${cases} cases (seed ${seed}): no exception escaped, every body idempotent, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const SHAPES: Record<string, (n: number) => string> = {
  "em_media run": (n) => '<p class="em_media '.repeat(n / 19),
  "nested <div>": (n) => "<div>".repeat(n / 5),
  "<b> inline": (n) => `x ${"<b>".repeat(n / 3)}`,
  "![ run": (n) => "![".repeat(n / 2),
  "& in HTML block": (n) => `<div>\n${"&".repeat(n)}\n</div>`,
  "plain CJK text": (n) => `<p>${"新闻正文，".repeat(n / 15)}</p>`,
  "paragraphs with links": (n) => "段落 [链接](https://example.com/a) **重点**\n\n".repeat(n / 50),
};

async function timeOf(body: string): Promise<number> {
  const text = `---\ntitle: t\ndate: 2024-01-01 10:00:00 +0800\n---\n${body}\n`;
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await parsePost(text).catch(() => null);
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

async function scaling(): Promise<void> {
  console.log("\n| shape | 100 KB ms | 200 KB | 400 KB | 800 KB | 800/100 (linear ≈ 8) |\n|---|---:|---:|---:|---:|---:|");
  for (const [name, make] of Object.entries(SHAPES)) {
    const ms: number[] = [];
    for (const kb of [100, 200, 400, 800]) ms.push(await timeOf(make(kb * 1024)));
    const ratio = (ms[3] ?? 0) / Math.max(ms[0] ?? 1, 0.01);
    console.log(`| ${name} | ${ms.map((m) => m.toFixed(1)).join(" | ")} | ${ratio.toFixed(1)} |`);
  }
}

/**
 * DOMPurify's test fixtures (cure53/DOMPurify test/fixtures/expect.mjs), fetched into a
 * git-ignored folder (.fixtures/dompurify/expect.mjs) or anywhere else (`--dompurify
 * <file>`) when someone wants them; never committed. Each payload goes through the real
 * sanitizer; the output must be a fixed point and carry no script, handler or javascript:
 * URL when re-parsed, and nothing to clobber the DOM with (a bare id, a name, a class).
 */
async function dompurify(): Promise<void> {
  const given = process.argv.indexOf("--dompurify");
  const file = given === -1 ? path.join(ROOT, ".fixtures/dompurify/expect.mjs") : path.resolve(process.argv[given + 1] ?? "");
  if (!existsSync(file)) {
    console.log(`\nDOMPurify fixtures: not present (${file}), skipped`);
    return;
  }
  const { findClobbering, findXss } = await import("../test/support/xss-oracle");
  const fixtures = ((await import(file)) as { default: { payload: string }[] }).default;
  let live = 0;
  let unstable = 0;
  let refused = 0;
  for (const f of fixtures) {
    // The sanitizer alone, and the whole ingest path with the payload as a post body.
    const out = sanitizeHtml(f.payload);
    if (sanitizeHtml(out) !== out) unstable++;
    const post = await parsePost(`---\ntitle: t\ndate: 2024-01-01 10:00:00 +0800\n---\n${f.payload}\n`).catch((err: unknown) => {
      if (!(err instanceof PostParseError)) throw err;
      refused++;
      return null;
    });
    for (const html of [out, post?.bodyHtml ?? ""]) {
      if (findXss(html).length === 0 && findClobbering(html).length === 0) continue;
      live++;
      console.log(`LIVE: ${JSON.stringify(f.payload).slice(0, 120)} -> ${JSON.stringify(html).slice(0, 120)}`);
    }
  }
  console.log(
    `\nDOMPurify fixtures: ${fixtures.length} payloads; ${live} outputs with live markup (sanitizer and ingest path), ${unstable} not idempotent, ${refused} posts refused by ingest limits`,
  );
}

await fuzz();
await scaling();
await dompurify();
