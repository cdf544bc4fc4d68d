import { describe, expect, it } from "vitest";
import { takeTextCredit } from "../../src/ingest/text-credit";

describe("takeTextCredit", () => {
  it.each([
    ["累计打击恶意商标注册申请37.6万件。(央视新闻)", "央视新闻", "累计打击恶意商标注册申请37.6万件。"],
    ["正文。（央视新闻）", "央视新闻", "正文。"],
    ["正文……（来源：澎湃新闻）", "澎湃新闻", "正文……"],
    ["正文 (来源:新华社)", "新华社", "正文"],
    ["正文。（文章来源：北方网）", "北方网", "正文。"],
    ["正文。（稿件来源： 北方网 ）", "北方网", "正文。"],
    ["正文。(发改委网站)", "发改委网站", "正文。"],
    ["<p>正文。（央视新闻）</p>", "央视新闻", "<p>正文。</p>"],
  ])("reads %j", (line, source, rest) => {
    expect(takeTextCredit(`第一段。\n\n${line}\n`)).toEqual({ source, markdown: `第一段。\n\n${rest}` });
  });

  it("drops a last line that is only the credit", () => {
    expect(takeTextCredit("正文。\n\n（来源：澎湃新闻）")).toEqual({ source: "澎湃新闻", markdown: "正文。" });
  });

  it.each([
    ["a parenthesis ending a paragraph before the last", "他说（大意）。\n\n第二段（央视新闻）没有句号"],
    ["one with no sentence end before it", "增长了5%（同比）"],
    ["a long one", "正文。（这是一个相当长的括号说明文字超过了二十个字符的限度）"],
    ["one with sentence punctuation", "正文。（上海，北京）"],
    ["digits only", "正文。（2021）"],
    ["the end mark", "正文。（完）"],
    ["a headline's tag", "来看看都买了哪些股？（附名单）"],
    ["a byline", "正文。（记者 张三）"],
    ["a disclaimer", "正文。（本文不构成投资建议）"],
    ["a Markdown link", "详见。[公告](http://up.example/a)"],
    ["the em_media paragraph", '<p>正文。</p><p class="em_media">（文章来源：北方网）</p>'],
    ["a body that is only the credit", "（央视新闻）"],
  ])("leaves %s", (_what, markdown) => {
    expect(takeTextCredit(markdown)).toBeNull();
  });
});
