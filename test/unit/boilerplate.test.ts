import { describe, expect, it } from "vitest";
import { stripBoilerplate } from "../../src/ingest/boilerplate";

describe("stripBoilerplate", () => {
  it("reads and removes the share link and footer", () => {
    const lines = [
      "<p>正文</p>",
      "",
      "<http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202204282363815497>",
      "",
      "[返回北方网新闻](//finews.withounder.com/category/beifangwang.html)｜[返回首页](//finews.withounder.com/)",
      "",
    ];
    const b = stripBoilerplate(lines);
    expect(b.markdown).toBe("<p>正文</p>");
    expect(b.shareLink).toEqual({
      url: "http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202204282363815497",
      infoCode: "NW202204282363815497",
      index: 2,
    });
    expect(b.footerCategories).toEqual([{ slug: "beifangwang", name: "北方网新闻" }]);
  });

  it.each([
    "[返回首页](//h/)",
    "  [返回财经](https://h/category/Caijing.html) | [返回首页](https://h/)  ",
    "[返回上一页](javascript:history.back())",
  ])("treats %j as a footer", (line) => {
    expect(stripBoilerplate(["正文", line]).markdown).toBe("正文");
  });

  it("reads the category slug lower-cased from a footer with a half-width bar", () => {
    const b = stripBoilerplate(["x", "[返回 财经 ](https://h/category/Caijing.html) | [返回首页](https://h/)"]);
    expect(b.footerCategories).toEqual([{ slug: "caijing", name: "财经" }]);
  });

  it.each([
    "[返回首页](//h/) 以及更多文字",
    "请[返回首页](//h/)",
    "[首页](//h/)",
    "see <http://h/html_News/NewsShare.html?infoCode=NW202204282363815497> here",
    "<http://h/other.html?infoCode=NW202204282363815497>",
  ])("keeps %j, which is content", (line) => {
    const b = stripBoilerplate([line]);
    expect(b.markdown).toBe(line);
    expect(b.shareLink).toBeNull();
  });

  it("leaves fenced code alone", () => {
    const lines = ["~~~", "[返回首页](//h/)", "<http://h/html_News/NewsShare.html?infoCode=X>", "~~~"];
    const b = stripBoilerplate(lines);
    expect(b.markdown).toBe(lines.join("\n"));
    expect(b.shareLink).toBeNull();
  });
});

describe("the mirror's other chrome", () => {
  it.each([
    ['<p>原文链接：<a href="https://up.example/a/1.html">https://up.example/a/1.html</a></p>', "https://up.example/a/1.html"],
    ["原文链接：[点击查看](https://up.example/a/2)", "https://up.example/a/2"],
    ["原文地址: https://up.example/a/3", "https://up.example/a/3"],
    ["阅读原文 <https://up.example/a/4>", "https://up.example/a/4"],
  ])("takes %j as the original URL and drops it from the body", (line, url) => {
    const b = stripBoilerplate(["<p>正文</p>", line]);
    expect(b.originalUrl).toBe(url);
    expect(b.markdown).toBe("<p>正文</p>");
  });

  it("drops hidden and empty paragraphs, keeping the rest of their line", () => {
    const b = stripBoilerplate([
      '<p>正文</p><p style="display: none">隐藏</p>',
      "<p>&nbsp;</p>",
      "<p><br/></p><p>第二段</p>",
      "<p></p>",
    ]);
    expect(b.markdown).toBe("<p>正文</p>\n<p>第二段</p>");
  });

  it("keeps a line that only mentions 原文 in passing", () => {
    const b = stripBoilerplate(["<p>原文链接见文末，全文如下。</p>"]);
    expect(b.originalUrl).toBeNull();
    expect(b.markdown).toBe("<p>原文链接见文末，全文如下。</p>");
  });
});
