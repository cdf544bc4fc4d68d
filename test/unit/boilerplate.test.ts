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

describe("footer category names", () => {
  it.each([
    ["../emnews/", "emnews"],
    ["../../emnews/index.html", "emnews"],
    ["/emnews/", "emnews"],
    ["//finews.example/emnews/", "emnews"],
    ["https://finews.example/category/beifangwang.html", "beifangwang"],
    ["//finews.example/category/Caijing.html?from=x#top", "caijing"],
    ["../", null],
    ["//finews.example/", null],
    ["https://finews.example/index.html", null],
  ])("reads the link to %j as naming %j", (dest, slug) => {
    const b = stripBoilerplate(["正文", `[返回东财滚动新闻](${dest})`]);
    expect(b.footerCategories).toEqual([{ slug, name: "东财滚动新闻" }]);
    expect(b.markdown).toBe("正文");
  });

  it("reads links one a line, the home link naming nothing", () => {
    const b = stripBoilerplate(["正文", "", "[返回东财滚动新闻](../emnews/)", "[返回首页](../)"]);
    expect(b.footerCategories).toEqual([{ slug: "emnews", name: "东财滚动新闻" }]);
    expect(b.markdown).toBe("正文");
  });

  it("takes no name from a script link", () => {
    expect(stripBoilerplate(["正文", "[返回上一页](javascript:history.back())"]).footerCategories).toEqual([]);
  });
});

describe("the upstream article link", () => {
  it("takes the first link line of the trailing chrome and drops repeats and empty <>", () => {
    const b = stripBoilerplate([
      "> 摘要一句话",
      "",
      "正文。（来源：澎湃新闻）",
      "",
      "<http://up.example/a/1.html>",
      "",
      "<http://up.example/a/1.html>",
      "",
      "<>",
      "",
      "[返回东财滚动新闻](//mirror.example/emnews/)｜[返回首页](//mirror.example/)",
    ]);
    expect(b.originalUrl).toBe("http://up.example/a/1.html");
    expect(b.markdown).toBe("> 摘要一句话\n\n正文。（来源：澎湃新闻）");
  });

  it("reads a link after the footer, a bare URL, and a post with no footer", () => {
    expect(stripBoilerplate(["正文", "[返回首页](../)", "", "http://up.example/b"])).toMatchObject({ markdown: "正文", originalUrl: "http://up.example/b" });
    expect(stripBoilerplate(["正文", "", "<http://up.example/c>", ""])).toMatchObject({ markdown: "正文", originalUrl: "http://up.example/c" });
  });

  it("keeps a link the story goes on after, one a colon introduces, and one that is the whole post", () => {
    const middle = ["第一段", "", "<http://up.example/mid>", "", "第二段"];
    expect(stripBoilerplate(middle)).toMatchObject({ markdown: middle.join("\n"), originalUrl: null });
    const introduced = ["详见：", "", "<http://up.example/more>"];
    expect(stripBoilerplate(introduced)).toMatchObject({ markdown: introduced.join("\n"), originalUrl: null });
    expect(stripBoilerplate(["<http://up.example/only>"])).toMatchObject({ markdown: "<http://up.example/only>", originalUrl: null });
  });

  it("keeps a link inside a code block that ends the post", () => {
    const lines = ["正文", "```", "http://up.example/in-code", "```"];
    expect(stripBoilerplate(lines)).toMatchObject({ markdown: lines.join("\n"), originalUrl: null });
  });

  it("leaves the share link its info code and gives the upstream link precedence as original URL", () => {
    const b = stripBoilerplate(["正文", "", "<http://up.example/d>", "", "<http://h/html_News/NewsShare.html?infoCode=NW202204282363815497>"]);
    expect(b.shareLink?.infoCode).toBe("NW202204282363815497");
    expect(b.originalUrl).toBe("http://up.example/d");
    expect(b.markdown).toBe("正文");
  });
});
