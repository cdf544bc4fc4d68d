/**
 * Issue 13's hostile bodies through the real parser: each must finish (no ReDoS, no
 * quadratic scan: before the fix these took 2.7 s to 36 s, past the test timeout) and be
 * either parsed or refused with a PostParseError naming the line. Speed itself is measured
 * in the bench (scripts/bench/ingest-cpu.ts), not asserted here.
 */
import { describe, expect, it } from "vitest";
import { MAX_TOCS_PER_POST } from "../../src/ingest/kramdown";
import { parsePost } from "../../src/ingest/parse-post";
import { PostParseError, PostTooLargeError } from "../../src/ingest/types";

const post = (body: string, extra = "") => `---\ntitle: 测试\ndate: 2024-01-01 10:00:00 +0800\n${extra}---\n${body}\n`;

async function refusal(text: string): Promise<PostParseError> {
  const err = await parsePost(text).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof PostParseError)) throw new Error(`expected a PostParseError, got ${String(err)}`);
  return err;
}

describe("hostile bodies", () => {
  it("finds the source credit from the tree, and survives the em_media ReDoS body", async () => {
    const hostile = await parsePost(post('<p class="em_media '.repeat(1000)));
    expect(hostile.sourceName).toBeNull();
    const credited = await parsePost(post('<p>正文</p>\n<p class="em_media  extra">（文章来源：北方网）</p>'));
    expect(credited.sourceName).toBe("北方网");
    expect(credited.summary).toBe("正文");
  });

  it("refuses 100k nested elements with the line and the limit", async () => {
    const divs = await refusal(post(`<p>第一段</p>\n\n${"<div>".repeat(100_000)}x`));
    expect(divs.line).toBe(7);
    expect(divs.field).toBe("body");
    expect(divs.message).toMatch(/more than 256 deep.*<div> on line 7/);
    // Inline, the same nesting of <b> is caught by the Markdown step count first.
    const bold = await refusal(post(`<p>第一段</p>\n\n${"<b>".repeat(100_000)}x`));
    expect(bold.line).toBe(7);
    expect(bold.message).toMatch(/deep|inline Markdown tokens/);
  });

  it("refuses nested tables and huge element counts", async () => {
    expect((await refusal(post("<table><tr><td>".repeat(30_000)))).message).toMatch(/deep/);
    expect((await refusal(post("<i></i>".repeat(40_000)))).message).toMatch(/more than 30000 elements.*<i> on line 5/);
  });

  it("refuses `![` × 400,000 instead of scanning it quadratically", async () => {
    const err = await refusal(post("前言\n\n" + "![".repeat(400_000)));
    expect(err.message).toMatch(/inline Markdown tokens.*line 7/);
    expect(err.line).toBe(7);
  });

  it("still renders links after a few unclosed brackets", async () => {
    const parsed = await parsePost(post(`${"[".repeat(50)} 见 [链接](https://example.com/a) 和 ![图](https://example.com/i.png)`));
    expect(parsed.bodyHtml).toContain('href="https://example.com/a"');
    expect(parsed.imageUrl).toBe("https://example.com/i.png");
  });

  it("renders at most MAX_TOCS_PER_POST tables of contents, so {:toc} × headings cannot multiply", async () => {
    const many = post("* a\n{:toc}\n\npara\n\n".repeat(MAX_TOCS_PER_POST + 3) + "## One\n\n## Two\n");
    const parsed = await parsePost(many);
    expect(parsed.bodyHtml.match(/<a href="#user-content-one"/g)).toHaveLength(MAX_TOCS_PER_POST);
    expect(parsed.bodyHtml).not.toMatch(/\{:toc\}|<li>a<\/li>/);
    // 8,000 markers over 8,000 headings: 160 KB that rendered past the engine's string limit (a RangeError).
    const bomb = await refusal(post("* a\n{:toc}\n\np\n\n".repeat(8000) + "# h\n\n".repeat(8000)));
    expect(bomb).toBeInstanceOf(PostTooLargeError);
  });

  it("refuses a body that sanitizes past D1's row limit, with the numbers", async () => {
    // An HTML block passes markdown-it raw; the sanitizer turns each & into &amp; (5×).
    const err = await refusal(post(`<div>\n${"&".repeat(450_000)}\n</div>`));
    expect(err).toBeInstanceOf(PostTooLargeError);
    const tooLarge = err as PostTooLargeError;
    expect(tooLarge.limitBytes).toBe(2_000_000);
    expect(tooLarge.bytes).toBeGreaterThan(2_000_000);
    expect(err.message).toMatch(/more than 2000000 bytes.*must fit in 2000000 bytes/);
  });
});

describe("text hygiene", () => {
  it("removes control characters and lone surrogates from every stored field", async () => {
    const parsed = await parsePost(
      post("<p>正\u0001文\u0007</p>", 'tags: ["A\\0B", "\\ud800孤", "ok"]\nauthor: "记\\u001b者"\nsource: "来\\x7f源"\ndescription: "摘\\u0085要"\n').replace(
        "title: 测试",
        'title: "标\\0题\\ud800"',
      ),
    );
    expect(parsed.title).toBe("标题");
    expect(parsed.tags).toEqual(["AB", "孤", "ok"]);
    expect(parsed.author).toBe("记者");
    expect(parsed.sourceName).toBe("来源");
    expect(parsed.summary).toBe("摘要");
    expect(parsed.bodyHtml).toBe("<p>正文</p>");
    const bad = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    for (const value of [parsed.sourceText, parsed.title, parsed.summary, parsed.bodyHtml, ...parsed.tags]) expect(value).not.toMatch(bad);
  });

  it("keeps tabs, newlines and real surrogate pairs", async () => {
    const parsed = await parsePost(post("<pre>a\tb\nc</pre>\n\n<p>😀</p>"));
    expect(parsed.bodyHtml).toContain("a\tb\nc");
    expect(parsed.bodyHtml).toContain("😀");
  });
});
