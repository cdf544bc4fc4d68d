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
 * A loose post none of whose codes is stored may have come before with its site, under the
 * site-qualified code it cannot compute: the one site article whose path ends in its file
 * name, if there is exactly one, is then its article too.
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

/**
 * File name -> the code of the one site article whose path ends in it (none when two sites
 * have it: which one is meant is unknown). One scan of the table, only for loose posts
 * with a generated code that match nothing stored.
 */
async function siteArticlesNamed(db: Db, names: string[]): Promise<Map<string, { code: string; key: string }>> {
  const found = new Map<string, { code: string; key: string }>();
  if (names.length === 0) return found;
  const { results } = await db.$client
    .prepare("SELECT a.info_code AS code, a.source_key AS key, j.value AS name FROM json_each(?) j JOIN articles a ON a.source_key LIKE '%/' || j.value")
    .bind(JSON.stringify(names))
    .all<{ code: string; key: string; name: string }>();
  const ambiguous = new Set<string>();
  // LIKE ignores ASCII case and reads _ and % as wildcards: only exact ends count.
  for (const row of results.filter((r) => r.key.endsWith(`/${r.name}`))) {
    if (found.has(row.name) && found.get(row.name)?.code !== row.code) ambiguous.add(row.name);
    found.set(row.name, { code: row.code, key: row.key });
  }
  for (const name of ambiguous) found.delete(name);
  return found;
}

const owns = (post: ParsedPost, holder: Holder): boolean =>
  holder.sourceKey === null || post.sourceKey === null || holder.sourceKey === post.sourceKey;

function settle(post: ParsedPost, taken: Map<string, Holder>, earlierSite: string | undefined): string {
  const candidates = [post.infoCode, ...post.priorCodes, ...(earlierSite ? [earlierSite] : [])];
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
  const unmatched = posts.filter((p) => p.sourceKey === null && p.codeFileName !== null && ![p.infoCode, ...p.priorCodes].some((c) => taken.has(c)));
  const earlierSite = await siteArticlesNamed(db, [...new Set(unmatched.map((p) => p.codeFileName ?? ""))]);
  for (const { code, key } of earlierSite.values()) taken.set(code, { sourceKey: key });
  return posts.map((post) => {
    const fromSite = post.sourceKey === null && post.codeFileName !== null ? earlierSite.get(post.codeFileName)?.code : undefined;
    const infoCode = post.priorCodes.length > 0 ? settle(post, taken, fromSite) : post.infoCode;
    // What this request writes holds its code for the posts after it.
    if (!taken.has(infoCode)) taken.set(infoCode, { sourceKey: post.sourceKey });
    return infoCode === post.infoCode ? post : { ...post, infoCode };
  });
}
