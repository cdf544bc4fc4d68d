import { describe, expect, it } from "vitest";
import { DEFAULT_OFFSET_MIN, JEKYLL_WOULD_SHOW, parsePostDate, PostDateError } from "../../src/ingest/post-date";

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
    ["2019-2-06", "2019-02-06T00:00:00+08:00", true],
    ["2014-10-1 12:00:00", "2014-10-01T12:00:00+08:00", false],
    ["2022-04-28 9:05", "2022-04-28T09:05:00+08:00", false],
    ["July 27, 2021", "2021-07-27T00:00:00+08:00", true],
    ["27 July 2021 10:30", "2021-07-27T10:30:00+08:00", false],
    ["Sept 3 2020", "2020-09-03T00:00:00+08:00", true],
    ["2022-04-28 14:08:53 -08", "2022-04-28T14:08:53-08:00", false],
    ["2022-04-28 14:08:53 UTC", "2022-04-28T14:08:53Z", false],
  ])("reads the Jekyll form %j", (text, iso, dateOnly) => {
    const d = parsePostDate(text);
    expect(d.instantMs).toBe(Date.parse(iso));
    expect(d.dateOnly).toBe(dateOnly);
  });

  it("rolls an impossible day over as Jekyll does, with a note", () => {
    const d = parsePostDate("2022-02-30");
    expect(d.instantMs).toBe(Date.parse("2022-03-02T00:00:00+08:00"));
    expect([d.year, d.month, d.day]).toEqual([2022, 3, 2]);
    expect(d.notes.join()).toMatch(/read as 2022-03-02/);
  });

  it("ignores a zone name after the time, as Jekyll 4.3 does, with a note", () => {
    const d = parsePostDate("2022-04-28 14:08:53 CET");
    expect(d.instantMs).toBe(Date.parse("2022-04-28T14:08:53+08:00"));
    expect(d.notes.join()).toMatch(/CET.*ignored/);
  });

  it("ignores an offset after a bare day, as Jekyll 4.3 does", () => {
    const d = parsePostDate("2018-12-21 +0800", 0);
    expect(d.instantMs).toBe(Date.parse("2018-12-21T00:00:00Z"));
    expect(d.dateOnly).toBe(true);
    expect(d.notes.join()).toMatch(/offset .* is ignored/);
  });

  it("drops what follows the time, as Ruby's Time.parse does for Jekyll", () => {
    const d = parsePostDate("2023-01-29 18:30:22 2023 -0800");
    expect(d.instantMs).toBe(Date.parse("2023-01-29T18:30:22+08:00"));
    expect(d.notes.join()).toMatch(/"2023 -0800" after the time/);
  });

  it("reads zone-less dates in a named zone, daylight saving included", () => {
    const winter = parsePostDate("2022-01-10 12:00", "America/New_York");
    expect(winter.instantMs).toBe(Date.parse("2022-01-10T12:00:00-05:00"));
    expect(winter.offsetMin).toBe(-300);
    const summer = parsePostDate("2022-07-10 12:00", "America/New_York");
    expect(summer.instantMs).toBe(Date.parse("2022-07-10T12:00:00-04:00"));
    expect(summer.offsetMin).toBe(-240);
  });

  it("reads a site's zone-less timestamp as the zone's wall time, and says what Jekyll would show", () => {
    // finews: `timezone: Asia/Shanghai`, `date: 2021-12-08 10:39:01` unquoted. Ruby's YAML reads
    // it as UTC, so Jekyll shows 18:39 +08:00; the newsroom meant 10:39 in Shanghai.
    const d = parsePostDate("2021-12-08 10:39:01", "Asia/Shanghai", { jekyll: { unquoted: true } });
    expect(d.instantMs).toBe(Date.parse("2021-12-08T10:39:01+08:00"));
    expect(d.offsetMin).toBe(480);
    expect(d.notes).toEqual([
      "2021-12-08 10:39:01 has no offset: read as 10:39:01 +08:00 (Asia/Shanghai) as the newsroom meant; Jekyll would show 18:39:01 +08:00",
    ]);
    expect(d.notes[0]).toContain(JEKYLL_WOULD_SHOW);
    // The archive's copy of the same post, with its offset: the same instant, nothing to say.
    const archived = parsePostDate("2021-12-08 10:39:01 +0800", "Asia/Shanghai", { jekyll: { unquoted: true } });
    expect(archived.instantMs).toBe(d.instantMs);
    expect(archived.notes).toEqual([]);
  });

  it("names Jekyll's day when it is another one", () => {
    const d = parsePostDate("2021-12-08 20:39:01", "Asia/Shanghai", { jekyll: { unquoted: true } });
    expect(d.instantMs).toBe(Date.parse("2021-12-08T20:39:01+08:00"));
    expect(d.notes.join()).toMatch(/Jekyll would show 2021-12-09 04:39:01 \+08:00$/);
  });

  it.each([
    ["quoted, with seconds", "2021-12-08 10:39:01", false],
    ["unquoted, without seconds", "2021-12-08 10:39", true],
    ["quoted, without seconds", "2021-12-08 10:39", false],
  ])("reads a zone-less date %s as the zone's wall time, as Jekyll does: no note", (_, text, unquoted) => {
    const d = parsePostDate(text, "Asia/Shanghai", { jekyll: { unquoted } });
    expect(d.instantMs).toBe(Date.parse(`${text.replace(" ", "T")}+08:00`));
    expect(d.notes).toEqual([]);
  });

  it("keeps Jekyll's UTC reading for a site without timezone (zone UTC), and notes nothing", () => {
    const d = parsePostDate("2021-12-08 10:39:01", 0, { jekyll: { unquoted: true } });
    expect(d.instantMs).toBe(Date.parse("2021-12-08T10:39:01Z"));
    expect(d.notes).toEqual([]);
  });

  it.each([
    ["2022-04-28 12:00 EDT", "2022-04-28T12:00:00-04:00", -240],
    ["2022-01-28 12:00:00 est", "2022-01-28T12:00:00-05:00", -300],
    ["2022-04-28 12:00 CDT", "2022-04-28T12:00:00-05:00", -300],
    ["2022-04-28 12:00 MST", "2022-04-28T12:00:00-07:00", -420],
    ["2022-04-28 12:00 MDT", "2022-04-28T12:00:00-06:00", -360],
    ["2022-04-28 12:00 PST", "2022-04-28T12:00:00-08:00", -480],
    ["2022-04-28 12:00 PDT", "2022-04-28T12:00:00-07:00", -420],
    ["2022-04-28 12:00 UT", "2022-04-28T12:00:00Z", 0],
    ["2022-04-28 12:00 GMT", "2022-04-28T12:00:00Z", 0],
    ["2022-04-28 12:00 H", "2022-04-28T12:00:00+08:00", 480],
    ["2022-04-28 12:00 m", "2022-04-28T12:00:00+12:00", 720],
    ["2022-04-28 12:00 N", "2022-04-28T12:00:00-01:00", -60],
    ["2022-04-28 12:00 Y", "2022-04-28T12:00:00-12:00", -720],
    ["July 27, 2021 10:00 PDT", "2021-07-27T10:00:00-07:00", -420],
    ["2022-04-28 12:00 EDT extra", "2022-04-28T12:00:00-04:00", -240],
  ])("honours the zone in %j as Ruby's Time.parse does", (text, iso, offset) => {
    const d = parsePostDate(text, "Asia/Shanghai", { jekyll: { unquoted: false } });
    expect(d.instantMs).toBe(Date.parse(iso));
    expect(d.offsetMin).toBe(offset);
    expect(d.notes.join()).not.toContain(JEKYLL_WOULD_SHOW);
  });

  it("warns that CST is US Central, as Ruby reads it, where the site is on China time", () => {
    const d = parsePostDate("2022-04-28 12:00 CST", "Asia/Shanghai");
    expect(d.instantMs).toBe(Date.parse("2022-04-28T12:00:00-06:00"));
    expect(d.notes.join()).toMatch(/CST .* -06:00 \(US Central\).*write \+0800/);
    expect(parsePostDate("2022-01-28 12:00 CST", "America/Chicago").notes).toEqual([]);
  });

  it("honours an IANA zone name, daylight saving included, and says Jekyll ignores it", () => {
    const ny = parsePostDate("2022-04-28 14:08:53 America/New_York", "Asia/Shanghai", { jekyll: { unquoted: false } });
    expect(ny.instantMs).toBe(Date.parse("2022-04-28T14:08:53-04:00"));
    expect(ny.offsetMin).toBe(-240);
    expect(ny.notes).toEqual([
      "the zone America/New_York in `2022-04-28 14:08:53 America/New_York` is honoured: read as 14:08:53 -04:00; Jekyll ignores it: Jekyll would show 14:08:53 +08:00",
    ]);
    // The site's own zone written out: the same reading as Jekyll's, so no note.
    const same = parsePostDate("2022-04-28 14:08:53 Asia/Shanghai", "Asia/Shanghai", { jekyll: { unquoted: false } });
    expect(same.instantMs).toBe(Date.parse("2022-04-28T14:08:53+08:00"));
    expect(same.notes).toEqual([]);
  });

  it.each([
    ["2022-04-28 12:00 CET", "CET"],
    ["2022-04-28 12:00 J", "J"],
    ["2022-04-28 12:00 Mars/Olympus", "Mars/Olympus"],
  ])("ignores the zone in %j, as Jekyll does, with a note", (text, name) => {
    const d = parsePostDate(text, "Asia/Shanghai");
    expect(d.instantMs).toBe(Date.parse("2022-04-28T12:00:00+08:00"));
    expect(d.notes.join()).toContain(`the zone name "${name}"`);
  });

  it("ignores a zone after a bare day, or after an offset, as Ruby does", () => {
    expect(parsePostDate("2018-12-21 EST", 0).instantMs).toBe(Date.parse("2018-12-21T00:00:00Z"));
    const both = parsePostDate("2022-04-28 12:00:00 +0800 EST", 0);
    expect(both.instantMs).toBe(Date.parse("2022-04-28T12:00:00+08:00"));
    expect(both.notes.join()).toMatch(/"EST" .* ignored/);
  });

  it.each([
    ["2022-13-01", /calendar/],
    ["2022-00-10", /calendar/],
    ["2022-04-32 10:00", /calendar/],
    ["0999-01-01", /calendar/],
    ["2022-04-28 24:00", /time of day/],
    ["2022-04-28 10:60", /time of day/],
    ["2022-04-28 10:00:60", /time of day/],
    ["2022-04-28 10:00 +1500", /offset/],
    ["2022-04-28 10:00 -1300", /offset/],
    ["2022-04-28 10:00 +0870", /offset/],
    ["28/04/2022", /not a date/],
    ["April 28", /not a date/],
    ["2022-04-28 14", /not a date/],
    ["", /not a date/],
  ])("rejects %j", (text, message) => {
    expect(() => parsePostDate(text)).toThrow(PostDateError);
    expect(() => parsePostDate(text)).toThrow(message);
  });
});
