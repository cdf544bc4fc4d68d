/**
 * `_config.yml`'s top-level `lang` through `npm run import -- <site>` as a user runs it
 * (a child process on a local D1 of its own): the default language of posts whose front
 * matter and `defaults:` give none, ahead of detection; a malformed one is a warning per
 * post that would use it. Fixtures: test/fixtures/jekyll-lang/{site,bad-site}.
 */
import { afterAll, describe, expect, it } from "vitest";
import { importCommand } from "./import-command";

const cli = importCommand("edgewire-site-lang-");
const runImport = cli.run;
const SITE = "test/fixtures/jekyll-lang/site";
const BAD_SITE = "test/fixtures/jekyll-lang/bad-site";

/** title -> stored lang, read from the local D1 the import command wrote. */
async function storedLangs(): Promise<Record<string, unknown>> {
  const rows = await cli.rows("SELECT title, lang FROM articles");
  return Object.fromEntries(rows.map((r) => [r.title, r.lang]));
}

afterAll(cli.cleanUp);

describe("_config.yml lang", () => {
  it("is the language of posts without their own: front matter > defaults > site lang > detection", async () => {
    const run = runImport(SITE);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/5 files into .*: 5 created, 0 updated, 0 unchanged, 0 stale, 0 rejected$/m);
    expect(run.stdout).toMatch(
      /^warning\s+test\/fixtures\/jekyll-lang\/site\/_posts\/2024-04-05-bad-own-lang\.md:3: `lang` on line 3 is "Chinese", not a BCP 47 language tag .*; it is ignored and the site's `lang` zh-TW is used\.$/m,
    );
    expect(run.stdout.match(/^warning/gm)).toHaveLength(1);
    expect(await storedLangs()).toEqual({
      "臺北市公布新的交通規則": "zh-TW",
      "Taipei announces new traffic rules": "en",
      // Latin text alone would be detected as English; the site says what it is.
      "Weather report": "zh-TW",
      "東京の新しい交通規則": "ja",
      "錯誤的語言": "zh-TW",
    });
    expect(run.status).toBe(0);
  });

  it("that is malformed is a warning for each post that would use it, and is not stored", async () => {
    const run = runImport(BAD_SITE);
    expect(run.stdout).toMatch(/2 files into .*: 2 created, 0 updated, 0 unchanged, 0 stale, 0 rejected$/m);
    expect(run.stdout).toMatch(
      /^warning\s+test\/fixtures\/jekyll-lang\/bad-site\/_posts\/2024-04-06-no-lang\.md:1: `lang` in _config\.yml is "Chinese \(Taiwan\)", not a BCP 47 language tag .*; it is ignored and the language is detected from the text\.$/m,
    );
    expect(run.stdout).not.toMatch(/^warning\s+\S*2024-04-07-own-lang/m);
    const langs = await storedLangs();
    expect(langs["沒有語言"]).toBeNull();
    expect(langs["Own lang"]).toBe("en");
    expect(run.status).toBe(0);
  });
});
