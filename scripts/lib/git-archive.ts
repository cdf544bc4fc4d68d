/**
 * What `npm run sync` asks Git about a checkout. Every call runs in the site's folder with
 * paths relative to it (`--relative`, `HEAD:./path`), so a site in a subfolder of its
 * repository works too; each question is one git process, whatever the number of files.
 */
import { execFileSync, spawn } from "node:child_process";

const MAX_OUTPUT = 512 * 1024 * 1024;

function git(dir: string, args: string[], input?: string): string {
  return execFileSync("git", ["-c", "core.quotePath=false", ...args], {
    cwd: dir,
    encoding: "utf8",
    maxBuffer: MAX_OUTPUT,
    stdio: ["pipe", "pipe", "pipe"],
    ...(input !== undefined ? { input } : {}),
  });
}

/** HEAD's full commit id; throws with Git's message when the folder is no checkout. */
export function headCommit(dir: string): string {
  try {
    return git(dir, ["rev-parse", "--verify", "HEAD^{commit}"]).trim();
  } catch (err) {
    const detail = (err as { stderr?: string }).stderr?.trim() || String(err);
    throw new Error(`${dir} is not a Git checkout with a commit: ${detail}`);
  }
}

export function hasCommit(dir: string, commit: string): boolean {
  try {
    git(dir, ["cat-file", "-e", `${commit}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/** The fetch URL of the checkout's first remote (origin first), or null. */
export function remoteUrl(dir: string): string | null {
  const remotes = git(dir, ["remote"]).split("\n").filter(Boolean);
  const name = remotes.includes("origin") ? "origin" : remotes[0];
  return name ? git(dir, ["remote", "get-url", name]).trim() || null : null;
}

/** Files with uncommitted changes under the folder (relative to it). */
export function uncommitted(dir: string): string[] {
  return git(dir, ["status", "--porcelain", "-z", "--untracked-files=all", "--", "."])
    .split("\0")
    .filter((e) => e.length > 3)
    .map((e) => e.slice(3));
}

export type Change = { status: "A" | "M" | "D"; path: string } | { status: "R"; from: string; path: string };

/** `git diff --name-status -M from to`, limited to the folder: added, modified, deleted, renamed files. */
export function changes(dir: string, from: string, to: string): Change[] {
  const fields = git(dir, ["diff", "--name-status", "-z", "-M", "--relative", "--no-ext-diff", from, to, "--", "."]).split("\0");
  const out: Change[] = [];
  for (let i = 0; i < fields.length - 1; ) {
    const code = fields[i++] ?? "";
    if (code.startsWith("R") || code.startsWith("C")) {
      const fromPath = fields[i++] ?? "";
      const toPath = fields[i++] ?? "";
      // A copy leaves its original in place: only the new file is a change.
      out.push(code.startsWith("R") ? { status: "R", from: fromPath, path: toPath } : { status: "A", path: toPath });
    } else {
      const file = fields[i++] ?? "";
      out.push({ status: code === "D" ? "D" : code === "A" ? "A" : "M", path: file });
    }
  }
  return out;
}

/** The text of each file as it was at `commit` (one `git cat-file --batch`); absent ones are left out. */
export function filesAt(dir: string, commit: string, paths: string[]): Map<string, string> {
  const found = new Map<string, string>();
  if (paths.length === 0) return found;
  const out = execFileSync("git", ["cat-file", "--batch"], {
    cwd: dir,
    maxBuffer: MAX_OUTPUT,
    input: paths.map((p) => `${commit}:./${p}\n`).join(""),
  });
  let at = 0;
  for (const p of paths) {
    const eol = out.indexOf(0x0a, at);
    const header = out.subarray(at, eol).toString("utf8");
    at = eol + 1;
    if (header.endsWith(" missing") || header.endsWith(" ambiguous")) continue;
    const size = Number(header.split(" ")[2]);
    found.set(p, out.subarray(at, at + size).toString("utf8"));
    at += size + 1;
  }
  return found;
}

/**
 * When each file was last changed (commit time, seconds), as `git log -1 --format=%ct -- <file>`
 * says, for many files with one `git log` walk that stops once every file is found.
 */
export function lastChanged(dir: string, paths: string[]): Promise<Map<string, number>> {
  const wanted = new Set(paths);
  const times = new Map<string, number>();
  if (wanted.size === 0) return Promise.resolve(times);
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["-c", "core.quotePath=false", "log", "--format=%x01%ct", "--name-only", "--no-renames", "--relative", "HEAD", "--", "."], { cwd: dir });
    let pending = "";
    let time = 0;
    let stopped = false;
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      if (stopped) return;
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        if (line.startsWith("\x01")) time = Number(line.slice(1));
        else if (line !== "" && wanted.has(line) && !times.has(line)) times.set(line, time);
      }
      if (times.size === wanted.size) {
        stopped = true;
        child.kill();
      }
    });
    child.on("error", reject);
    child.on("close", () => resolve(times));
  });
}
