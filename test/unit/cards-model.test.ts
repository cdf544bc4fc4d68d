import { describe, expect, it } from "vitest";
import { subsetsFor } from "../../src/cards/fonts";
import { charWidthEm, headlineFontSize, widthEm } from "../../src/cards/headline";
import { cardFile, cardHash, cardModelOf, parseCardFile, VARIANT_NAMES } from "../../src/cards/model";
import { SEED, SITE } from "../support/articles";

describe("card model and URL", () => {
  it("names the card by a hash of what it shows: a new headline is a new file, a body edit is not", () => {
    const model = cardModelOf(SEED, SITE);
    expect(model.date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} \+08:00$/);
    const hash = cardHash(model);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    const bodyEdited: typeof SEED = { ...SEED, bodyHtml: "<p>改过的正文</p>" };
    expect(cardHash(cardModelOf(bodyEdited, SITE))).toBe(hash);
    expect(cardHash(cardModelOf({ ...SEED, title: `${SEED.title}（更正）` }, SITE))).not.toBe(hash);
    expect(cardHash(cardModelOf({ ...SEED, utcOffsetMin: 540 }, SITE))).not.toBe(hash);
  });

  it("parses every variant's file name back, and nothing else", () => {
    for (const variant of VARIANT_NAMES) {
      expect(parseCardFile(cardFile("NW202204282363815497", "0123456789abcdef", variant))).toEqual({
        infoCode: "NW202204282363815497",
        hash: "0123456789abcdef",
        variant,
      });
    }
    expect(parseCardFile("NW202204282363815497-0123456789ABCDEF.png")).toBeNull();
    expect(parseCardFile("NW202204282363815497-0123456789abcdef-dark-square.png")).toBeNull();
    expect(VARIANT_NAMES.map((v) => cardFile("NW202204282363815497", "0123456789abcdef", v).slice(37))).toEqual([".png", "-square.png", "-dark.png", "-square-dark.png", "-600.png", "-300.png"]);
    for (const odd of ["-square-600", "-600-dark", "-1200", "-0300"]) expect(parseCardFile(`NW202204282363815497-0123456789abcdef${odd}.png`)).toBeNull();
    expect(parseCardFile("../x.png")).toBeNull();
  });

  it("keeps only http(s) images, resolving relative ones on the site", () => {
    expect(cardModelOf({ ...SEED, imageUrl: "/img/a.png" }, SITE).imageUrl).toBe(`${SITE.url}/img/a.png`);
    expect(cardModelOf({ ...SEED, imageUrl: "javascript:alert(1)" }, SITE).imageUrl).toBeNull();
  });
});

describe("headline sizing", () => {
  it("measures full-width characters as one em and Latin as about half", () => {
    expect(charWidthEm("中".codePointAt(0) ?? 0)).toBe(1);
    expect(charWidthEm("，".codePointAt(0) ?? 0)).toBe(1);
    expect(charWidthEm("한".codePointAt(0) ?? 0)).toBe(1);
    expect(charWidthEm("a".codePointAt(0) ?? 0)).toBeLessThan(0.6);
    expect(widthEm("中文ab")).toBeCloseTo(2 + 2 * 0.58);
  });

  it("picks a smaller size for a longer headline, and the smallest when nothing fits three lines", () => {
    const sizes = [72, 64, 56, 48];
    expect(headlineFontSize("短标题", 1000, sizes)).toBe(72);
    expect(headlineFontSize("中".repeat(40), 1000, sizes)).toBe(64);
    expect(headlineFontSize("中".repeat(200), 1000, sizes)).toBe(48);
    // 40 Latin letters are narrower than 40 ideographs.
    expect(headlineFontSize("a".repeat(60), 1000, sizes)).toBe(72);
  });
});

describe("font subsets", () => {
  const families = (text: string) => [...new Set(subsetsFor(text).map((s) => s.family))].sort();

  it("loads only the subsets a headline needs, from the family that has the glyphs", () => {
    expect(subsetsFor("中国太保聚焦主责主业").length).toBeLessThan(12);
    expect(families("中国")).toEqual(["Noto Sans SC"]);
    expect(families("Hello")).toEqual(["Noto Sans"]);
    // Noto Sans SC's CSS ranges claim Hangul it has no glyphs for; the generator reads the real cmap.
    expect(families("한국어")).toEqual(["Noto Sans KR"]);
    expect(families("テスト")).toContain("Noto Sans SC");
    expect(families("😀")).toEqual(["Noto Emoji"]);
  });
});
