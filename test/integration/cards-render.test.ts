/**
 * The cards Worker as deployed (auxiliary worker in the pool, reached through the app's
 * CARDS binding): PNGs decoded and measured, not just status codes.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { CardModel, CardVariant } from "../../src/cards/model";
// Drawn by `npm run card -- "<seed title>" test/fixtures/cards/reference-wide.png` (same fields as REFERENCE).
import reference from "../fixtures/cards/reference-wide.png?inline";
import { decodePng, differingShare, inkPixels, pixel, type Pixels } from "../support/png";

const SEED: CardModel = {
  title: "中国太保聚焦主责主业 助力打赢疫情防控大战硬战",
  category: "北方网",
  date: "2022-04-28 14:08 +08:00",
  source: "北方网",
  site: "edgewire 新闻",
  imageUrl: null,
};

async function render(model: CardModel, variant: CardVariant = "wide"): Promise<{ res: Response; png: Pixels }> {
  const res = await env.CARDS.fetch(`https://cards.internal/render?variant=${variant}`, { method: "POST", body: JSON.stringify(model) });
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("image/png");
  return { res, png: decodePng(await res.arrayBuffer()) };
}

const WHITE: [number, number, number] = [255, 255, 255];
/** Where the headline is drawn on a wide card without an image (inside the padding). */
const HEADLINE = { x: 100, y: 150, w: 1000, h: 330 };

describe("share card images", () => {
  it("draws the wide card at 1200×630 and the square one at 800×800, with ink on them", async () => {
    const wide = await render(SEED);
    expect([wide.png.width, wide.png.height]).toEqual([1200, 630]);
    expect(inkPixels(wide.png, WHITE, HEADLINE)).toBeGreaterThan(20_000);
    const square = await render(SEED, "square");
    expect([square.png.width, square.png.height]).toEqual([800, 800]);
    expect(inkPixels(square.png, WHITE)).toBeGreaterThan(20_000);
  });

  it("draws different images for different headlines", async () => {
    const a = await render(SEED);
    const b = await render({ ...SEED, title: "天津港集装箱吞吐量创新高" });
    expect(differingShare(a.png, b.png, 60, HEADLINE)).toBeGreaterThan(0.02);
  });

  it("draws the seed's headline in Chinese glyphs, not boxes", async () => {
    // No font has private-use characters: the same number of them draws only .notdef boxes.
    const seed = await render(SEED);
    const tofu = await render({ ...SEED, title: "\uE000".repeat([...SEED.title].length) });
    expect(differingShare(seed.png, tofu.png, 60, HEADLINE)).toBeGreaterThan(0.03);
    // Boxes are all alike; two different characters drawn alone must differ.
    const yong = await render({ ...SEED, title: "永" });
    const guo = await render({ ...SEED, title: "国" });
    expect(differingShare(yong.png, guo.png, 60, HEADLINE)).toBeGreaterThan(0.002);
  });

  it("draws the seed's card as the stored reference, within a small tolerance", async () => {
    const REFERENCE: CardModel = { ...SEED, category: "北方网新闻" };
    const { png } = await render(REFERENCE);
    const bytes = Uint8Array.from(atob(reference.slice(reference.indexOf(",") + 1)), (ch) => ch.charCodeAt(0));
    const want = decodePng(bytes);
    expect([png.width, png.height]).toEqual([want.width, want.height]);
    // Anti-aliasing may differ by a shade between builds; a moved or missing line of text does not pass.
    expect(differingShare(png, want)).toBeLessThan(0.002);
    // And the comparison can fail: another headline is far outside the tolerance.
    expect(differingShare((await render({ ...REFERENCE, title: "另一个标题" })).png, want)).toBeGreaterThan(0.01);
  });

  it("draws the dark variant on a dark background", async () => {
    const dark = await render(SEED, "wideDark");
    const [r, g, b] = pixel(dark.png, 600, 20);
    expect(r + g + b).toBeLessThan(150);
  });
});
