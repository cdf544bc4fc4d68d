/**
 * The one write path for posts: the admin API (import, PUT, DELETE, resanitize) and the
 * import command all end here. Every post is parsed first, by the ingest Worker
 * (ingest-client.ts; a bad or too big post comes back as a rejection and is skipped, the
 * rest go on); here two different posts claiming one info code in the same request are
 * refused, the rest written, and what changed is said (the ChangeSet the after-write step
 * purges). This file runs in the main Worker: it must not import the parser.
 */
import type { Db } from "../db/client";
import { settleInfoCodes } from "../db/post-identity";
import { writePosts, type ArticleStatus, type WriteOutcome, type WriteRequest, type WriteResult } from "../db/write-articles";
import type { ChangeSet } from "./after-write";
import type { ParseOutcome } from "./contract";

export type PostInput = {
  /** A file name or other label for messages; optional. */
  name?: string;
  /** The file's (site-relative) path: Jekyll reads date, slug and categories from it. */
  path?: string;
  text: string;
  /** Set the status in the same versioned write (PUT with `status`, DELETE). */
  status?: ArticleStatus;
};

export type ImportOutcome = Exclude<WriteOutcome, "refused" | "conflict"> | "rejected";

export type ImportResult = {
  index: number;
  name?: string;
  infoCode: string | null;
  outcome: ImportOutcome;
  /** Why the post was rejected or not applied, in words a partner can act on. */
  reason?: string;
  line?: number;
  field?: string;
  /** For a post too big to store: its size and the limit, in bytes (HTTP 413 when alone). */
  bytes?: number;
  limitBytes?: number;
  /** Accepted, but worth fixing: `line: message` for each (duplicate key, Liquid removed, …). */
  warnings?: { line: number; message: string }[];
  /** Present when the post is stored but not shown (`published: false`). */
  status?: "unpublished";
};

export type ImportReport = {
  results: ImportResult[];
  /** What the writes changed, old and new values both: what caches must forget. */
  changes: ChangeSet;
};

const REASONS: Partial<Record<WriteOutcome, string>> = {
  stale: "An equal or newer version of this article is already stored (compare `updated`).",
  failed: "The database did not accept this post; nothing of it was stored. Send it again.",
  conflict: "conflict: this info code belongs to an article from another source (site or path); nothing was replaced. Give one of them another `info_code`.",
  refused: "The database refused this post as it is (too big or invalid for a row); sending it again will not help.",
};

function label(index: number, input: PostInput): Pick<ImportResult, "index" | "name"> {
  return { index, ...(input.name ? { name: input.name } : {}) };
}

/** Old and new categories (all of them) and tags of every changed article, so both are purged. */
export function changeSetOf(written: WriteResult[]): ChangeSet {
  const infoCodes = new Set<string>();
  const categories = new Set<string>();
  const tags = new Set<string>();
  const statusChanged = new Set<string>();
  let categoryListChanged = false;
  let oldUrlsChanged = false;
  for (const { infoCode, change, categoryChanged, oldUrlChanged } of written) {
    if (categoryChanged) categoryListChanged = true;
    if (oldUrlChanged) oldUrlsChanged = true;
    if (!change) continue;
    infoCodes.add(infoCode);
    for (const state of [change.before, change.after]) {
      if (!state) continue;
      for (const slug of state.categories) categories.add(slug);
      for (const tag of state.tags) tags.add(tag);
    }
    if (change.before && change.before.status !== change.after.status) statusChanged.add(infoCode);
  }
  return { infoCodes: [...infoCodes], categories: [...categories], tags: [...tags], statusChanged: [...statusChanged], categoryListChanged, oldUrlsChanged };
}

/** Writes what the ingest Worker parsed: `parsed[i]` is the outcome of `inputs[i]`. */
export async function importPosts(db: Db, inputs: PostInput[], parsed: readonly ParseOutcome[], now: number): Promise<ImportReport> {
  const results: ImportResult[] = new Array(inputs.length);
  // A generated code yields to the one its article is already stored under (post-identity.ts).
  const settled = await settleInfoCodes(db, parsed.flatMap((outcome) => (outcome.ok ? [outcome.post] : [])));
  let next = 0;
  const posts = parsed.map((outcome, index) => {
    if (outcome.ok) return { index, post: settled[next++] ?? outcome.post };
    results[index] = { ...label(index, inputs[index] ?? { text: "" }), infoCode: null, outcome: "rejected", ...outcome.rejection };
    return null;
  });

  const firstByCode = new Map<string, { index: number; hash: string }>();
  const accepted: { index: number; request: WriteRequest }[] = [];
  for (const item of posts) {
    if (!item) continue;
    const input = inputs[item.index] ?? { text: "" };
    const seen = firstByCode.get(item.post.infoCode);
    if (seen && seen.hash !== item.post.contentHash) {
      results[item.index] = {
        ...label(item.index, input),
        infoCode: item.post.infoCode,
        outcome: "rejected",
        reason: `Info code ${item.post.infoCode} is also used by a different post at index ${seen.index} in this request; send one version.`,
        field: "info_code",
      };
      continue;
    }
    if (!seen) firstByCode.set(item.post.infoCode, { index: item.index, hash: item.post.contentHash });
    // `published: false` unpublishes in the same versioned write; an explicit status (PUT) wins.
    const status = input.status ?? (item.post.status === "unpublished" ? "unpublished" : undefined);
    accepted.push({ index: item.index, request: { post: item.post, ...(status ? { status } : {}) } });
  }

  const written = await writePosts(
    db,
    accepted.map((a) => a.request),
    now,
  );
  written.forEach((result, i) => {
    const item = accepted[i];
    if (!item) return;
    const input = inputs[item.index] ?? { text: "" };
    const reason = REASONS[result.outcome];
    results[item.index] = {
      ...label(item.index, input),
      infoCode: result.infoCode,
      // Refused and conflicting posts are rejected: the partner must act on them.
      outcome: result.outcome === "refused" || result.outcome === "conflict" ? "rejected" : result.outcome,
      ...(reason ? { reason } : {}),
      ...(item.request.post.warnings.length > 0 ? { warnings: item.request.post.warnings } : {}),
      ...(item.request.post.status === "unpublished" ? { status: "unpublished" as const } : {}),
    };
  });
  return { results, changes: changeSetOf(written) };
}
