/**
 * `npm run jekyll:compare` on a site as real mirrors have it (test/fixtures/jekyll-finews-like:
 * a theme gem, `safe: true`, a plugin gem, a `timezone`): the oracle's merged `_config.yml`,
 * the date verdict, and, where Debian's `jekyll` is installed, the whole comparison.
 * CI has no Jekyll: the command run is skipped there, as the script itself says nothing to compare.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { dateVerdict, hasJekyll, oracleConfig } from "../../scripts/lib/jekyll-oracle";
import { ROOT } from "./import-command";

const FINEWS_LIKE = "test/fixtures/jekyll-finews-like";

describe("the oracle's _config.yml", () => {
  const config = [
    "theme: jekyll-theme-minimal",
    "remote_theme: someone/theme",
    "lang: zh-CN",
    "safe: true",
    "timezone: Asia/Shanghai",
    "plugins:",
    "  - jekyll-feed",
    "gems: [jekyll-sitemap]",
    "exclude: [notes]",
    "",
  ].join("\n");
  const merged = parse(oracleConfig(config, { pluginsDir: "/x/jekyll-oracle", destination: "/x/_site" })) as Record<string, unknown>;

  it("has no theme and no plugin gems, so Jekyll builds without them", () => {
    expect(merged).not.toHaveProperty("theme");
    expect(merged).not.toHaveProperty("remote_theme");
    expect(merged).not.toHaveProperty("gems");
    expect(merged.plugins).toEqual([]);
  });

  it("leaves safe mode, so the recorder in plugins_dir runs, and builds future posts", () => {
    expect(merged).toMatchObject({ safe: false, plugins_dir: "/x/jekyll-oracle", destination: "/x/_site", future: true });
  });

  it("keeps the site's own settings", () => {
    expect(merged).toMatchObject({ lang: "zh-CN", timezone: "Asia/Shanghai", exclude: ["notes"] });
  });

  it("reads an empty _config.yml as no settings", () => {
    expect(parse(oracleConfig("", { pluginsDir: "/p", destination: "/d" }))).toMatchObject({ plugins: [], safe: false });
  });
});

describe("dates against Jekyll's", () => {
  // `date: 2021-12-10 23:01:55` unquoted: Jekyll reads UTC and shows it in the site zone.
  const jekyll = "2021-12-11T07:01:55+08:00";

  it("are the same when the instants are", () => {
    expect(dateVerdict(jekyll, Date.parse("2021-12-10T23:01:55Z"), "Asia/Shanghai")).toBe("same");
  });

  it("differ by design when ours is Jekyll's clock read as the site zone's wall time", () => {
    expect(dateVerdict(jekyll, Date.parse("2021-12-10T23:01:55+08:00"), "Asia/Shanghai")).toBe("newsroom-time");
  });

  it("differ otherwise, and always in a site without a timezone", () => {
    expect(dateVerdict(jekyll, Date.parse("2021-12-10T23:01:56+08:00"), "Asia/Shanghai")).toBe("differs");
    expect(dateVerdict(jekyll, Date.parse("2021-12-10T23:01:55+08:00"), undefined)).toBe("differs");
  });
});

describe.skipIf(!hasJekyll())("npm run jekyll:compare on a site with a theme, safe mode and plugin gems", () => {
  it("builds it with real Jekyll and finds every post imported, with the same text", () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/jekyll-compare.ts", FINEWS_LIKE], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^test\/fixtures\/jekyll-finews-like: jekyll builds 4, imported 4 \(100\.00%\), raw markers 0 /m);
    expect(run.stdout).toMatch(/title diffs 0, category diffs 0, text same 4, close 0, different 0/);
    expect(run.stdout).toMatch(/date diffs 0 /);
    expect(run.status).toBe(0);
  }, 120_000);
});
