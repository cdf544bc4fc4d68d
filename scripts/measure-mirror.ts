/**
 * Measures how a news mirror's posts show once imported, against what each post's own text
 * says (the oracle is the raw file, read with simple rules of its own, never our parser):
 * the front matter's wall time on the page, the footer's category name, the upstream link
 * out of the body and summary (and kept as the source link), the end-of-text credit as the
 * source. Used for IMPORT.md's figures on the seed archive.
 *
 *   npm run import -- <site> > import.log       # or npm run sync -- <checkout>
 *   npx tsx scripts/measure-mirror.ts --base http://127.0.0.1:8787 --log import.log <site>
 *
 * Only posts the log says were stored (created, updated, unchanged, stale) are checked; the
 * log's own counts are printed too. Reads the target over loopback only.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { mirrorExpectations, type MirrorExpectation } from "./lib/mirror-oracle";

type Check = "wall time" | "category name" | "category name (post without a footer)" | "no upstream URL in body" | "no upstream URL in summary" | "upstream URL as source link" | "credit as source";

const { values, positionals } = parseArgs({
  options: { base: { type: "string", default: "http://127.0.0.1:8787" }, log: { type: "string" }, show: { type: "string", default: "5" } },
  allowPositionals: true,
});
const base = values.base ?? "http://127.0.0.1:8787";
if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(base)) throw new Error("--base must be a loopback URL");
const site = positionals[0];
if (!site || !values.log) {
  console.error("usage: tsx scripts/measure-mirror.ts --base http://127.0.0.1:PORT --log import.log <site folder>");
  process.exit(2);
}

function postFiles(root: string): string[] {
  const out: string[] = [];
  for (const dir of ["_posts", "old_post"]) {
    const abs = path.join(root, dir);
    if (!statSync(abs, { throwIfNoEntry: false })?.isDirectory()) continue;
    for (const name of readdirSync(abs).sort()) if (/\.(md|markdown|html)$/.test(name)) out.push(`${dir}/${name}`);
  }
  return out;
}

// "created    NW202112082206735975  _posts/2021-12-08-….md" (scripts/lib/import-run.ts).
const STORED_RE = /^(created|updated|unchanged|stale)\s+([A-Z]{2}\d{18})\s+(\S.*?)(?:\s+\(.*\))?(?::.*)?$/;
const outcomes = new Map<string, number>();
const codeOf = new Map<string, string>();
for (const line of readFileSync(values.log, "utf8").split("\n")) {
  const word = /^(created|updated|unchanged|stale|rejected|failed|skipped|warning)\b/.exec(line)?.[1];
  if (word && word !== "warning") outcomes.set(word, (outcomes.get(word) ?? 0) + 1);
  const m = STORED_RE.exec(line);
  if (m?.[2] && m[3]) codeOf.set(path.basename(m[3].trim()) + "|" + (m[3].includes("old_post") ? "old_post" : "_posts"), m[2]);
}

const html = (s: string) => s.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'");
/** The page's visible text outside <head> and <script>, tags removed. */
function visibleText(page: string): string {
  const body = page.replace(/<head>[\s\S]*?<\/head>/i, "").replace(/<script[\s\S]*?<\/script>/gi, "");
  return html(body.replace(/<[^>]+>/g, " "));
}

async function get(url: string): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetch(url);
    } catch (err) {
      if (attempt >= 2) throw err;
    }
  }
}

const results = new Map<Check, { pass: number; total: number; failures: string[] }>();
function record(check: Check, ok: boolean, what: string): void {
  const r = results.get(check) ?? { pass: 0, total: 0, failures: [] };
  r.total++;
  if (ok) r.pass++;
  else r.failures.push(what);
  results.set(check, r);
}

const files = postFiles(site);
// The name each category's footers give it: a post without a footer should show it too.
const footerNames = new Map<string, string>();
for (const file of files) {
  const e = mirrorExpectations(readFileSync(path.join(site, file), "utf8"));
  if (e.categorySlug && e.categoryName && !footerNames.has(e.categorySlug)) footerNames.set(e.categorySlug, e.categoryName);
}
let checked = 0;
const seen = new Set<string>();
for (const file of files) {
  const code = codeOf.get(path.basename(file) + "|" + (file.startsWith("old_post") ? "old_post" : "_posts"));
  if (!code) continue;
  const expect: MirrorExpectation = mirrorExpectations(readFileSync(path.join(site, file), "utf8"));
  // Each article once: the first file of it (the _posts copy when there is one).
  if (seen.has(code)) continue;
  seen.add(code);
  const [jsonRes, pageRes] = await Promise.all([get(`${base}/api/v1/articles/${code}`), get(`${base}/a/${code}`)]);
  if (jsonRes.status !== 200 || pageRes.status !== 200) {
    console.log(`missing   ${code} ${file}: JSON ${jsonRes.status}, page ${pageRes.status}`);
    continue;
  }
  checked++;
  const json = (await jsonRes.json()) as { publishedAt: string; summary: string; source: string | null; sourceUrl: string | null; category: { name: string; slug: string } };
  const page = await pageRes.text();
  const text = visibleText(page);
  const where = `${code} ${file}`;
  if (expect.wallTime) {
    const shown = `${expect.wallTime.slice(0, 10)}T${expect.wallTime.slice(11, 16)}`;
    record("wall time", json.publishedAt.startsWith(shown) && text.includes(expect.wallTime.slice(0, 16)), `${where}: front matter ${expect.wallTime}, shown ${json.publishedAt}`);
  }
  const name = expect.categoryName ?? (expect.categorySlug ? footerNames.get(expect.categorySlug) : undefined);
  if (name) {
    const check: Check = expect.categoryName ? "category name" : "category name (post without a footer)";
    record(check, json.category.name === name && text.includes(name), `${where}: footer name ${name}, shown ${json.category.name}`);
  }
  for (const url of expect.upstreamUrls.slice(0, 1)) {
    const bare = url.replace(/^https?:\/\//, "");
    record("no upstream URL in body", !text.includes(bare), `${where}: ${url} is on the page`);
    record("no upstream URL in summary", !json.summary.includes(bare) && !json.summary.includes("http"), `${where}: summary "${json.summary.slice(0, 80)}"`);
    record("upstream URL as source link", json.sourceUrl === url, `${where}: sourceUrl ${json.sourceUrl}, expected ${url}`);
  }
  if (expect.credit) {
    record("credit as source", json.source === expect.credit, `${where}: credit ${expect.credit}, source ${json.source}`);
  }
}

console.log(`\nimport log: ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(", ")}`);
console.log(`files ${files.length}, articles checked ${checked}\n`);
console.log("| check | pass / posts it applies to | share |");
console.log("|---|---|---|");
for (const [check, r] of results) console.log(`| ${check} | ${r.pass} / ${r.total} | ${((100 * r.pass) / Math.max(1, r.total)).toFixed(1)} % |`);
const show = Number(values.show);
for (const [check, r] of results) {
  if (r.failures.length === 0) continue;
  console.log(`\n${check}: ${r.failures.length} failing, first ${Math.min(show, r.failures.length)}:`);
  for (const f of r.failures.slice(0, show)) console.log(`  ${f}`);
}
