/**
 * A site post's old URL, as Jekyll 4.3.1 builds it. Every expected URL below is what
 * `jekyll build` gave for the same post and `_config.yml` (timezone Asia/Shanghai,
 * baseurl /base; `{{ post.url }}` listed from a page, baseurl put in front).
 */
import { describe, expect, it } from "vitest";
import { escapeJekyllPath, jekyllPostUrl } from "../../src/ingest/jekyll-url";
import { parsePost } from "../../src/ingest/parse-post";
import type { SiteContext } from "../../src/ingest/types";
import { canonicalOldUrl, isOldSitePath, oldUrlCandidates } from "../../src/lib/old-urls";

const SITE: SiteContext = { url: "https://finews.example.com", baseurl: "/base", timezone: "Asia/Shanghai" };

/** The posts of the probe site: path and front matter. */
const POSTS = {
  emnews: ["_posts/2021-12-08-202112082206735975.md", "title: A\ncategories: emnews\ndate: 2021-12-08 22:06:00 +0800"],
  chinese: ["_posts/2022-01-02-Hello-World.md", "title: B\ncategories: [市场, Finance]"],
  boundary: ["_posts/2022-01-01-boundary.md", "title: C\ndate: 2022-01-01 23:30:00 +0000"],
  yamlUtc: ["_posts/2022-03-01-yaml-utc.md", "title: D\ndate: 2022-03-01 20:00:00\ncategory: Big News\ncategories: a b"],
  own: ["_posts/2022-03-05-own.md", "title: E\npermalink: /custom/:year/:title/"],
  slug: ["_posts/2022-03-06-file-slug.md", "title: F\nslug: My Slug!"],
  folder: ["markets/_posts/2022-03-07-stocks.md", "title: G\ncategories: [Extra]"],
} as const;

async function urlOf(name: keyof typeof POSTS, site: SiteContext = SITE): Promise<string | null> {
  const [path, fm] = POSTS[name];
  return (await parsePost(`---\n${fm}\n---\nx\n`, { path, site })).jekyllUrl;
}

describe("a site post's old URL (Jekyll's permalink, with baseurl)", () => {
  it("follows Jekyll's default `date` style: categories lower-cased, not slugified; the day in the site's zone", async () => {
    expect(await urlOf("emnews")).toBe("/base/emnews/2021/12/08/202112082206735975.html");
    // Chinese and upper-case categories: lower-cased, kept as text (stored decoded).
    expect(await urlOf("chinese")).toBe("/base/市场/finance/2022/01/02/Hello-World.html");
    // 23:30 UTC on the 1st is the 2nd in Shanghai: Jekyll's URL says 02.
    expect(await urlOf("boundary")).toBe("/base/2022/01/02/boundary.html");
    // An unquoted timestamp is UTC (Ruby's YAML): 20:00 UTC is 04:00 the next day in Shanghai.
    // `categories` (split on spaces) come before `category` (one name, with its space).
    expect(await urlOf("yamlUtc")).toBe("/base/a/b/big news/2022/03/02/yaml-utc.html");
    // Folders above _posts come first.
    expect(await urlOf("folder")).toBe("/base/markets/extra/2022/03/07/stocks.html");
  });

  it("takes the post's own permalink, and front matter `slug` (`:title` keeps case and `!`)", async () => {
    expect(await urlOf("own")).toBe("/base/custom/2022/own/");
    expect(await urlOf("slug")).toBe("/base/2022/03/06/My-Slug!.html");
  });

  it("knows Jekyll's named styles", async () => {
    const styled = (permalink: string) => ({ ...SITE, permalink });
    expect(await urlOf("emnews", styled("pretty"))).toBe("/base/emnews/2021/12/08/202112082206735975/");
    expect(await urlOf("emnews", styled("none"))).toBe("/base/emnews/202112082206735975.html");
    expect(await urlOf("emnews", styled("ordinal"))).toBe("/base/emnews/2021/342/202112082206735975.html");
    expect(await urlOf("boundary", styled("weekdate"))).toBe("/base/2022/W52/Sun/boundary.html");
    expect(await urlOf("own", styled("pretty"))).toBe("/base/custom/2022/own/");
  });

  it("fills a custom pattern's placeholders as Jekyll does", async () => {
    const custom = { ...SITE, permalink: "/:categories/:year/:i_month/:i_day/:short_year/:hour:minute:second/:slug:output_ext" };
    expect(await urlOf("boundary", custom)).toBe("/base/2022/1/2/22/073000/boundary.html");
    expect(await urlOf("chinese", custom)).toBe("/base/市场/finance/2022/1/2/22/000000/hello-world.html");
    expect(await urlOf("slug", custom)).toBe("/base/2022/3/6/22/000000/my-slug.html");
    const names = { ...SITE, permalink: "/:month_:day/:name/:path" };
    expect(await urlOf("folder", names)).toBe("/base/03_07/2022-03-07-stocks/markets/2022-03-07-stocks");
    expect(await urlOf("chinese", names)).toBe("/base/01_02/2022-01-02-hello-world/2022-01-02-Hello-World");
  });

  it("has no baseurl when the site has none, and no URL for a post sent alone", async () => {
    expect(await urlOf("emnews", { timezone: "Asia/Shanghai" })).toBe("/emnews/2021/12/08/202112082206735975.html");
    const alone = await parsePost("---\ntitle: A\ndate: 2021-12-08 22:06:00 +0800\n---\nx\n");
    expect(alone.jekyllUrl).toBeNull();
  });

  it("keeps no URL, with a warning, for a placeholder Jekyll refuses", async () => {
    const p = await parsePost("---\ntitle: A\npermalink: /:nope/:title/\n---\nx\n", { path: "_posts/2022-01-01-a.md", site: SITE });
    expect(p.jekyllUrl).toBeNull();
    expect(p.warnings).toContainEqual({ line: 3, message: expect.stringContaining("`:nope`") });
  });

  it("keeps no URL, with a warning, past the longest path the route looks up", async () => {
    const p = await parsePost(`---\ntitle: A\npermalink: /${"a".repeat(1100)}/\n---\nx\n`, { path: "_posts/2022-01-01-a.md", site: SITE });
    expect(p.jekyllUrl).toBeNull();
    expect(p.warnings).toContainEqual({ line: 3, message: expect.stringContaining("not kept") });
  });

  it("escapes values as Jekyll links them (percent-encoded UTF-8, sub-delims kept)", () => {
    expect(escapeJekyllPath("市场/finance")).toBe("%E5%B8%82%E5%9C%BA/finance");
    expect(escapeJekyllPath("big news")).toBe("big%20news");
    expect(escapeJekyllPath("My-Slug!")).toBe("My-Slug!");
    const base = { categories: ["市场"], instantMs: Date.parse("2022-01-02T00:00:00+08:00"), zone: "Asia/Shanghai", slug: "x", path: "_posts/2022-01-02-x.md" };
    expect(jekyllPostUrl(base)).toBe("/%E5%B8%82%E5%9C%BA/2022/01/02/x.html");
  });
});

describe("which request paths are looked up", () => {
  it("only paths that could be built pages", () => {
    for (const p of ["/emnews/2021/12/08/x.html", "/a/b/", "/custom/2022/own", "/%E5%B8%82%E5%9C%BA/x.html"]) expect(isOldSitePath(p)).toBe(true);
    for (const p of ["/", "/wp-login.php", "/.env", "/x/../y.html", "/api/v1/nope", "/style.css", "/bad%E5.html", `/${"a".repeat(1100)}.html`]) {
      expect(isOldSitePath(p)).toBe(false);
    }
  });

  it("names the other spellings a static host serves the same file under, decoded", () => {
    expect(oldUrlCandidates("/%E5%B8%82%E5%9C%BA/x.html")).toEqual(["/市场/x.html", "/市场/x"]);
    expect(oldUrlCandidates("/custom/2022/own/index.html")).toEqual(["/custom/2022/own/index.html", "/custom/2022/own/"]);
    expect(oldUrlCandidates("/custom/2022/own/")).toEqual(["/custom/2022/own/", "/custom/2022/own/index.html"]);
    expect(oldUrlCandidates("/custom/2022/own")).toEqual(["/custom/2022/own", "/custom/2022/own/", "/custom/2022/own.html"]);
    expect(oldUrlCandidates("/x.php")).toBeNull();
  });

  it("makes one cache key of every percent-encoding", () => {
    expect(canonicalOldUrl("/%e5%b8%82%e5%9c%ba/x.html")).toBe(canonicalOldUrl("/%E5%B8%82%E5%9C%BA/x.html"));
    expect(canonicalOldUrl("/big news/x.html")).toBe("/big%20news/x.html");
  });
});
