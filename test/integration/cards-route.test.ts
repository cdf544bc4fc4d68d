/**
 * The main Worker's side of share cards: the share page advertises /card/{code}-{hash}.png,
 * that URL serves the PNG from R2 (drawn by the cards Worker through the CARDS binding),
 * an edit advertises a new URL, and stale or withdrawn cards are not served as current.
 */
import { env } from "cloudflare:workers";
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import fixture from "../fixtures/2022-04-28-NW202204282363815497.md?raw";
import { cardEntry, ensureCards } from "../../src/cards/advertise";
import { cardKey, parseCardFile } from "../../src/cards/model";
import { getArticle } from "../../src/db/articles";
import { createDb } from "../../src/db/client";
import { siteConfig } from "../../src/lib/config";
import { metaOne, parsePage } from "../support/html";
import { decodePng, differingShare } from "../support/png";
import { makePost, seedPosts } from "../support/seed";

const ORIGIN = "https://news.example.com";
const AUTH = { Authorization: "Bearer test-admin-token-current" };

async function advertised(code: string): Promise<string> {
  const page = await parsePage(await (await SELF.fetch(`${ORIGIN}/a/${code}`)).text());
  const url = metaOne(page, "og:image");
  expect(url).toBeDefined();
  return url ?? "";
}

function put(code: string, title: string): Promise<Response> {
  return SELF.fetch(`${ORIGIN}/api/v1/admin/articles/${code}`, {
    method: "PUT",
    headers: { ...AUTH, "Content-Type": "application/json" },
    body: JSON.stringify({ title, date: "2024-05-01 10:00:00 +0800", body: "<p>正文。</p>", category: { slug: "caijing", name: "财经要闻" }, source: "证券时报" }),
  });
}

describe("GET /card/{code}-{hash}.png", () => {
  it("serves the seed's advertised card as an immutable 1200×630 PNG, kept in R2", async () => {
    await seedPosts(fixture);
    const url = await advertised("NW202204282363815497");
    const res = await SELF.fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/png");
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    const png = decodePng(await res.arrayBuffer());
    expect([png.width, png.height]).toEqual([1200, 630]);
    const parts = parseCardFile(new URL(url).pathname.slice("/card/".length));
    expect(parts?.variant).toBe("wide");
    expect(await env.CARDS_BUCKET.head(cardKey("NW202204282363815497", parts?.hash ?? "", "wide"))).not.toBeNull();

    const square = await SELF.fetch(url.replace(/\.png$/, "-square.png"));
    expect(square.status).toBe(200);
    const squarePng = decodePng(await square.arrayBuffer());
    expect([squarePng.width, squarePng.height]).toEqual([800, 800]);
    // The isolate's first card compiles the renderer's WebAssembly: seconds on a loaded machine.
  }, 30_000);

  it("draws every variant of an article's cards ahead of any request when asked (/ensure)", async () => {
    await seedPosts(makePost({ title: "预先绘制的分享卡片", infoCode: "PR202401010000000001" }));
    const article = await getArticle(createDb(env.DB), "PR202401010000000001");
    if (!article) throw new Error("seeded article missing");
    const entry = cardEntry(article, siteConfig(env));
    expect(await ensureCards(env, [entry])).toEqual({ rendered: 4, present: 0, incomplete: 0, busy: 0 });
    for (const variant of ["wide", "square", "wideDark", "squareDark"] as const) {
      expect(await env.CARDS_BUCKET.head(cardKey(entry.infoCode, entry.hash, variant))).not.toBeNull();
    }
    expect(await ensureCards(env, [entry])).toEqual({ rendered: 0, present: 4, incomplete: 0, busy: 0 });
  });

  it("refuses to store a card under a hash that is not its model's", async () => {
    await seedPosts(makePost({ title: "哈希不符的分享卡片", infoCode: "BG202401010000000001" }));
    const article = await getArticle(createDb(env.DB), "BG202401010000000001");
    if (!article) throw new Error("seeded article missing");
    const entry = cardEntry(article, siteConfig(env));
    const forged = await env.CARDS.fetch("https://cards.internal/ensure", {
      method: "POST",
      body: JSON.stringify({ cards: [{ ...entry, hash: "0000000000000000" }] }),
    });
    expect(forged.status).toBe(400);
  });

  it("advertises a new card URL when the headline is edited, and draws the new headline", async () => {
    const code = "ED202405010000000001";
    expect((await put(code, "第一版标题")).status).toBe(201);
    const first = await advertised(code);
    const before = decodePng(await (await SELF.fetch(first)).arrayBuffer());
    expect((await put(code, "更正后的第二版标题")).status).toBe(200);
    const second = await advertised(code);
    expect(second).not.toBe(first);
    const res = await SELF.fetch(second);
    expect(res.status).toBe(200);
    expect(differingShare(before, decodePng(await res.arrayBuffer()))).toBeGreaterThan(0.01);
  });

  it("draws the article's own image into its card", async () => {
    const code = "IM202401050000000002";
    await seedPosts(makePost({ title: "有图的文章", infoCode: code, extra: { image: "https://img.example.com/photo.png" } }));
    const png = decodePng(await (await SELF.fetch(await advertised(code))).arrayBuffer());
    // The fixture's top-left quadrant (red) sits in the image box on the right of a wide card.
    let red = 0;
    for (let y = 100; y < 300; y++) {
      for (let x = 760; x < 900; x++) {
        const i = (y * png.width + x) * 4;
        if ((png.rgba[i] ?? 0) > 180 && (png.rgba[i + 1] ?? 0) < 100) red++;
      }
    }
    expect(red).toBeGreaterThan(10_000);
  });

  it("answers 404 for a hash that is not the article's card, and 410 once it is withdrawn", async () => {
    const code = "GN202401010000000001";
    await seedPosts(makePost({ title: "将被撤回的文章", infoCode: code }));
    const stale = await SELF.fetch(`${ORIGIN}/card/${code}-0000000000000000.png`);
    expect(stale.status).toBe(404);
    expect(stale.headers.get("Cache-Tag")).toBe(`article:${code}`);
    expect((await SELF.fetch(`${ORIGIN}/card/NW209901010000000000-0000000000000000.png`)).status).toBe(404);
    // Codes in card URLs are generated, always upper case: a lower-cased one is no card.
    expect((await SELF.fetch(`${ORIGIN}/card/${code.toLowerCase()}-0000000000000000.png`)).status).toBe(404);
    const url = await advertised(code);
    expect((await SELF.fetch(url)).status).toBe(200);
    expect((await SELF.fetch(`${ORIGIN}/api/v1/admin/articles/${code}`, { method: "DELETE", headers: AUTH })).status).toBe(200);
    expect((await SELF.fetch(url)).status).toBe(410);
  });
});
