/** Finding post files on disk for the import command. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const POST_EXTENSIONS = new Set([".md", ".markdown", ".html", ".htm"]);

export type PostFile = { path: string; text: string };

/** Expands files and folders (recursively) into post files, sorted for stable output. */
export function collectPostFiles(inputs: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (p: string): void => {
    const stat = statSync(p, { throwIfNoEntry: false });
    if (!stat) {
      missing.push(p);
    } else if (stat.isDirectory()) {
      for (const entry of readdirSync(p).sort()) {
        if (!entry.startsWith(".")) walk(path.join(p, entry));
      }
    } else if (POST_EXTENSIONS.has(path.extname(p).toLowerCase())) {
      files.push(p);
    }
  };
  for (const input of inputs) walk(input);
  return { files: [...new Set(files)], missing };
}

/** Splits posts into requests under both a count and a byte budget. */
export function chunkPosts<T extends PostFile>(posts: T[], maxCount: number, maxBytes: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const post of posts) {
    const size = Buffer.byteLength(post.text) + 64;
    if (current.length > 0 && (current.length >= maxCount || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(post);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export function readPostFiles(files: string[]): PostFile[] {
  return files.map((file) => ({ path: file, text: readFileSync(file, "utf8") }));
}
