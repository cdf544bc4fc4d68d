/**
 * The feeds as a feed reader sees them: the Worker in workerd with the sample corpus,
 * every feed fetched over HTTP and parsed by feedsmith, a third-party parser for RSS,
 * Atom and JSON Feed.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseFeed } from "feedsmith";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const state = mkdtempSync(path.join(os.tmpdir(), "edgewire-feeds-"));
const SITE = "https://news.example.com";
const TOKEN = "feed-reader-token";
let worker: { dispatchFetch: (url: string, init?: RequestInit) => Promise<{ status: number; text(): Promise<string> }> };
let dispose: () => Promise<void>;

beforeAll(async () => {
  process.env.EDGEWIRE_PERSIST_TO = state;
  const { applyLocalMigrations, buildWorker, startLocalWorker } = await import("../../scripts/lib/local-worker");
  applyLocalMigrations();
  const started = await startLocalWorker({
    scriptPath: buildWorker(path.join(ROOT, ".wrangler/dist-feeds")),
    bindings: { SITE_URL: SITE, ADMIN_TOKEN: TOKEN, WEBSUB_HUB: "" },
  });
  worker = started.mf as unknown as typeof worker; // Miniflare's dispatchFetch, typed narrowly for this test
  dispose = started.dispose;
  const dir = path.join(ROOT, "content/posts");
  const posts = readdirSync(dir).map((f) => readFileSync(path.join(dir, f), "utf8"));
  const res = await worker.dispatchFetch(`${SITE}/api/v1/admin/import`, {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ posts }),
  });
  expect(res.status).toBe(200);
}, 120_000);

afterAll(async () => {
  await dispose?.();
  rmSync(state, { recursive: true, force: true });
});

describe.each([
  ["/feed.xml", "rss"],
  ["/atom.xml", "atom"],
  ["/feed.json", "json"],
  ["/category/beifangwang/feed.xml", "rss"],
  ["/category/beifangwang/atom.xml", "atom"],
  ["/category/beifangwang/feed.json", "json"],
])("%s", (feedPath, format) => {
  it(`parses as ${format} with every item titled, linked and dated`, async () => {
    const res = await worker.dispatchFetch(`${SITE}${feedPath}`);
    expect(res.status).toBe(200);
    const parsed = parseFeed(await res.text());
    expect(parsed.format).toBe(format);
    const feed = parsed.feed as { items?: Record<string, unknown>[]; entries?: Record<string, unknown>[] };
    const items = feed.items ?? feed.entries ?? [];
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(JSON.stringify(item)).toContain(`${SITE}/a/`);
      expect(item.title).toBeTruthy();
    }
    if (feedPath.includes("beifangwang")) {
      expect(JSON.stringify(items)).toContain("中国太保聚焦主责主业");
    }
  });
});
