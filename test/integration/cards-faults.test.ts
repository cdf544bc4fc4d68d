/**
 * A card's reader never sees its image host's failure: the host failing its DNS lookup,
 * stalling mid-body or sending 50 MB gives the card without the image (200, a 1200×630 PNG,
 * not kept: `no-store`), in bounded time; bytes that do not decode give a card too. That
 * reading stops at the size cap is shown in test/unit/cards-image.test.ts (here Miniflare's
 * bridge drains the mock's stream whatever the Worker reads). Only the image host is
 * a mock (test/support/image-host.ts); the main Worker, the cards Worker and R2 are real.
 */
import { env } from "cloudflare:workers";
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { TIMEOUT_MS } from "../../src/cards/image";
import { metaOne, parsePage } from "../support/html";
import type { RunStats } from "../support/image-host";
import { decodePng } from "../support/png";
import { makePost, seedPosts } from "../support/seed";

const ORIGIN = "https://news.example.com";

async function hostStats(run: string): Promise<RunStats> {
  return (await (await env.IMAGE_HOST.fetch(`https://image-host.test/stats/${run}`)).json()) as RunStats;
}

/** Seeds an article whose image is on the mock host, and returns its advertised card URL. */
async function cardOf(code: string, image: string): Promise<string> {
  await seedPosts(makePost({ title: `图片出错的文章 ${code}`, infoCode: code, extra: { image } }));
  const page = await parsePage(await (await SELF.fetch(`${ORIGIN}/a/${code}`)).text());
  return metaOne(page, "og:image") ?? "";
}

describe("a card whose image host fails", () => {
  it.each([
    ["fails its DNS lookup", "dns", "DN202401010000000001"],
    ["stalls after the first bytes", "stall", "ST202401010000000001"],
    ["sends 50 MB with no Content-Length", "huge", "HG202401010000000001"],
  ])("is 200 without the image when the host %s, and not kept", async (_label, kind, code) => {
    const run = `${kind}-${crypto.randomUUID()}`;
    const url = await cardOf(code, `https://img.example.com/${kind}/${run}/lead.png`);
    const started = Date.now();
    const res = await SELF.fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/png");
    // Drawn for this reader only: a passing outage must not become the article's card.
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const png = decodePng(await res.arrayBuffer());
    expect([png.width, png.height]).toEqual([1200, 630]);
    // Bounded: the image's deadline plus a render, never the host's pace.
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 5000);
    expect((await hostStats(run)).requests).toBe(1);
    // Asked again, the card is drawn again (the host may be back), and still answers.
    expect((await SELF.fetch(url)).status).toBe(200);
    expect((await hostStats(run)).requests).toBe(2);
  }, 30_000);

  it("is 200 when the image's header passes but its data does not decode", async () => {
    // resvg leaves an undecodable image out of the drawing; the card is complete without it.
    const run = `corrupt-${crypto.randomUUID()}`;
    const res = await SELF.fetch(await cardOf("CO202401010000000001", `https://img.example.com/corrupt/${run}/lead.png`));
    expect(res.status).toBe(200);
    expect(decodePng(await res.arrayBuffer()).width).toBe(1200);
  });
});
