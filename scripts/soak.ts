/**
 * npm run soak [-- --seconds 30]
 *
 * Mixed reads (pages, lists, feeds, cards) while imports and edits run, against the real
 * Worker on 127.0.0.1 with a fresh local D1. Bounded in time; at the end every article
 * written must be readable with its last content, and no read may have answered 5xx.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "30" } } });
const SECONDS = Math.min(Math.max(Number(values.seconds) || 30, 5), 600);
const TOKEN = "soak-token";
const READERS = 16;

/** Writers move articles between these two categories (and their tags with them): every move must purge the page it left. */
const CATEGORIES = ["caijing", "keji"] as const;
const categoryOf = (version: number) => CATEGORIES[version % 2] ?? "caijing";
const READ_PATHS = ["/", "/feed.xml", "/atom.xml", "/feed.json", "/sitemap.xml", "/category/caijing.html", "/category/keji.html", "/category/keji/feed.xml", "/healthz"];

function post(code: string, title: string, updated: number): string {
  const stamp = new Date(Date.UTC(2025, 0, 1) + updated * 1000).toISOString().replace("T", " ").slice(0, 19);
  return [
    "---",
    `title: ${JSON.stringify(title)}`,
    "date: 2025-01-01 08:00:00 +0800",
    `updated: ${stamp} +0000`,
    `categories: ${categoryOf(updated)}`,
    `tags: ["压测", "${categoryOf(updated)}标签"]`,
    `info_code: ${code}`,
    "---",
    `<p>${title}</p>`,
    "",
    `[返回${categoryOf(updated)}](//example.com/category/${categoryOf(updated)}.html)｜[返回首页](//example.com/)`,
    "",
  ].join("\n");
}

async function main(): Promise<void> {
  const persistTo = mkdtempSync(path.join(os.tmpdir(), "edgewire-soak-"));
  process.env.EDGEWIRE_PERSIST_TO = persistTo;
  const { applyLocalMigrations, startLocalWorker } = await import("./lib/local-worker");
  applyLocalMigrations();
  // What Workers forbid and the runtime reports: one request waiting on another's promise.
  const hung = { lines: 0 };
  const worker = await startLocalWorker({
    port: 0,
    // Writes do not draw share cards here: local workerd runs the app and the cards Worker on one
    // thread, so 40 card renders per import batch starve the reads this soak measures (in
    // production they are separate Workers). Cards are drawn on first request instead.
    bindings: { ADMIN_TOKEN: TOKEN, ADMIN_RATE_LIMIT: "100000" },
    onRuntimeLine: (line) => {
      if (/different request context|code had hung|hung/i.test(line)) hung.lines += 1;
    },
  });
  const base = worker.url;
  const deadline = Date.now() + SECONDS * 1000;
  // Per article, the highest version any accepted write carried: the stored one must be it,
  // whatever order concurrent writers finished in (older `updated` never overwrites newer).
  const expected = new Map<string, number>();
  const counts = { reads: 0, writes: 0, read5xx: 0, write5xx: 0, retried: 0, otherErrors: 0 };
  const codes = Array.from({ length: 50 }, (_, i) => `SK2025010100000000${String(i).padStart(2, "0")}`);
  let version = 0;

  const writer = async () => {
    while (Date.now() < deadline) {
      const batch = Array.from({ length: 10 }, () => codes[Math.floor(Math.random() * codes.length)] ?? "");
      const unique = [...new Set(batch)];
      const mine = ++version;
      const texts = unique.map((code) => post(code, `压测文章 ${code} 第${mine}版`, mine));
      const body = JSON.stringify({ posts: texts });
      for (let attempt = 0; ; attempt++) {
        const res = await fetch(new URL("/api/v1/admin/import", base), {
          method: "POST",
          headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
          body,
        });
        counts.writes += 1;
        if (res.status === 503 && attempt < 5) {
          counts.retried += 1;
          await res.arrayBuffer();
          continue;
        }
        if (res.status >= 500) counts.write5xx += 1;
        else if (res.ok) for (const code of unique) expected.set(code, Math.max(expected.get(code) ?? 0, mine));
        await res.arrayBuffer();
        break;
      }
    }
  };

  const reader = async () => {
    while (Date.now() < deadline) {
      const roll = Math.random();
      const code = codes[Math.floor(Math.random() * codes.length)] ?? "";
      // Share pages of all 50 codes from the start: the ones not written yet are 404s that
      // their first write must purge. Legacy links, cards and JSON share their purges.
      const p =
        roll < 0.4
          ? `/a/${code}`
          : roll < 0.45
            ? `/html_News/NewsShare.html?infoCode=${code}`
            : roll < 0.55
              ? `/embed/${code}`
              : roll < 0.6
                ? `/api/v1/articles/${code}`
                : roll < 0.65
                  ? `/search?q=${encodeURIComponent(`压测 ${Math.floor(Math.random() * 200)}`)}`
                  : (READ_PATHS[Math.floor(Math.random() * READ_PATHS.length)] ?? "/");
      try {
        const res = await fetch(new URL(`${p}${p.includes("?") ? "&" : "?"}utm_source=soak`, base));
        await res.arrayBuffer();
        counts.reads += 1;
        if (res.status >= 500) counts.read5xx += 1;
      } catch {
        counts.otherErrors += 1;
      }
    }
  };

  const t0 = performance.now();
  await Promise.all([writer(), writer(), ...Array.from({ length: READERS }, reader)]);
  const elapsed = (performance.now() - t0) / 1000;

  let lost = 0;
  // A category page lists only articles whose last write put them there: a stale listing is a purge that was missed.
  for (const category of CATEGORIES) {
    const html = await (await fetch(new URL(`/category/${category}.html`, base))).text();
    for (const [, code] of html.matchAll(/href="\/a\/(SK\d{18})"/g)) {
      const last = code ? expected.get(code) : undefined;
      if (code && last !== undefined && categoryOf(last) !== category) {
        lost += 1;
        console.error(`soak: /category/${category}.html still lists ${code}, last written to ${categoryOf(last)}`);
      }
    }
  }
  for (const [code, last] of expected) {
    const title = `压测文章 ${code} 第${last}版`;
    for (const p of [`/a/${code}`, `/html_News/NewsShare.html?infoCode=${code}`, `/embed/${code}`]) {
      const html = await (await fetch(new URL(p, base))).text();
      if (!html.includes(title)) {
        lost += 1;
        console.error(`soak: ${p} does not show its last title "${title}"`);
      }
    }
  }
  await worker.dispose();
  rmSync(persistTo, { recursive: true, force: true });

  console.log(
    `soak: ${elapsed.toFixed(1)} s, ${counts.reads} reads (${(counts.reads / elapsed).toFixed(0)}/s), ${counts.writes} import requests ` +
      `(${counts.retried} retried after 503), ${expected.size} articles written; read 5xx: ${counts.read5xx}, write 5xx: ${counts.write5xx}, ` +
      `connection errors: ${counts.otherErrors}, pages not showing their last content: ${lost}, runtime "hung" lines: ${hung.lines}`,
  );
  if (counts.read5xx + counts.write5xx + counts.otherErrors + lost + hung.lines > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(`soak: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
