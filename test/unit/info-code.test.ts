import { describe, expect, it } from "vitest";
import { generateInfoCode, isInfoCode } from "../../src/ingest/info-code";

describe("isInfoCode", () => {
  it.each(["NW202204282363815497", "EW202402290000000000", "AB190001019999999999"])("accepts %s", (code) => {
    expect(isInfoCode(code)).toBe(true);
  });

  it.each([
    "nw202204282363815497",
    "NW20220428236381549",
    "NW2022042823638154970",
    "N1202204282363815497",
    "NW202202302363815497",
    "NW202213012363815497",
    "NW000000002363815497",
    " NW202204282363815497",
  ])("rejects %j", (code) => {
    expect(isInfoCode(code)).toBe(false);
  });
});

describe("generateInfoCode", () => {
  const day = { year: 2022, month: 4, day: 28 };

  it("is deterministic, well formed and dated", async () => {
    const a = await generateInfoCode("2022-04-28 14:08:53 +0800", "标题", day);
    expect(a).toMatch(/^EW20220428\d{10}$/);
    expect(isInfoCode(a)).toBe(true);
    expect(await generateInfoCode("2022-04-28 14:08:53 +0800", "标题", day)).toBe(a);
  });

  it("changes with the title and with the date text", async () => {
    const a = await generateInfoCode("2022-04-28 14:08:53 +0800", "标题", day);
    expect(await generateInfoCode("2022-04-28 14:08:53 +0800", "标题2", day)).not.toBe(a);
    expect(await generateInfoCode("2022-04-28 14:08:54 +0800", "标题", day)).not.toBe(a);
  });

  it("pads small numbers to 10 digits", async () => {
    const codes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => generateInfoCode("2022-01-05", `t${i}`, { year: 2022, month: 1, day: 5 })),
    );
    for (const code of codes) expect(code).toMatch(/^EW20220105\d{10}$/);
    expect(new Set(codes).size).toBe(50);
  });
});
