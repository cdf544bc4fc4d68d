/**
 * `npm run sync` as a cron job runs it: a child process following a real Git repository
 * the test makes (git init, commits), into a local D1 of its own, read back from D1.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { archiveFileName, commitAll, git, writeArchive } from "../../scripts/bench/sync-archive";
import { buildCardsWorker } from "../../scripts/lib/cards-worker";
import { buildIngestWorker } from "../../scripts/lib/ingest-worker";
import { buildWorker } from "../../scripts/lib/local-worker";
import { importCommand, ROOT, type ImportCommand } from "./import-command";

const work = mkdtempSync(path.join(os.tmpdir(), "edgewire-sync-"));
const env: Record<string, string> = { CARDS_PRERENDER: "off" };
let small: ImportCommand;
let big: ImportCommand;
// Each run starts workerd with three Workers (seconds on a quiet machine, minutes on a loaded one).
const RUN_MS = 600_000;

/** A tiny post of the site: its code's 18 digits name the file, as the mirror's do. */
function post(digits: string, title: string, extra = ""): string {
  return `---\ntitle: "${title}"\ndate: 2024-03-01 10:39:01\ncategories: caijing\n---\n<p>${title}的正文。</p>${extra}\n`;
}
const name = (digits: string): string => `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}-${digits}.md`;
const DIGITS = ["202403010000000001", "202403010000000002", "202403010000000003", "202403010000000004", "202403010000000005"];
const [A, B, C, D, E] = DIGITS.map((d) => name(d)) as [string, string, string, string, string];
const F = name("202403020000000006");

async function rows(cmd: ImportCommand, sql: string): Promise<Record<string, unknown>[]> {
  return cmd.rows(sql);
}

beforeAll(() => {
  // Built once and shared by every run (each run would otherwise bundle all three Workers).
  const built = path.join(ROOT, ".wrangler/sync-test");
  env.EDGEWIRE_WORKER_BUNDLE = buildWorker(path.join(built, "dist"));
  env.EDGEWIRE_CARDS_DIR = buildCardsWorker(path.join(built, "cards"));
  env.EDGEWIRE_INGEST_BUNDLE = buildIngestWorker(path.join(built, "ingest"));
  small = importCommand("edgewire-sync-state-", 600_000, { script: "scripts/sync.ts", env });
  big = importCommand("edgewire-sync-kill-", 600_000, { script: "scripts/sync.ts", env });
}, 300_000);

afterAll(() => {
  small?.cleanUp();
  big?.cleanUp();
  rmSync(work, { recursive: true, force: true });
});

describe("npm run sync", () => {
  const site = path.join(work, "site");

  it("imports every post on the first run and records the commit", async () => {
    mkdirSync(path.join(site, "_posts"), { recursive: true });
    writeFileSync(path.join(site, "_config.yml"), "title: 测试镜像\nurl: https://sync.example\ntimezone: Asia/Shanghai\n");
    DIGITS.forEach((d, i) => writeFileSync(path.join(site, "_posts", name(d)), post(d, `第${i + 1}篇`)));
    git(site, "init", "-q", "-b", "main");
    const head = commitAll(site, "five posts");

    const run = small.run(site);
    expect(run.stdout).toMatch(/5 files into .*: 5 created, 0 updated, 0 unchanged, 0 stale, 0 rejected, 0 unpublished$/m);
    expect(run.status).toBe(0);
    expect(await rows(small, "SELECT site, \"commit\" FROM sync_state")).toEqual([{ site: "https://sync.example", commit: head }]);
  }, RUN_MS);

  it("then imports only what changed: added, modified, renamed (same article), deleted (410)", async () => {
    writeFileSync(path.join(site, "_posts", F), post("202403020000000006", "新增"));
    writeFileSync(path.join(site, "_posts", B), post(DIGITS[1]!, "第2篇（更正）"));
    mkdirSync(path.join(site, "old_post"));
    git(site, "mv", `_posts/${C}`, `old_post/${C}`);
    git(site, "rm", "-q", `_posts/${D}`);
    // Moved and rewritten: no rename Git can see, but the same info code lives on.
    git(site, "rm", "-q", `_posts/${E}`);
    writeFileSync(path.join(site, "old_post", E), post(DIGITS[4]!, "第5篇", "<p>另一段完全不同的长文字，使 Git 看不出这是同一个文件的移动。</p>".repeat(4)));
    const head = commitAll(site, "add, modify, move, delete");

    const run = small.run(site);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^created\\s+NW202403020000000006\\s+\\S*_posts/${F}$`, "m"));
    expect(run.stdout).toMatch(new RegExp(`^updated\\s+NW${DIGITS[1]}`, "m"));
    expect(run.stdout).toMatch(new RegExp(`^unchanged\\s+NW${DIGITS[2]}\\s+\\S*old_post/${C}$`, "m"));
    expect(run.stdout).toMatch(new RegExp(`^unpublished NW${DIGITS[3]}`, "m"));
    expect(run.stdout).toMatch(new RegExp(`^kept\\s+NW${DIGITS[4]}\\s+_posts/${E}: still in old_post/${E}$`, "m"));
    // Only the changed files were sent (4), not the site's 6.
    expect(run.stdout).toMatch(/^4 files into .*: 1 created, 2 updated, 1 unchanged, 0 stale, 0 rejected, 1 unpublished$/m);

    const articles = await rows(small, "SELECT info_code AS code, title, status FROM articles ORDER BY info_code");
    expect(articles).toEqual([
      { code: `NW${DIGITS[0]}`, title: "第1篇", status: "published" },
      { code: `NW${DIGITS[1]}`, title: "第2篇（更正）", status: "published" },
      { code: `NW${DIGITS[2]}`, title: "第3篇", status: "published" },
      { code: `NW${DIGITS[3]}`, title: "第4篇", status: "unpublished" },
      { code: `NW${DIGITS[4]}`, title: "第5篇", status: "published" },
      { code: "NW202403020000000006", title: "新增", status: "published" },
    ]);
    expect(await rows(small, "SELECT \"commit\" FROM sync_state")).toEqual([{ commit: head }]);

    const again = small.run(site);
    expect(again.stdout).toContain("nothing to sync");
    expect(again.status).toBe(0);
  }, 2 * RUN_MS);

  it("converges after being killed mid-run: every post stored once, the commit recorded", async () => {
    const archive = path.join(work, "archive");
    const head = writeArchive(archive, 300);
    const child = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/sync.ts", archive], {
      cwd: ROOT,
      env: { ...process.env, ...env, EDGEWIRE_PERSIST_TO: big.state },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const killed = await new Promise<boolean>((resolve) => {
      child.stdout.setEncoding("utf8");
      child.stdout.on("data", (chunk: string) => {
        out += chunk;
        // The first request's 200 posts are stored: kill the whole process group (workerd too).
        if ((out.match(/^created /gm) ?? []).length >= 200 && child.exitCode === null) {
          process.kill(-child.pid!, "SIGKILL");
          resolve(true);
        }
      });
      child.on("exit", () => resolve(false));
    });
    expect(killed).toBe(true);
    expect(out).not.toContain("synced to");
    expect(await rows(big, "SELECT \"commit\" FROM sync_state")).toEqual([]);

    const rerun = big.run(archive);
    expect(rerun.status).toBe(0);
    const summary = /^300 files into .*: (\d+) created, 0 updated, (\d+) unchanged, 0 stale, 0 rejected, 0 unpublished$/m.exec(rerun.stdout);
    expect(summary).not.toBeNull();
    expect(Number(summary?.[1]) + Number(summary?.[2])).toBe(300);
    expect(Number(summary?.[2])).toBeGreaterThanOrEqual(200);
    expect(await rows(big, "SELECT COUNT(*) AS n, COUNT(DISTINCT info_code) AS codes FROM articles")).toEqual([{ n: 300, codes: 300 }]);
    expect(await rows(big, `SELECT COUNT(*) AS n FROM articles WHERE info_code = 'NW${archiveFileName(0).slice(11, 29)}'`)).toEqual([{ n: 1 }]);
    expect(await rows(big, "SELECT \"commit\" FROM sync_state")).toEqual([{ commit: head }]);
  }, 2 * RUN_MS);
});
