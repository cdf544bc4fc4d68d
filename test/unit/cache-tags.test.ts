import { describe, expect, it } from "vitest";
import { cacheTagHeader, CacheTags, tagsForChange } from "../../src/cache/tags";

const printableAscii = /^[\x21-\x7e]+$/;

describe("cache tags", () => {
  it.each([["养老"], ["AI & 芯片"], ["a,b"], ["\ud800lone"], ["tail\udc00"], ["emoji 😀"], ["x".repeat(2000)]])("%j becomes printable ASCII without throwing", (name) => {
    const tag = CacheTags.tagPage(name);
    expect(tag).toMatch(printableAscii);
    expect(tag.length).toBeLessThanOrEqual(1024);
    expect(tag.includes(",")).toBe(false); // the header separator
  });

  it("purges the old and the new category and tags of a change", () => {
    const tags = tagsForChange({ infoCodes: ["NW202204282363815497"], categories: ["old", "new"], tags: ["旧", "新"] });
    expect(tags).toEqual(
      expect.arrayContaining([
        "article:NW202204282363815497",
        "category:old",
        "category:new",
        "feed:category:old",
        "feed:category:new",
        CacheTags.tagPage("旧"),
        CacheTags.tagPage("新"),
        "list:home",
        "feed:site",
        "sitemap",
        "list:search",
      ]),
    );
  });

  it("still purges every other post when one tag is a lone surrogate", () => {
    const tags = tagsForChange({ infoCodes: ["A", "B"], categories: ["c"], tags: ["\ud83d", "好"] });
    expect(tags).toContain(CacheTags.tagPage("好"));
    expect(tags).toContain("article:B");
  });

  it("joins tags into one header without duplicates", () => {
    expect(cacheTagHeader([CacheTags.home, CacheTags.home, CacheTags.sitemap])).toBe("list:home,sitemap");
  });
});
