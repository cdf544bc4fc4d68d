/** Plain links between a site's posts, by their old URLs, pointed at share pages (scripts/lib/site-links.ts). */
import { describe, expect, it } from "vitest";
import { rewriteSiteLinks } from "../../scripts/lib/site-links";

const URLS = new Map([
  ["/emnews/2021/12/08/202112082206735975.html", "NW202112082206735975"],
  ["/市场/2022/05/01/shichang/", "NW202205010000000001"],
]);
const SITE = "https://finews.example.com";
const rewrite = (text: string) => rewriteSiteLinks(text, URLS, SITE);

describe("links to the import's own posts by their old URL", () => {
  it("point at the share page: root-relative, full URL, protocol-relative, <a href>, reference definitions", () => {
    expect(rewrite("[前文](/emnews/2021/12/08/202112082206735975.html)")).toBe("[前文](/a/NW202112082206735975)");
    expect(rewrite('[前文](https://finews.example.com/emnews/2021/12/08/202112082206735975.html "标题")')).toBe('[前文](/a/NW202112082206735975 "标题")');
    expect(rewrite("[前文](//finews.example.com/emnews/2021/12/08/202112082206735975)")).toBe("[前文](/a/NW202112082206735975)");
    expect(rewrite('<a href="http://finews.example.com/emnews/2021/12/08/202112082206735975.html#s">x</a>')).toBe('<a href="/a/NW202112082206735975#s">x</a>');
    expect(rewrite("[ref]: /emnews/2021/12/08/202112082206735975.html")).toBe("[ref]: /a/NW202112082206735975");
    // Encoded or not, with index.html or not.
    expect(rewrite("[市场](/%E5%B8%82%E5%9C%BA/2022/05/01/shichang/index.html)")).toBe("[市场](/a/NW202205010000000001)");
  });

  it("leave links to posts not in the import, other hosts, and text that is not a link", () => {
    for (const text of [
      "[旧文](/emnews/2020/01/02/202001022206735977.html)",
      "[别处](https://other.example.com/emnews/2021/12/08/202112082206735975.html)",
      "路径 /emnews/2021/12/08/202112082206735975.html 不是链接",
      "`[code](/emnews/2021/12/08/202112082206735975.php)`",
    ]) {
      expect(rewrite(text)).toBe(text);
    }
  });
});
