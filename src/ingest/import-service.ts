/**
 * The one write path for posts: the admin API and the import command both end here.
 * Parse every post first (a bad post is reported and skipped, the rest go on), refuse
 * two different posts claiming one info code in the same request, then write.
 */
import type { Db } from "../db/client";
import { writePosts, type WriteOutcome } from "../db/write-articles";
import { parsePost } from "./parse-post";
import { PostParseError, type ParsedPost, type SiteContext } from "./types";

export type PostInput = {
  /** A file name or other label for messages; optional. */
  name?: string;
  /** The file's (site-relative) path: Jekyll reads date, slug and categories from it. */
  path?: string;
  text: string;
};

export type ImportOutcome = Exclude<WriteOutcome, "conflict"> | "rejected";

export type ImportResult = {
  index: number;
  name?: string;
  infoCode: string | null;
  outcome: ImportOutcome;
  /** Why the post was rejected or not applied, in words a partner can act on. */
  reason?: string;
  line?: number;
  field?: string;
  /** Accepted, but worth fixing: `line: message` for each (duplicate key, Liquid removed, …). */
  warnings?: { line: number; message: string }[];
  /** Present when the post is stored but not shown (`published: false`). */
  status?: "unpublished";
};

export type ImportReport = {
  results: ImportResult[];
  /** Posts whose stored version changed (created or updated): what caches must forget. */
  changed: ParsedPost[];
};

const REASONS: Partial<Record<WriteOutcome, string>> = {
  stale: "An equal or newer version of this article is already stored (compare `updated`).",
  failed: "The database did not accept this post; nothing of it was stored. Send it again.",
  conflict: "conflict: this info code belongs to an article from another source (site or path); nothing was replaced. Give one of them another `info_code`.",
};

function rejection(index: number, input: PostInput, err: unknown): ImportResult {
  const base = { index, ...(input.name ? { name: input.name } : {}), infoCode: null, outcome: "rejected" as const };
  if (err instanceof PostParseError) {
    return { ...base, reason: err.message, line: err.line, ...(err.field ? { field: err.field } : {}) };
  }
  // Anything else is a bug in the parser; say so without leaking internals.
  return { ...base, reason: "The post could not be parsed (internal parser error)." };
}

export async function importPosts(db: Db, inputs: PostInput[], now: number, site?: SiteContext): Promise<ImportReport> {
  const results: ImportResult[] = new Array(inputs.length);
  const parsed = await Promise.all(
    inputs.map(async (input, index) => {
      try {
        return {
          index,
          post: await parsePost(input.text, { ...(input.path ? { path: input.path } : {}), ...(site ? { site } : {}) }),
        };
      } catch (err) {
        results[index] = rejection(index, input, err);
        return null;
      }
    }),
  );

  const firstByCode = new Map<string, { index: number; hash: string }>();
  const accepted: { index: number; post: ParsedPost }[] = [];
  for (const item of parsed) {
    if (!item) continue;
    const name = inputs[item.index]?.name;
    const seen = firstByCode.get(item.post.infoCode);
    if (seen && seen.hash !== item.post.contentHash) {
      results[item.index] = {
        index: item.index,
        ...(name ? { name } : {}),
        infoCode: item.post.infoCode,
        outcome: "rejected",
        reason: `Info code ${item.post.infoCode} is also used by a different post at index ${seen.index} in this request; send one version.`,
        field: "info_code",
      };
      continue;
    }
    if (!seen) firstByCode.set(item.post.infoCode, { index: item.index, hash: item.post.contentHash });
    accepted.push(item);
  }

  const written = await writePosts(
    db,
    accepted.map((a) => a.post),
    now,
  );
  const changed: ParsedPost[] = [];
  written.forEach((result, i) => {
    const item = accepted[i];
    if (!item) return;
    const name = inputs[item.index]?.name;
    results[item.index] = {
      index: item.index,
      ...(name ? { name } : {}),
      infoCode: result.infoCode,
      // A conflict is refused like a bad post: the partner must act on it.
      outcome: result.outcome === "conflict" ? "rejected" : result.outcome,
      ...(REASONS[result.outcome] ? { reason: REASONS[result.outcome] } : {}),
      ...(item.post.warnings.length > 0 ? { warnings: item.post.warnings } : {}),
      ...(item.post.status === "unpublished" ? { status: "unpublished" as const } : {}),
    };
    if (result.outcome === "created" || result.outcome === "updated") changed.push(item.post);
  });
  return { results, changed };
}
