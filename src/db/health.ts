/** Liveness: one cheap read of the articles table, for /healthz. */
export async function pingDatabase(db: D1Database): Promise<void> {
  await db.prepare("SELECT 1 FROM articles LIMIT 1").all();
}
