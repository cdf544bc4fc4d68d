/** The sync state routes `npm run sync` reads and writes (src/routes/admin.ts). */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

const AUTH = { Authorization: "Bearer test-admin-token-current" };
const SITE = "https://archive.example/news";
const COMMIT = "a".repeat(40);

const get = (site: string) => SELF.fetch(`https://news.example.com/api/v1/admin/sync-state?site=${encodeURIComponent(site)}`, { headers: AUTH });
const put = (body: string, type = "application/json") =>
  SELF.fetch("https://news.example.com/api/v1/admin/sync-state", { method: "PUT", headers: { ...AUTH, "Content-Type": type }, body });

describe("sync state", () => {
  it("is a 404 problem before the first sync, then the recorded commit", async () => {
    const before = await get(SITE);
    expect(before.status).toBe(404);
    expect(before.headers.get("content-type")).toContain("application/problem+json");
    expect(((await before.json()) as { detail: string }).detail).toContain("imports every post");

    const saved = await put(JSON.stringify({ site: SITE, commit: COMMIT }));
    expect(saved.status).toBe(200);
    const after = await get(SITE);
    expect(after.status).toBe(200);
    expect(await after.json()).toMatchObject({ site: SITE, commit: COMMIT });
    expect(after.headers.get("cache-control")).toBe("no-store");
  });

  it("records a later commit over the earlier one, per site", async () => {
    await put(JSON.stringify({ site: SITE, commit: "b".repeat(40) }));
    await put(JSON.stringify({ site: "other-archive", commit: "c".repeat(40) }));
    expect(await (await get(SITE)).json()).toMatchObject({ commit: "b".repeat(40) });
    expect(await (await get("other-archive")).json()).toMatchObject({ commit: "c".repeat(40) });
  });

  it("refuses what is not a site and a full commit id, naming the field", async () => {
    const short = await put(JSON.stringify({ site: SITE, commit: "abc123" }));
    expect(short.status).toBe(422);
    expect(await short.text()).toContain("commit");
    expect((await put(JSON.stringify({ commit: COMMIT }))).status).toBe(422);
    expect((await put("{", "application/json")).status).toBe(400);
    expect((await put(JSON.stringify({ site: SITE, commit: COMMIT }), "text/plain")).status).toBe(415);
    expect((await get("")).status).toBe(400);
    // Nothing refused changed the stored commit.
    expect(await (await get(SITE)).json()).toMatchObject({ commit: "b".repeat(40) });
  });
});
