/** kramdown syntax Jekyll sites use, rendered as Jekyll's kramdown renders it (never shown as text). */
import { describe, expect, it } from "vitest";
import { kramdownId } from "../../src/ingest/kramdown-blocks";
import { renderMarkdown } from "../../src/ingest/markdown";
import { parsePost } from "../../src/ingest/parse-post";

describe("kramdown in Markdown bodies", () => {
  it("removes block and span attribute lists, even one running over lines", () => {
    const html = renderMarkdown("A paragraph.\n{: .lead}\n\n**bold**{: .red} and [a link][1]{:\n target=\"_blank\"} end.\n\n{::options parse_block_html=\"true\" /}\n\n[1]: https://example.com\n");
    expect(html).not.toContain("{:");
    expect(html).toContain("<p>A paragraph.</p>");
    expect(html).toMatch(/<strong>bold<\/strong> and <a href="https:\/\/example.com">a link<\/a>\s+end\./);
  });

  it("leaves attribute-list-like text in code alone", () => {
    expect(renderMarkdown("```\n{: .class}\n```\n")).toContain("{: .class}");
    expect(renderMarkdown("Use `{: .class}` here.\n")).toContain("<code>{: .class}</code>");
  });

  it("renders footnotes and definition lists", () => {
    const html = renderMarkdown("Text.[^n]\n\n[^n]: The note.\n\nTerm\n: Definition.\n");
    expect(html).toMatch(/<sup class="footnote-ref"><a href="#fn1" id="fnref1">\[1\]<\/a><\/sup>/);
    expect(html).toContain("The note.");
    expect(html).toMatch(/<dl>\s*<dt>Term<\/dt>\s*<dd>Definition.<\/dd>\s*<\/dl>/);
  });

  it("turns the list before {:toc} into the headings, as kramdown does", () => {
    const html = renderMarkdown("* any list\n{:toc}\n\n# One\n\n## Two\n\n## Not listed\n{: .no_toc}\n\n```\n# not a heading\n```\n");
    expect(html).toMatch(/<ul><li><a href="#one">One<\/a><ul><li><a href="#two">Two<\/a><\/li><\/ul><\/li><\/ul>/);
    expect(html).toContain('<h1 id="one">One</h1>');
    expect(html).not.toContain("any list");
    expect(html).not.toMatch(/<li>(?:Not listed|not a heading)/);
  });

  it("shows each {:toc} entry as its heading renders, links unwrapped and footnote marks left out (Jekyll 4.3's kramdown)", () => {
    const html = renderMarkdown(
      "* TOC\n{:toc}\n\n## A **bold** and `code` and [a link](https://example.com/x) heading\n\n" +
        "## Note[^1] and **bold around [a link](/y)** -- \"quoted\"\n\n## Raw <a href=\"/z\">link</a> & <span>span</span>\n\n[^1]: The note.\n",
    );
    const toc = /^<ul>.*?<\/ul>\n/.exec(html)?.[0] ?? "";
    const entries = [...toc.matchAll(/<li><a href="#[^"]*">(.*?)<\/a><\/li>/g)].map((m) => m[1]);
    expect(entries).toEqual([
      "A <strong>bold</strong> and <code>code</code> and a link heading",
      "Note and <strong>bold around a link</strong> – “quoted”",
      "Raw link &amp; <span>span</span>",
    ]);
    // The headings themselves keep their links and the footnote reference.
    expect(html).toContain('and <a href="https://example.com/x">a link</a> heading</h2>');
    expect(html).toMatch(/Note<sup class="footnote-ref"><a href="#fn1" id="fnref1">\[1\]<\/a><\/sup>/);
  });

  it("leaves out a {: .no_toc} heading that comes before the {:toc} list too", () => {
    expect(renderMarkdown("## Hidden\n{: .no_toc}\n\n* x\n{:toc}\n\n## Shown\n")).toContain('<ul><li><a href="#shown">Shown</a></li></ul>');
  });

  it("stores the entries' markup once sanitized: no Markdown left, no link inside a link", async () => {
    const post = await parsePost("---\ntitle: T\ndate: 2024-03-05 10:00:00 +0800\n---\n* TOC\n{:toc}\n\n## Uses **bold**, `code` and [links](https://example.com/)\n\nText.\n");
    const toc = /^<ul>.*?<\/ul>\n/.exec(post.bodyHtml)?.[0] ?? "";
    expect(toc).toMatch(/^<ul><li><a href="#user-content-[^"]+"[^>]*>Uses <strong>bold<\/strong>, <code>code<\/code> and links<\/a><\/li><\/ul>/);
    expect(toc.match(/<a\b/g)).toHaveLength(1);
    expect(post.bodyHtml).not.toMatch(/\*\*|`/);
  });

  it("uses kramdown's typography: smart quotes, ellipsis and dashes, but not in code", () => {
    const html = renderMarkdown('"Quoted" and \'single\'... a -- b --- c `"code" -- ...`\n');
    expect(html).toContain("“Quoted” and ‘single’… a – b — c <code>&quot;code&quot; -- ...</code>");
    expect(renderMarkdown("(c) (tm) +-\n")).toContain("(c) (tm) +-");
  });

  it("renders tables", () => {
    expect(renderMarkdown("| a | b |\n|---|---|\n| 1 | 2 |\n")).toMatch(/<table>[\s\S]*<td>1<\/td>/);
  });

  it("renders Markdown inside markdown=\"1\" blocks and drops the attribute", () => {
    const html = renderMarkdown('<div class="box" markdown="1">\n**inside**\n</div>\n');
    expect(html).toContain('<div class="box">');
    expect(html).toContain("<strong>inside</strong>");
    expect(html).not.toContain("markdown=");
  });
});

describe("code fences in kramdown preprocessing", () => {
  it("does not take a fence line with an info string as the end of a block", () => {
    const source = "```\n```java\nint x;\n```\n\n* any list\n{:toc}\n\n# Heading\n";
    const html = renderMarkdown(source);
    expect(html).not.toContain("{:toc}");
    expect(html).toMatch(/<li><a href="#heading">Heading<\/a><\/li>/);
  });
});

describe("where kramdown and markdown-it disagree (kramdown-blocks.ts)", () => {
  it("reads a fence that is never closed as text, so what follows is not code (houbb's `{:toc}` posts)", () => {
    const html = renderMarkdown("Intro\n\n```bash\necho hi\n\n# 参考资料\n\n* any list\n{:toc}\n");
    expect(html).not.toContain("<pre>");
    expect(html).not.toContain("{:toc}");
    expect(html).toContain("<p>```bash");
    expect(html).toContain('<h1 id="参考资料">参考资料</h1>');
    expect(html).toMatch(/<ul><li><a href="#参考资料">参考资料<\/a><\/li><\/ul>/);
  });

  it("keeps a closed fence a code block, in a list item too, and a fence closed by the end of its list item", () => {
    expect(renderMarkdown("```\ncode\n```\n")).toContain("<pre><code>code\n</code></pre>");
    expect(renderMarkdown("- item\n  ```\n  code\n  ```\n- next\n")).toContain("<pre><code>code\n</code></pre>");
    expect(renderMarkdown("- item\n  ```\n  code\n- next\n")).toContain("<pre><code>code\n</code></pre>");
  });

  it("keeps the id a paragraph's block attribute list names, as a link target", () => {
    const html = renderMarkdown("See<sup>[1](#fn1)</sup>.\n\n1. The note.\n\nThe note itself.\n{: #fn1 .note}\n");
    expect(html).toContain('<p id="fn1">The note itself.</p>');
    expect(html).toContain('href="#fn1"');
    expect(html).not.toContain("{:");
  });

  it("gives headings the ids Jekyll's GFM parser gives: word characters of any script, unique", () => {
    expect(kramdownId("Hello, World 2!")).toBe("hello-world-2");
    expect(kramdownId("1. Intro")).toBe("1-intro");
    expect(kramdownId("🔨贡献指南")).toBe("贡献指南");
    expect(kramdownId("🔨 安装 Jpom")).toBe("-安装-jpom");
    const html = renderMarkdown("# Intro\n\n## Intro\n\n## 中文\n\n## 中文\n\n## Named {: #custom-id}\n\n## 🔥\n");
    expect([...html.matchAll(/<h\d id="([^"]+)"/g)].map((m) => m[1])).toEqual(["intro", "intro-1", "中文", "中文-1", "custom-id"]);
    expect(html).toContain("<h2>🔥</h2>");
  });

  it("makes a heading's id from its text, not its Markdown: link text without the URL, no tags, footnote marks or images (Jekyll 4.3.1's output)", () => {
    const html = renderMarkdown(
      [
        "## A **bold** and `code` and [a link](https://example.com/x) heading",
        "## Plain *em* with a note[^1]",
        "## Tags <span>raw</span> & ampersand &amp; entity",
        "## Dashes -- and --- and ... \"quotes\" 'single'",
        "## Image ![alt text](/i.png) here",
        "## `code_only`",
        "## 中文 **粗体** [链接](/z)",
        "[^1]: The note.",
      ].join("\n\n") + "\n",
    );
    expect([...html.matchAll(/<h2 id="([^"]+)"/g)].map((m) => m[1])).toEqual([
      "a-bold-and-code-and-a-link-heading",
      "plain-em-with-a-note",
      "tags-raw--ampersand--entity",
      "dashes--and--and--quotes-single",
      "image--here",
      "code_only",
      "中文-粗体-链接",
    ]);
    // The table of contents leads to the same ids.
    expect(renderMarkdown("* x\n{:toc}\n\n## See [the docs](/d)\n")).toContain('<a href="#see-the-docs">See the docs</a>');
  });
});
