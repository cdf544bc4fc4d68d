/**
 * `npm run import -- <Jekyll site>` as a user runs it, on a fresh local D1 of its own:
 * the fixture site in test/fixtures/jekyll-site (config, defaults, drafts, includes,
 * folder categories, posts linking each other with post_url / link).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Miniflare } from "miniflare";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const state = mkdtempSync(path.join(os.tmpdir(), "edgewire-site-"));
const SITE = "test/fixtures/jekyll-site";
// wrangler.toml's database_id: the local D1 file the import command wrote.

function runImport(...args: string[]) {
  return spawnSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/import.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, EDGEWIRE_PERSIST_TO: state },
    encoding: "utf8",
    timeout: 90_000,
  });
}

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  const mf = new Miniflare({ modules: true, script: "export default {}", d1Databases: { DB: "00000000-0000-0000-0000-000000000000" }, d1Persist: path.join(state, "v3/d1") });
  try {
    const db = await mf.getD1Database("DB");
    return (await db.prepare(sql).all<Record<string, unknown>>()).results;
  } finally {
    await mf.dispose();
  }
}

afterAll(() => rmSync(state, { recursive: true, force: true }));

describe("npm run import -- <Jekyll site>", () => {
  it("imports what Jekyll publishes, skips drafts and excluded folders, and reports per file", () => {
    const run = runImport(SITE);
    expect(run.stderr).toBe("");
    const out = run.stdout;
    expect(out).toMatch(/^skipped\s+test\/fixtures\/jekyll-site\/_drafts: drafts/m);
    expect(out).not.toContain("excluded");
    expect(out).toMatch(/^created\s+EW20240301\d{10}\s+test\/fixtures\/jekyll-site\/_posts\/2024-03-01-hello\.md$/m);
    expect(out).toMatch(/^created\s+EW20240302\d{10}\s+test\/fixtures\/jekyll-site\/markets\/_posts\/2024-03-02-stocks\.md$/m);
    expect(out).toMatch(/^created\s+EW20240303\d{10}\s+test\/fixtures\/jekyll-site\/_posts\/2024-03-03-hidden\.md \(unpublished: published: false\)$/m);
    expect(out).toMatch(/^warning\s+test\/fixtures\/jekyll-site\/_posts\/2024-03-04-plugin-tag\.md:7: unknown Liquid tag \{% youtube %\}/m);
    expect(out).toMatch(/4 files into .*: 4 created, 0 updated, 0 unchanged, 0 stale, 0 rejected$/m);
    expect(run.status).toBe(0);
  });

  it("stores rendered Liquid, site timezone, folder categories with their site names, and drafts unpublished", async () => {
    const found = await rows(
      `SELECT a.info_code, a.title, a.body_html, a.status, a.published_at, a.utc_offset_min, a.author, c.slug, c.name
       FROM articles a JOIN categories c ON c.id = a.category_id ORDER BY a.published_at`,
    );
    expect(found).toHaveLength(4);
    const [hello, stocks, hidden] = found;
    expect(hello?.title).toBe("Hello from the fixture");
    expect(hello?.published_at).toBe(Date.parse("2024-03-01T00:00:00+08:00"));
    expect(String(hello?.body_html)).toContain("Welcome to Fixture News.");
    expect(String(hello?.body_html)).toContain(`href="/a/${String(stocks?.info_code)}"`);
    expect(String(hello?.body_html)).toContain("A note from the desk.");
    expect(String(hello?.body_html)).toContain('href="/site/assets/site.css"');
    for (const row of found) expect(String(row.body_html)).not.toMatch(/\{%|\{\{ *site|\{:/);
    expect(stocks?.title).toBe("Stocks rise on good news");
    expect(stocks?.author).toBe("市场部");
    expect([stocks?.slug, stocks?.name]).toEqual(["markets", "市场"]);
    expect(String(stocks?.body_html)).toContain(`href="/a/${String(hello?.info_code)}"`);
    expect(String(stocks?.body_html)).toMatch(/<dl>\s*<dt>Term<\/dt>/);
    expect(hidden?.title).toBe("Not yet");
    expect(hidden?.status).toBe("unpublished");
  });

  it("changes no row when run again", async () => {
    const before = await rows("SELECT info_code, content_hash, modified_at FROM articles ORDER BY info_code");
    const run = runImport(SITE);
    expect(run.stdout).toMatch(/4 files into .*: 0 created, 0 updated, 4 unchanged, 0 stale, 0 rejected$/m);
    expect(await rows("SELECT info_code, content_hash, modified_at FROM articles ORDER BY info_code")).toEqual(before);
  });
});
