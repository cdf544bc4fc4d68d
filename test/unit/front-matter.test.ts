/**
 * Front matter after leading blank lines or a BOM (partner posts saved by tools that put an
 * empty line first): read, with a warning naming the line of the `---`.
 */
import { describe, expect, it } from "vitest";
import { splitFrontMatter } from "../../src/ingest/front-matter";
import { parsePost } from "../../src/ingest/parse-post";
import { PostParseError } from "../../src/ingest/types";

const FRONT = '---\nlayout: post\ntitle: "央行开展逆回购操作"\ndate: 2021-12-08 10:39:01 +0800\ncategories: emnews\ntags: 东财滚动新闻\n---\n\n央行今日开展100亿元逆回购操作。\n';

describe("splitFrontMatter", () => {
  it("reads a post that starts with `---` as before, with no warning", () => {
    const split = splitFrontMatter(FRONT);
    expect(split.openingLine).toBe(1);
    expect(split.closingLine).toBe(7);
    expect(split.warnings).toEqual([]);
  });

  it("skips blank lines (spaces, a BOM) before the opening `---` and says on which line it is", () => {
    const split = splitFrontMatter(`\n  \n\uFEFF\n${FRONT}`);
    expect(split.openingLine).toBe(4);
    expect(split.closingLine).toBe(10);
    expect(split.yamlText.split("\n")[0]).toBe("layout: post");
    expect(split.warnings).toEqual([{ line: 4, message: expect.stringMatching(/^front matter starts on line 4, after 3 blank lines/) }]);
  });

  it("reads a `---` that carries a BOM after a blank line", () => {
    const split = splitFrontMatter(`\n\uFEFF${FRONT}`);
    expect(split.openingLine).toBe(2);
    expect(split.warnings[0]?.message).toMatch(/after a blank line/);
  });

  it("still refuses text before the `---`, naming the first line that is not blank", () => {
    expect(() => splitFrontMatter(`\n\nNote to editor\n${FRONT}`)).toThrow(/first line that is not blank \(line 3\) must be `---`/);
    expect(() => splitFrontMatter("\n\n")).toThrow(PostParseError);
  });

  it("names the opening line when front matter after blank lines is never closed", () => {
    try {
      splitFrontMatter("\n\n---\ntitle: T\n<p>body</p>\n");
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(PostParseError);
      expect((err as PostParseError).message).toMatch(/opened on line 3 is never closed: add a line `---` before line 5/);
      expect((err as PostParseError).line).toBe(5);
    }
  });
});

describe("parsePost with leading blank lines", () => {
  it("imports the post with the file's line numbers in its warnings", async () => {
    const p = await parsePost(`\uFEFF\r\n\r\n${FRONT.replace("tags:", "title: again\ntags:")}`);
    expect(p.title).toBe("again");
    expect(p.publishedAt).toBe(Date.parse("2021-12-08T10:39:01+08:00"));
    expect(p.bodyHtml).toContain("央行今日开展100亿元逆回购操作。");
    expect(p.bodyHtml).not.toContain("layout");
    expect(p.warnings.map((w) => w.line)).toEqual([3, 8]);
    expect(p.warnings[1]?.message).toMatch(/`title` on line 8 repeats the one on line 5/);
  });

  it("reports YAML errors on the file's line", async () => {
    await expect(parsePost("\n\n---\ntitle: T\ndate: [2022\n---\nbody\n")).rejects.toMatchObject({ line: 5 });
  });

  it("works the same in a site import", async () => {
    const p = await parsePost(`\n${FRONT}`, { path: "_posts/2021-12-08-202112082206672930.md", site: { timezone: "Asia/Shanghai" } });
    expect(p.infoCode).toBe("NW202112082206672930");
    expect(p.warnings).toEqual([{ line: 2, message: expect.stringMatching(/line 2, after a blank line/) }]);
  });
});
