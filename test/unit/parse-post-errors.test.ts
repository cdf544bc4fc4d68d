import { describe, expect, it } from "vitest";
import { parsePost } from "../../src/ingest/parse-post";
import { PostParseError } from "../../src/ingest/types";

async function failure(text: string): Promise<PostParseError> {
  try {
    await parsePost(text);
  } catch (err) {
    if (err instanceof PostParseError) return err;
    throw err;
  }
  throw new Error("expected parsePost to reject");
}

const OK_BODY = "<p>正文</p>\n";

describe("parsePost errors point at the line and field", () => {
  it.each([
    ["bad YAML on line 4", "---\ntitle: T\ndate: 2022-04-28\ntags: [a, b\n---\nbody\n", 4, null, /YAML/],
    ["impossible month", `---\ntitle: T\ncategories: x\ndate: 2022-13-01 10:00\n---\n${OK_BODY}`, 4, "date", /calendar/],
    ["impossible hour", `---\ntitle: T\ndate: 2022-04-28 25:00:00\n---\n${OK_BODY}`, 3, "date", /time of day/],
    ["unreadable date", `---\ntitle: T\ndate: April 28\n---\n${OK_BODY}`, 3, "date", /not a date/],
    ["bad offset", `---\ntitle: T\ndate: 2022-04-28 10:00 +1900\n---\n${OK_BODY}`, 3, "date", /offset/],
    ["bad updated", `---\ntitle: T\ndate: 2022-04-28\nupdated: 2022-13-01\n---\n${OK_BODY}`, 4, "updated", /calendar/],
    ["missing date", `---\ntitle: T\n---\n${OK_BODY}`, 1, "date", /no `date`/],
    ["bad info_code", `---\ntitle: T\ndate: 2022-04-28\ninfo_code: NW2022\n---\n${OK_BODY}`, 4, "info_code", /info_code/],
    ["info_code with no such day", `---\ntitle: T\ndate: 2022-04-28\ninfo_code: NW202213282363815497\n---\n${OK_BODY}`, 4, "info_code", /yyyymmdd/],
    ["missing title", `---\nlayout: post\ndate: 2022-04-28\n---\n${OK_BODY}`, 1, "title", /no `title`/],
    ["empty title", `---\nlayout: post\ntitle: "  "\ndate: 2022-04-28\n---\n${OK_BODY}`, 3, "title", /empty/],
    ["title as a list", `---\ntitle: [a]\ndate: 2022-04-28\n---\n${OK_BODY}`, 2, "title", /single value/],
    ["title too long", `---\ntitle: ${"长".repeat(301)}\ndate: 2022-04-28\n---\n${OK_BODY}`, 2, "title", /301/],
    ["too many categories", `---\ntitle: T\ndate: 2022-04-28\ncategories: a b c d e f g h i j k\n---\n${OK_BODY}`, 4, "categories", /11 categories/],
    ["too many tags", `---\ntitle: T\ndate: 2022-04-28\ntags: ${Array.from({ length: 21 }, (_, i) => `t${i}`).join(" ")}\n---\n${OK_BODY}`, 4, "tags", /21 tags/],
    ["tag too long", `---\ntitle: T\ndate: 2022-04-28\ntags: ${"x".repeat(65)}\n---\n${OK_BODY}`, 4, "tags", /longer/],
    ["no front matter", "# Just markdown\n", 1, null, /first line must be `---`/],
    ["unterminated front matter", "---\ntitle: T\ndate: 2022-04-28\n<p>body</p>\n", 4, null, /never closed.*before line 4/],
    ["unterminated, nothing else", "---\ntitle: T\ndate: 2022-04-28\n", 1, null, /never closed/],
    ["front matter as a list", `---\n- a\n---\n${OK_BODY}`, 2, null, /key: value/],
    [
      "empty body after boilerplate",
      "---\ntitle: T\ndate: 2022-04-28\n---\n\n<http://h.example/html_News/NewsShare.html?infoCode=NW202204282363815497>\n\n[返回首页](//h.example/)\n",
      5,
      null,
      /no body/,
    ],
    [
      "malformed share-link code",
      "---\ntitle: T\ndate: 2022-04-28\n---\n<p>x</p>\n\n<http://h.example/html_News/NewsShare.html?infoCode=NW1>\n",
      7,
      "infoCode",
      /share link/,
    ],
  ])("%s", async (_name, text, line, field, message) => {
    const err = await failure(text);
    expect(err.line).toBe(line);
    expect(err.field).toBe(field);
    expect(err.message).toMatch(message);
  });

  it("reports YAML errors at the same line for CRLF input", async () => {
    const err = await failure("---\r\ntitle: T\r\ndate: 2022-04-28\r\ntags: [a, b\r\n---\r\nbody\r\n");
    expect(err.line).toBe(4);
  });

  it("rejects posts over 900 KB of UTF-8 at line 1", async () => {
    // 400,000 CJK characters are 1.2 MB of UTF-8 while only 400,000 UTF-16 units.
    const err = await failure(`---\ntitle: T\ndate: 2022-04-28\n---\n${"字".repeat(400_000)}\n`);
    expect(err.line).toBe(1);
    expect(err.message).toMatch(/limit is 921600 bytes/);
  });
});

describe("parsePost YAML hints", () => {
  it("explains an unquoted colon in a title", async () => {
    const err = await failure("---\ntitle: 标题: 副题\ndate: 2022-04-28\n---\nbody\n");
    expect(err.line).toBe(2);
    expect(err.message).toMatch(/line 2.*Quote values/s);
  });

  it("rejects a tag list holding a map, on the tags line", async () => {
    const err = await failure("---\ntitle: T\ndate: 2022-04-28\ntags:\n  - a\n  - b: c\n---\nbody\n");
    expect([err.line, err.field]).toEqual([4, "tags"]);
  });
});
