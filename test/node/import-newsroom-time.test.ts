/**
 * `npm run import` of a mirror whose `_config.yml` says `timezone: Asia/Shanghai` and whose
 * posts write `date: 2021-12-08 10:39:01` without an offset (the finews pattern): the time is
 * Shanghai's, as the newsroom meant (Jekyll shows it 8 hours late), and the archive's copy
 * with `+0800` is the same instant, so it is no longer refused as stale.
 */
import { afterAll, describe, expect, it } from "vitest";
import { importCommand } from "./import-command";

// Each run starts the Worker in-process; on a loaded machine that takes minutes.
const RUN_MS = 300_000;
const cli = importCommand("edgewire-newsroom-time-", RUN_MS);
const SITE = "test/fixtures/jekyll-newsroom-time";
const POST = "2021-12-08-202112081039010001.md";
const CODE = "NW202112081039010001";

afterAll(cli.cleanUp);

describe("npm run import -- <site with timezone>", () => {
  it("reads zone-less dates as the site's wall time, warns per post and counts them in the summary", async () => {
    const run = cli.run(SITE);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain(
      `warning    ${SITE}/_posts/${POST}:4: \`date\` on line 4: 2021-12-08 10:39:01 has no offset: read as 10:39:01 +08:00 (Asia/Shanghai) as the newsroom meant; Jekyll would show 18:39:01 +08:00.`,
    );
    // The quoted date is Shanghai time for Jekyll too: no warning for that post.
    expect(run.stdout).not.toMatch(/2021-12-08-202112082030000002\.md:\d+: `date`/);
    expect(run.stdout).toMatch(/^\s+1 dated as the newsroom meant, not as Jekyll shows them/m);
    expect(run.stdout).toMatch(/2 files into .*: 2 created, 0 updated, 0 unchanged, 0 stale, 0 rejected$/m);
    expect(run.status).toBe(0);
    const rows = await cli.rows("SELECT info_code, published_at, utc_offset_min FROM articles ORDER BY info_code");
    expect(rows).toEqual([
      { info_code: CODE, published_at: Date.parse("2021-12-08T10:39:01+08:00"), utc_offset_min: 480 },
      { info_code: "NW202112082030000002", published_at: Date.parse("2021-12-08T20:30:00+08:00"), utc_offset_min: 480 },
    ]);
  }, RUN_MS + 60_000);

  it("takes the archive's +0800 copy of the same post as the same instant, not as an older version", async () => {
    const run = cli.run(`${SITE}/old_post/${POST}`);
    expect(run.stderr).toBe("");
    // Same instant: never `stale`. The text differs from the stored copy (the offset is written
    // out), and at an equal `updated` a different text is a new version under today's rule.
    expect(run.stdout).toMatch(new RegExp(`^(?:unchanged|updated)\\s+${CODE}\\s`, "m"));
    expect(run.stdout).not.toMatch(/^(?:stale|warning)/m);
    expect(run.status).toBe(0);
    const rows = await cli.rows(`SELECT published_at, utc_offset_min FROM articles WHERE info_code = '${CODE}'`);
    expect(rows).toEqual([{ published_at: Date.parse("2021-12-08T10:39:01+08:00"), utc_offset_min: 480 }]);
  }, RUN_MS + 60_000);
});
