/**
 * The import command as a user runs it: a child process, on a fresh local D1 of its own
 * (EDGEWIRE_PERSIST_TO), reading a folder with one broken post.
 */
import { afterAll, describe, expect, it } from "vitest";
import { importCommand } from "./import-command";

const cli = importCommand("edgewire-cli-", 60_000);
const runImport = cli.run;

afterAll(cli.cleanUp);

describe("npm run import", () => {
  it("imports the good posts, names the broken file with its line and reason, and exits 1", () => {
    const run = runImport("test/fixtures/import-batch");
    expect(run.stdout).toMatch(/^created\s+NW202401010000000001\s+test\/fixtures\/import-batch\/2024-01-01-NW202401010000000001\.md$/m);
    expect(run.stdout).toMatch(/^rejected\s+test\/fixtures\/import-batch\/broken\.md:4: Front matter YAML error on line 4/m);
    expect(run.stdout).toMatch(/4 files into .* 3 created, 0 updated, 0 unchanged, 0 stale, 1 rejected$/m);
    expect(run.status).toBe(1);
  });

  it("changes nothing when run again", () => {
    const run = runImport("test/fixtures/import-batch");
    expect(run.stdout).toMatch(/0 created, 0 updated, 3 unchanged, 0 stale, 1 rejected$/m);
  });

  it("says what is wrong with its arguments", () => {
    const none = runImport();
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("name at least one file or folder");
    const missing = runImport("no/such/folder");
    expect(missing.stderr).toContain("no/such/folder: no such file or folder");
    expect(missing.status).toBe(2);
  });
});
