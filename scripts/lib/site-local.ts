/**
 * A Jekyll site through the importer's parsing path, in Node and without a database: what
 * `npm run import -- <site>` would send and what the Worker would make of it. Used by the
 * comparison with real Jekyll (scripts/jekyll-compare.ts).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parsePost } from "../../src/ingest/parse-post";
import { PostParseError, type ParsedPost } from "../../src/ingest/types";
import { readSite } from "./jekyll-site";
import { collectPostFiles } from "./posts";
import { prepareSite } from "./site-import";

export type LocalPost = ParsedPost;
export type LocalResult = { path: string; post: LocalPost | null; reason?: string };

const reasonOf = (err: unknown): string =>
  err instanceof PostParseError ? `line ${err.line}: ${err.message}` : `internal error: ${String(err)}`;

/** Before site support: every file under a _posts folder, parsed alone. */
async function legacy(site: string): Promise<LocalResult[]> {
  const { files } = collectPostFiles([site]);
  const posts = files.filter((f) => f.split(path.sep).includes("_posts"));
  return Promise.all(
    posts.map(async (file): Promise<LocalResult> => {
      const rel = path.relative(site, file);
      try {
        const p = await parsePost(readFileSync(file, "utf8"));
        // The old parser knew one category and no `published`.
        return { path: rel, post: { ...p, status: "published", categories: [p.category] } };
      } catch (err) {
        return { path: rel, post: null, reason: reasonOf(err) };
      }
    }),
  );
}

export async function importSiteLocally(dir: string, options: { legacy: boolean }): Promise<LocalResult[]> {
  if (options.legacy) return legacy(dir);
  const site = readSite(dir);
  const prepared = await prepareSite(site);
  return Promise.all(
    prepared.posts.map(async (p): Promise<LocalResult> => {
      try {
        const post = await parsePost(p.text, { path: p.path, site: prepared.context });
        return { path: p.path, post };
      } catch (err) {
        return { path: p.path, post: null, reason: reasonOf(err) };
      }
    }),
  );
}
