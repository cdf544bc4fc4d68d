/** The last synced commit per followed Git archive (table sync_state, `npm run sync`). */
import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { syncState } from "./schema";

export type SyncState = { site: string; commit: string; syncedAt: number };

export async function readSyncState(db: Db, site: string): Promise<SyncState | null> {
  const rows = await db.select().from(syncState).where(eq(syncState.site, site)).limit(1);
  return rows[0] ?? null;
}

export async function writeSyncState(db: Db, state: SyncState): Promise<void> {
  await db
    .insert(syncState)
    .values(state)
    .onConflictDoUpdate({ target: syncState.site, set: { commit: state.commit, syncedAt: state.syncedAt } });
}
