/**
 * The search triggers live only in migrations/0003_search.sql: drizzle-kit cannot express
 * FTS5 tables or triggers, so schema.ts and drizzle's snapshots do not know them, and a
 * future generated migration that rebuilds `articles` (drizzle's create-copy-drop-rename)
 * would drop them without a word. This test reads what the migrations, applied in order
 * by the setup file, leave in sqlite_master, and fails when a search object is missing
 * or differs from the one 0003 creates. A migration that rebuilds `articles` must
 * re-create the triggers (copy them from 0003).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import searchMigration from "../../migrations/0003_search.sql?raw";

/** The CREATE TRIGGER statements of 0003, by trigger name. */
function triggersOf(sql: string): Map<string, string> {
  const triggers = new Map<string, string>();
  for (const statement of sql.split("--> statement-breakpoint")) {
    const body = statement.replace(/^\s*--.*$/gm, "").trim().replace(/;\s*$/, "");
    const name = /^CREATE TRIGGER `([^`]+)`/.exec(body)?.[1];
    if (name) triggers.set(name, body);
  }
  return triggers;
}

const normalize = (sql: string): string => sql.replace(/\s+/g, " ").trim();

const EXPECTED = triggersOf(searchMigration);

/** What is wrong with the search objects in this database; empty when all is in place. */
async function searchObjectProblems(db: D1Database): Promise<string[]> {
  const { results } = await db
    .prepare("SELECT type, name, tbl_name AS tableName, sql FROM sqlite_master WHERE type IN ('table', 'trigger')")
    .all<{ type: string; name: string; tableName: string; sql: string | null }>();
  const byName = new Map(results.map((row) => [row.name, row]));
  const problems: string[] = [];
  for (const table of ["search_docs", "search_fts"]) if (!byName.has(table)) problems.push(`table ${table} missing`);
  for (const [name, sql] of EXPECTED) {
    const found = byName.get(name);
    if (found?.type !== "trigger") problems.push(`trigger ${name} missing`);
    else if (found.tableName !== "articles") problems.push(`trigger ${name} is on ${found.tableName}`);
    else if (normalize(found.sql ?? "") !== normalize(sql)) problems.push(`trigger ${name} differs from 0003_search.sql`);
  }
  return problems;
}

describe("search triggers after every migration", () => {
  it("0003 defines the two triggers the index depends on", () => {
    expect([...EXPECTED.keys()].sort()).toEqual(["search_docs_status", "search_fts_delete"]);
  });

  it("are all in place, on articles, as 0003 wrote them", async () => {
    expect(await searchObjectProblems(env.DB)).toEqual([]);
  });

  it("are reported missing when a migration drops them (as a rebuild of articles would)", async () => {
    await env.DB.prepare("DROP TRIGGER `search_docs_status`").run();
    try {
      expect(await searchObjectProblems(env.DB)).toEqual(["trigger search_docs_status missing"]);
    } finally {
      await env.DB.prepare(EXPECTED.get("search_docs_status") ?? "").run();
    }
    expect(await searchObjectProblems(env.DB)).toEqual([]);
  });
});
