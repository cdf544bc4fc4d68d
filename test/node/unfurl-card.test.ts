/**
 * A real unfurler (open-graph-scraper, what many link-preview services run) fetches a share
 * page from the Worker on 127.0.0.1 and picks the generated card as its image; the image it
 * picked is then fetched as a chat app would and decoded.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { decode } from "fast-png";
import ogs from "open-graph-scraper";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const state = mkdtempSync(path.join(os.tmpdir(), "edgewire-unfurl-"));
const TOKEN = "unfurl-token";
const CODE = "NW202204282363815497";
let site = "";
let dispose: (() => Promise<void>) | undefined;

beforeAll(async () => {
  process.env.EDGEWIRE_PERSIST_TO = state;
  const { applyLocalMigrations, buildWorker, startLocalWorker } = await import("../../scripts/lib/local-worker");
  applyLocalMigrations();
  // SITE_URL must name the port the unfurler fetches from: pages advertise absolute URLs.
  const port = 18_000 + Math.floor(Math.random() * 2000);
  site = `http://127.0.0.1:${port}`;
  const started = await startLocalWorker({
    port,
    scriptPath: buildWorker(path.join(ROOT, ".wrangler/dist-unfurl")),
    bindings: { SITE_URL: site, ADMIN_TOKEN: TOKEN, WEBSUB_HUB: "" },
  });
  dispose = started.dispose;
  const post = readFileSync(path.join(ROOT, "content/posts/2022-04-28-NW202204282363815497.md"), "utf8");
  const res = await fetch(`${site}/api/v1/admin/import`, {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ posts: [post] }),
  });
  expect(res.status).toBe(200);
}, 120_000);

afterAll(async () => {
  await dispose?.();
  rmSync(state, { recursive: true, force: true });
});

describe("unfurling a share page", () => {
  it("open-graph-scraper picks the generated card, and the card is a 1200×630 PNG", async () => {
    const { result, error } = await ogs({ url: `${site}/a/${CODE}` });
    expect(error).toBe(false);
    expect(result.ogTitle).toBe("中国太保聚焦主责主业 助力打赢疫情防控大战硬战");
    const image = result.ogImage?.[0]?.url ?? "";
    expect(image).toMatch(new RegExp(`^${site}/card/${CODE}-[0-9a-f]{16}\\.png$`));
    expect(result.twitterCard).toBe("summary_large_image");
    expect(result.twitterImage?.[0]?.url).toBe(image);

    const res = await fetch(image, { headers: { "User-Agent": "TelegramBot (like TwitterBot)" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    const png = decode(new Uint8Array(await res.arrayBuffer()));
    expect([png.width, png.height]).toEqual([1200, 630]);
  });
});
