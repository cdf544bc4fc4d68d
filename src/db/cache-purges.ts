/**
 * The cache_purges table (src/db/schema.ts): when each cache tag was last purged. Read and
 * written by the edge cache's invalidations (src/cache/invalidations.ts).
 */

/** Records `at` for every tag (a later time never goes back) and prunes rows older than `pruneBefore`. */
export async function recordPurges(db: D1Database, tags: readonly string[], at: number, pruneBefore: number): Promise<void> {
  await db.batch([
    db
      .prepare(
        `INSERT INTO cache_purges (tag, purged_at) SELECT value, ?1 FROM json_each(?2) WHERE true
         ON CONFLICT (tag) DO UPDATE SET purged_at = max(purged_at, excluded.purged_at)`,
      )
      .bind(at, JSON.stringify(tags)),
    db.prepare("DELETE FROM cache_purges WHERE purged_at < ?").bind(pruneBefore),
  ]);
}

/** Every tag purged after `since` (ms), with when. */
export async function purgesSince(db: D1Database, since: number): Promise<{ tag: string; at: number }[]> {
  const { results } = await db
    .prepare("SELECT tag, purged_at AS at FROM cache_purges WHERE purged_at > ?")
    .bind(since)
    .all<{ tag: string; at: number }>();
  return results;
}
