/**
 * Which article a post with a generated info code is. Its code comes from its file name
 * (src/ingest/info-code.ts), the same however the post is sent; `priorCodes` are the codes
 * earlier rules gave it. Before the write, each such post takes, in this order:
 * 1. the first of its codes (new, then prior) under which an article it owns is stored, or
 *    claimed by an earlier post of the same request: an article stored under an older rule
 *    keeps its code, and its URL;
 * 2. else its new code, when free;
 * 3. else (another source's post has the same file name: two sites' `init.md`) the first
 *    free prior code, which for a site post is the site-qualified one.
 * A post owns an article when either has no source (a loose post) or both have the same
 * (`source_key`: site URL + path), as the write's conflict rule reads it.
 */
import { inArray } from "drizzle-orm";
import type { Db } from "./client";
import { articles } from "./schema";
import type { ParsedPost } from "./types";

type Holder = { sourceKey: string | null };

async function holders(db: Db, codes: string[]): Promise<Map<string, Holder>> {
  const found = new Map<string, Holder>();
  for (let i = 0; i < codes.length; i += 90) {
    const rows = await db
      .select({ infoCode: articles.infoCode, sourceKey: articles.sourceKey })
      .from(articles)
      .where(inArray(articles.infoCode, codes.slice(i, i + 90)));
    for (const row of rows) found.set(row.infoCode, { sourceKey: row.sourceKey });
  }
  return found;
}

const owns = (post: ParsedPost, holder: Holder): boolean =>
  holder.sourceKey === null || post.sourceKey === null || holder.sourceKey === post.sourceKey;

function settle(post: ParsedPost, taken: Map<string, Holder>): string {
  const candidates = [post.infoCode, ...post.priorCodes];
  const owned = candidates.find((code) => {
    const holder = taken.get(code);
    return holder !== undefined && owns(post, holder);
  });
  return owned ?? candidates.find((code) => !taken.has(code)) ?? post.infoCode;
}

/** The posts with the codes they are written under, in order; posts without prior codes as they are. */
export async function settleInfoCodes(db: Db, posts: ParsedPost[]): Promise<ParsedPost[]> {
  if (!posts.some((p) => p.priorCodes.length > 0)) return posts;
  const asked = posts.flatMap((p) => (p.priorCodes.length > 0 ? [p.infoCode, ...p.priorCodes] : []));
  const taken = await holders(db, [...new Set(asked)]);
  return posts.map((post) => {
    const infoCode = post.priorCodes.length > 0 ? settle(post, taken) : post.infoCode;
    // What this request writes holds its code for the posts after it.
    if (!taken.has(infoCode)) taken.set(infoCode, { sourceKey: post.sourceKey });
    return infoCode === post.infoCode ? post : { ...post, infoCode };
  });
}
