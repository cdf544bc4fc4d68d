import { describe, expect, it } from "vitest";
import { DEFAULT_OFFSET_MIN, parsePostDate, PostDateError } from "../../src/ingest/post-date";

describe("parsePostDate", () => {
  it.each([
    ["2022-04-28 14:08:53 +0800", "2022-04-28T14:08:53+08:00", 480],
    ["2022-04-28 14:08:53 +08:00", "2022-04-28T14:08:53+08:00", 480],
    ["2022-04-28 14:08:53+0800", "2022-04-28T14:08:53+08:00", 480],
    ["2022-04-28T14:08:53+08:00", "2022-04-28T14:08:53+08:00", 480],
    ["2022-04-28T06:08:53Z", "2022-04-28T06:08:53Z", 0],
    ["2022-04-28 06:08 Z", "2022-04-28T06:08:00Z", 0],
    ["2022-04-28 14:08", "2022-04-28T14:08:00+08:00", 480],
    ["2022-04-28", "2022-04-28T00:00:00+08:00", 480],
    ["2022-04-28T14:08:53.250-05:30", "2022-04-28T14:08:53.250-05:30", -330],
    ["  2024-02-29 00:00:00 -1200 ", "2024-02-29T00:00:00-12:00", -720],
  ])("reads %j", (text, iso, offset) => {
    const d = parsePostDate(text);
    expect(d.instantMs).toBe(Date.parse(iso));
    expect(d.offsetMin).toBe(offset);
  });

  it("keeps the wall-clock day at the source's offset", () => {
    // 00:30 in Beijing is still the previous day in UTC; the info code wants Beijing's day.
    const d = parsePostDate("2022-05-01 00:30:00 +0800");
    expect([d.year, d.month, d.day]).toEqual([2022, 5, 1]);
    expect(new Date(d.instantMs).getUTCDate()).toBe(30);
  });

  it("uses the default offset only when none is written", () => {
    expect(DEFAULT_OFFSET_MIN).toBe(480);
    expect(parsePostDate("2022-04-28 12:00", -60).instantMs).toBe(Date.parse("2022-04-28T13:00:00Z"));
    expect(parsePostDate("2022-04-28 12:00 +0000", -60).offsetMin).toBe(0);
  });

  it.each([
    ["2022-02-30", /calendar/],
    ["2023-02-29", /calendar/],
    ["2022-13-01", /calendar/],
    ["2022-04-31 10:00", /calendar/],
    ["0999-01-01", /calendar/],
    ["2022-04-28 24:00", /time of day/],
    ["2022-04-28 10:60", /time of day/],
    ["2022-04-28 10:00:60", /time of day/],
    ["2022-04-28 10:00 +1500", /offset/],
    ["2022-04-28 10:00 -1300", /offset/],
    ["2022-04-28 10:00 +0870", /offset/],
    ["28/04/2022", /not a date/],
    ["2022-4-28", /not a date/],
    ["2022-04-28 14", /not a date/],
    ["", /not a date/],
  ])("rejects %j", (text, message) => {
    expect(() => parsePostDate(text)).toThrow(PostDateError);
    expect(() => parsePostDate(text)).toThrow(message);
  });
});
