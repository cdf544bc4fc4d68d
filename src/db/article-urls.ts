import { inArray } from "drizzle-orm";
import type { Db } from "./client";
import { articleUrls } from "./schema";

/**
 * The article an old site URL leads to: the first of `paths` (best first, see
 * src/lib/old-urls.ts) that is stored. One primary-key lookup, whatever the number of URLs.
 */
export async function findOldUrl(db: Db, paths: readonly string[]): Promise<string | null> {
  if (paths.length === 0) return null;
  const rows = await db.select().from(articleUrls).where(inArray(articleUrls.path, [...paths]));
  const byPath = new Map(rows.map((r) => [r.path, r.infoCode]));
  for (const path of paths) {
    const code = byPath.get(path);
    if (code !== undefined) return code;
  }
  return null;
}
