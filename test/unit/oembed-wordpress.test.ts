/**
 * Our oEmbed html through the rules WordPress applies to a provider it does not know
 * (wp-includes/embed.php, wp_filter_oembed_result): only a[href], blockquote and a few
 * iframe attributes survive (wp_kses), and the embed is dropped unless the result matches
 * `(<blockquote>.*?</blockquote>)?.*(<iframe.*?></iframe>)`. The filter is restated in
 * test/support/wordpress.ts.
 */
import { describe, expect, it } from "vitest";
import { buildOEmbed } from "../../src/syndication/oembed";
import { SEED } from "../support/articles";
import { wordpressFilter } from "../support/wordpress";

const makeArticle = (fields: Partial<typeof SEED>) => ({ ...SEED, ...fields });

const site = { url: "https://news.example.com", name: "边缘新闻", lang: "zh-CN" };

describe("oEmbed html in WordPress", () => {
  it("survives the filter for unknown providers with the blockquote fallback and the card iframe", () => {
    const article = makeArticle({ infoCode: "NW202204282363815497", title: "太保 & <测试>" });
    const data = buildOEmbed(article, site, 500, 300);
    const kept = wordpressFilter(data.html);
    expect(kept).not.toBe(false);
    expect(kept).toBe(
      '<blockquote><a href="https://news.example.com/a/NW202204282363815497">太保 &amp; &lt;测试&gt;</a></blockquote>' +
        '<iframe src="https://news.example.com/embed/NW202204282363815497" width="500" height="240" title="太保 &amp; <测试>" frameborder="0" marginwidth="0" marginheight="0" scrolling="no"></iframe>',
    );
  });

  it("would be dropped whole without the iframe (what the old markup got)", () => {
    const old = '<blockquote class="edgewire-card" data-info-code="X"><a href="https://news.example.com/a/X">t</a></blockquote><script async src="https://news.example.com/embed.js"></script>';
    expect(wordpressFilter(old)).toBe(false);
  });

  it("keeps the iframe hidden and sandboxed for hosts that take the html as it is", () => {
    const { html } = buildOEmbed(makeArticle({ infoCode: "NW202204282363815497" }), site);
    const iframe = /<iframe[^>]*>/.exec(html)?.[0] ?? "";
    expect(iframe).toContain('sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"');
    expect(iframe).not.toContain("allow-same-origin");
    expect(iframe).toContain("clip:rect(1px,1px,1px,1px)");
  });
});
