import { describe, expect, it } from "vitest";
import {
  absoluteHttpUrl,
  decodeEntities,
  firstImageUrl,
  htmlToText,
  sourceNameFrom,
  truncateText,
} from "../../src/lib/html-text";

describe("html-text helpers", () => {
  it("decodes common and numeric entities, leaving unknown ones", () => {
    expect(decodeEntities("a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#x27; &#20013; &bogus; &#xD800;")).toBe(
      "a & b <c> \"d\" 'e' 中 &bogus; \ufffd",
    );
  });

  it("turns HTML into text without splitting inline runs", () => {
    expect(htmlToText("<p><strong>一、</strong>守好主业</p>\n <p>第二段&nbsp;文字</p><script>x()</script>")).toBe(
      "一、守好主业 第二段\u00a0文字".replace("\u00a0", " "),
    );
  });

  it("truncates by code point, never inside a surrogate pair", () => {
    expect(truncateText("短", 120)).toBe("短");
    expect(truncateText("😀😀😀", 2)).toBe("😀😀…");
    expect(truncateText("中文字", 2)).toBe("中文…");
  });

  it("reads the source name from the credit text", () => {
    expect(sourceNameFrom("（文章来源：北方网）")).toBe("北方网");
    expect(sourceNameFrom(" (来源: 新华社) ")).toBe("新华社");
    expect(sourceNameFrom("（）")).toBeNull();
  });

  it("accepts only absolute http(s) image URLs", () => {
    expect(absoluteHttpUrl("//img.example.com/a.png")).toBe("https://img.example.com/a.png");
    expect(absoluteHttpUrl("/a.png")).toBeNull();
    expect(absoluteHttpUrl("data:image/png;base64,AAAA")).toBeNull();
    expect(firstImageUrl('<img src="/rel.png"><img alt="" src="http://h.example/a.png?x=1&amp;y=2">')).toBe(
      "http://h.example/a.png?x=1&y=2",
    );
  });
});
