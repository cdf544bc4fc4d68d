import { describe, expect, it } from "vitest";
import { absoluteContentHtml } from "../../src/syndication/feed-model";
import { websubLinks } from "../../src/routes/feeds";

const SITE = { url: "https://news.example.com", name: "边缘新闻", lang: "zh-CN" };
const CODE = "NW202204282363815497";

describe("absoluteContentHtml", () => {
  it("makes root-relative and relative links and images absolute against the article URL", () => {
    const bodyHtml =
      '<p><a href="/tag/%E5%8C%97%E6%96%B9.html">标签</a> <a href="other.html?a=1&amp;b=2">相对</a> <img src="/img/x.png" alt="图"> <a href="#note">注</a> <a href="https://elsewhere.example/p">外链</a> <a href="mailto:a@b.example">信</a></p>';
    expect(absoluteContentHtml(SITE, { infoCode: CODE, bodyHtml })).toBe(
      '<p><a href="https://news.example.com/tag/%E5%8C%97%E6%96%B9.html">标签</a> <a href="https://news.example.com/a/other.html?a=1&amp;b=2">相对</a> <img src="https://news.example.com/img/x.png" alt="图"> <a href="#note">注</a> <a href="https://elsewhere.example/p">外链</a> <a href="mailto:a@b.example">信</a></p>',
    );
  });

  it("leaves text that merely looks like an attribute alone", () => {
    const bodyHtml = "<p>写 href=&quot;/x&quot; 的文字</p>";
    expect(absoluteContentHtml(SITE, { infoCode: CODE, bodyHtml })).toBe(bodyHtml);
  });
});

describe("websubLinks", () => {
  it("names the hub and the topic, and the topic alone without a hub", () => {
    expect(websubLinks("https://news.example.com/feed.xml", "https://hub.example/")).toBe('<https://hub.example/>; rel="hub", <https://news.example.com/feed.xml>; rel="self"');
    expect(websubLinks("https://news.example.com/feed.xml", null)).toBe('<https://news.example.com/feed.xml>; rel="self"');
  });
});
