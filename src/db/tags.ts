import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { tags } from "./schema";

/** Whether a tag was ever stored: tells an empty tag page from an unknown tag (404). */
export async function tagExists(db: Db, name: string): Promise<boolean> {
  const row = await db.select({ id: tags.id }).from(tags).where(eq(tags.name, name)).get();
  return row !== undefined;
}
