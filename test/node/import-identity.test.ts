/**
 * One identity per post however it is sent: `npm run import -- <site>` and `npm run import
 * -- <site>/_posts/<file>` (a loose file inside the site folder) make one article, with one
 * code and the same stored fields, so alternate imports change nothing. Fixture:
 * test/fixtures/jekyll-finews-like (lang zh-CN, Asia/Shanghai; `2021-12-01-init.md` has no
 * info code anywhere, the others carry one in their file names).
 */
import { afterAll, describe, expect, it } from "vitest";
import { importCommand } from "./import-command";

// Each run starts the Worker in-process; on a busy machine that takes long.
const RUN_MS = 240_000;
const cli = importCommand("edgewire-identity-", RUN_MS);
const SITE = "test/fixtures/jekyll-finews-like";
const INIT = `${SITE}/_posts/2021-12-01-init.md`;
const CODED = `${SITE}/_posts/2021-12-08-202112082206735975.md`;

afterAll(cli.cleanUp);

/** The outcome and code the command printed for a file. */
function printed(stdout: string, file: string): { outcome: string; code: string } | null {
  const line = stdout.split("\n").find((l) => l.endsWith(`  ${file}`));
  const m = line ? /^(\w+)\s+(\S+)\s/.exec(line) : null;
  return m ? { outcome: m[1] ?? "", code: m[2] ?? "" } : null;
}

async function stored(): Promise<Record<string, unknown>[]> {
  return cli.rows("SELECT info_code, lang, utc_offset_min, content_hash FROM articles ORDER BY info_code");
}

describe("a post sent with its site, then alone from inside the site folder", () => {
  let first: Record<string, unknown>[] = [];
  let initCode = "";

  it("is created once with its site", async () => {
    const run = cli.run(SITE);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/4 files into .*: 4 created, 0 updated, 0 unchanged/);
    initCode = printed(run.stdout, INIT)?.code ?? "";
    expect(initCode).toMatch(/^EW20211201\d{10}$/);
    first = await stored();
    expect(first).toHaveLength(4);
    for (const row of first) expect(row.lang).toBe("zh-CN");
  }, RUN_MS);

  it("is the same article, unchanged, when sent alone", async () => {
    const run = cli.run(INIT, CODED);
    expect(run.stderr).toBe("");
    expect(printed(run.stdout, INIT)).toEqual({ outcome: "unchanged", code: initCode });
    expect(printed(run.stdout, CODED)).toEqual({ outcome: "unchanged", code: "NW202112082206735975" });
    expect(run.stdout).toMatch(/2 files into .*: 0 created, 0 updated, 2 unchanged/);
    expect(await stored()).toEqual(first);
  }, RUN_MS);

  it("stays unchanged, lang and all, across alternate imports", async () => {
    for (const args of [[SITE], [`${SITE}/_posts`]]) {
      const run = cli.run(...args);
      expect(run.stderr).toBe("");
      expect(run.stdout).toMatch(/ 0 created, 0 updated, \d+ unchanged, 0 stale, 0 rejected$/m);
    }
    expect(await stored()).toEqual(first);
  }, 2 * RUN_MS);
});
