/** Posts read the way Jekyll 4.3 reads them (each case checked against `jekyll build`). */
import { describe, expect, it } from "vitest";
import { parsePost } from "../../src/ingest/parse-post";
import { parsePostPath } from "../../src/ingest/post-path";
import { categorySlug } from "../../src/ingest/post-categories";

const post = (frontMatter: string, body = "Hello **world**.\n"): string => `---\n${frontMatter}\n---\n${body}`;
const site = { url: "https://partner.example", timezone: "Asia/Shanghai" };

describe("file names", () => {
  it("take date and slug from _posts/YYYY-MM-DD-slug.ext when front matter has no date, showing the day alone", async () => {
    const p = await parsePost(post("title: T"), { path: "_posts/2019-2-06-hello-world.md" });
    expect(p.publishedAt).toBe(Date.parse("2019-02-06T00:00:00+08:00"));
    expect(p.dateOnly).toBe(true);
    const timed = await parsePost(post("title: T\ndate: 2019-02-07 10:00 +0000"), { path: "_posts/2019-02-06-x.md" });
    expect(timed.publishedAt).toBe(Date.parse("2019-02-07T10:00:00Z"));
    expect(timed.dateOnly).toBe(false);
  });

  it("title a post without one from its slug, as Jekyll does", async () => {
    const p = await parsePost(post("layout: post"), { path: "_posts/2021-04-18-welcome-to-jekyll.markdown" });
    expect(p.title).toBe("Welcome To Jekyll");
  });

  it("give the info code when front matter and share link have none, in both the mirror's forms", async () => {
    const a = await parsePost(post("title: T"), { path: "_posts/2022-04-28-NW202204282363815497.md" });
    expect(a.infoCode).toBe("NW202204282363815497");
    const b = await parsePost(post("title: T"), { path: "2022-04-28-202204282363815497.md" });
    expect(b.infoCode).toBe("NW202204282363815497");
    const fm = await parsePost(post("title: T\ninfo_code: AB202001011234567890"), { path: "_posts/2022-04-28-NW202204282363815497.md" });
    expect(fm.infoCode).toBe("AB202001011234567890");
  });

  it("give categories from folders above _posts, not below it", () => {
    expect(parsePostPath("markets/asia/_posts/2022/2022-01-01-x.md").folderCategories).toEqual(["markets", "asia"]);
    expect(parsePostPath("_posts/2022/2022-01-01-x.md").folderCategories).toEqual([]);
    expect(parsePostPath("_drafts/x.md").draft).toBe(true);
  });
});

describe("site identity", () => {
  it("derives a generated code from the site-relative path, not title or date", async () => {
    const a = await parsePost(post("title: A\ndate: 2022-04-28 10:00"), { path: "_posts/2022-04-28-a.md", site });
    const retitled = await parsePost(post("title: A (corrected)\ndate: 2022-04-28 11:00"), { path: "_posts/2022-04-28-a.md", site });
    const other = await parsePost(post("title: A\ndate: 2022-04-28 10:00"), { path: "_posts/2022-04-28-b.md", site });
    expect(a.infoCode).toMatch(/^EW20220428\d{10}$/);
    expect(retitled.infoCode).toBe(a.infoCode);
    expect(other.infoCode).not.toBe(a.infoCode);
    const otherSite = await parsePost(post("title: A\ndate: 2022-04-28 10:00"), { path: "_posts/2022-04-28-a.md", site: { ...site, url: "https://b.example" } });
    expect(otherSite.infoCode).not.toBe(a.infoCode);
  });
});

describe("YAML as Ruby's YAML reads it", () => {
  it("lets the last duplicate key win, with a warning naming both lines", async () => {
    const p = await parsePost(post("title: T\ndate: 2022-04-28\ntitle: U"));
    expect(p.title).toBe("U");
    expect(p.warnings).toEqual([{ line: 4, message: expect.stringMatching(/`title` on line 4 repeats the one on line 2/) }]);
  });

  it("reads quoted values whose continuation lines start at column 0", async () => {
    const p = await parsePost(post('title: "a long\ntitle, continued"\ndate: 2022-04-28\ndescription: \'it\'\'s\nfine\''));
    expect(p.title).toBe("a long title, continued");
    expect(p.summary).toBe("it's fine");
  });

  it("accepts tabs after values and a BOM with CRLF", async () => {
    const p = await parsePost("\uFEFF---\r\ntitle:\tT\t\r\ndate: 2022-04-28\r\n---\r\nbody\r\n");
    expect(p.title).toBe("T");
  });
});

describe("site context", () => {
  it("reads zone-less dates in the site's timezone, unquoted timestamps with seconds too (Jekyll: UTC), with a warning", async () => {
    const ny = { timezone: "America/New_York" };
    const wall = await parsePost(post("title: T\ndate: 2022-07-01 10:00"), { path: "_posts/2022-07-01-t.md", site: ny });
    expect(wall.publishedAt).toBe(Date.parse("2022-07-01T10:00:00-04:00"));
    expect(wall.utcOffsetMin).toBe(-240);
    expect(wall.warnings).toEqual([]);
    // Jekyll reads this one as 10:00 UTC (06:00 in New York); the newsroom wrote 10:00 in New York.
    const stamp = await parsePost(post("title: T\ndate: 2022-07-01 10:00:00"), { path: "_posts/2022-07-01-t.md", site: ny });
    expect(stamp.publishedAt).toBe(Date.parse("2022-07-01T10:00:00-04:00"));
    expect(stamp.warnings).toEqual([
      {
        line: 3,
        message: "`date` on line 3: 2022-07-01 10:00:00 has no offset: read as 10:00:00 -04:00 (America/New_York) as the newsroom meant; Jekyll would show 06:00:00 -04:00.",
      },
    ]);
    const quoted = await parsePost(post("title: T\ndate: '2022-07-01 10:00:00'"), { path: "_posts/2022-07-01-t.md", site: ny });
    expect(quoted.publishedAt).toBe(Date.parse("2022-07-01T10:00:00-04:00"));
    expect(quoted.warnings).toEqual([]);
  });

  it("applies defaults by path and type, the post's own keys winning", async () => {
    const defaults = [
      { scope: { path: "" }, values: { author: "Desk", category_name: "ignored" } },
      { scope: { path: "markets", type: "posts" }, values: { author: "Markets desk", tags: ["stocks"] } },
      { scope: { path: "", type: "pages" }, values: { author: "Pages" } },
    ];
    const p = await parsePost(post("title: T\ndate: 2022-04-28"), { path: "markets/_posts/2022-04-28-t.md", site: { defaults } });
    expect(p.author).toBe("Markets desk");
    expect(p.tags).toEqual(["stocks"]);
    const own = await parsePost(post("title: T\ndate: 2022-04-28\nauthor: Me"), { path: "markets/_posts/2022-04-28-t.md", site: { defaults } });
    expect(own.author).toBe("Me");
  });

  it("honours published: false", async () => {
    expect((await parsePost(post("title: T\ndate: 2022-04-28\npublished: false"))).status).toBe("unpublished");
    expect((await parsePost(post("title: T\ndate: 2022-04-28"))).status).toBe("published");
  });
});

describe("categories", () => {
  it("keeps every category, folders first, the first primary; display names keep their case", async () => {
    const p = await parsePost(post("title: T\ndate: 2022-04-28\ncategories: [News, world]"), { path: "markets/_posts/2022-04-28-t.md" });
    expect(p.categories).toEqual([
      { slug: "markets", name: "markets" },
      { slug: "news", name: "News" },
      { slug: "world", name: "world" },
    ]);
    expect(p.category).toEqual({ slug: "markets", name: "markets" });
  });

  it("names which categories the post gives display names for: only those may rename one", async () => {
    const p = await parsePost(post("title: T\ndate: 2022-04-28\ncategories: [beifangwang, News, shichang, 市场]\ncategory_name: 北方网新闻"), {
      site: { categoryNames: { shichang: "市场动态" } },
    });
    expect(p.categories.map((c) => c.name)).toEqual(["北方网新闻", "News", "市场动态", "市场"]);
    // beifangwang: category_name; News: its case differs from the slug; shichang: the site file; 市场: not its slug.
    expect(p.namedCategorySlugs).toEqual(p.categories.map((c) => c.slug));
    const bare = await parsePost(post("title: T\ndate: 2022-04-28\ncategories: [beifangwang, shichang]"));
    expect(bare.namedCategorySlugs).toEqual([]);
    expect(bare.categoryNamed).toBe(false);
  });

  it("gives non-ASCII names a stable ASCII slug and keeps the name", async () => {
    const slug = await categorySlug("市场");
    expect(slug).toMatch(/^c-[0-9a-f]{8}$/);
    expect(await categorySlug("市场")).toBe(slug);
    expect(await categorySlug("Java基础")).toMatch(/^java-[0-9a-f]{8}$/);
    const p = await parsePost(post("title: T\ndate: 2022-04-28\ncategories: 市场"));
    expect(p.category).toEqual({ slug, name: "市场" });
    expect(p.categoryNamed).toBe(true);
  });

  it("marks a slug-only category as unnamed, so it never renames a curated one", async () => {
    const p = await parsePost(post("title: T\ndate: 2022-04-28\ncategories: beifangwang"));
    expect(p.categoryNamed).toBe(false);
    const named = await parsePost(post("title: T\ndate: 2022-04-28\ncategories: beifangwang\ncategory_name: 北方网新闻"));
    expect(named.categoryNamed).toBe(true);
    const fromSite = await parsePost(post("title: T\ndate: 2022-04-28\ncategories: beifangwang"), {
      site: { categoryNames: { beifangwang: "北方网新闻" } },
    });
    expect(fromSite.category.name).toBe("北方网新闻");
  });
});

describe("Liquid in a post sent alone", () => {
  it("is never shown raw: raw keeps its text, highlight becomes code, the rest is removed with a warning", async () => {
    const body = "Intro {{ site.baseurl }}/x\n\n{% highlight ruby %}\nputs 1\n{% endhighlight %}\n\n{% raw %}{{ kept }}{% endraw %}\n\n{% include note.html %}\n";
    const p = await parsePost(post("title: T\ndate: 2022-04-28", body));
    // The language class is the sanitizer's call (it keeps no class on code today).
    expect(p.bodyHtml).toMatch(/<pre><code[^>]*>puts 1\n<\/code><\/pre>/);
    expect(p.bodyHtml).toContain("{{ kept }}");
    expect(p.bodyHtml).not.toMatch(/\{%|site\.baseurl/);
    expect(p.warnings.map((w) => w.line)).toEqual([5, 13]);
  });
});

describe("titles", () => {
  it("come from the slug when `title:` is empty in a dated file, with a warning", async () => {
    const p = await parsePost(post("title:\ndate: 2026-03-24 21:01:55 +0800"), { path: "_posts/2026-03-24-minimind-01-intro.md" });
    expect(p.title).toBe("Minimind 01 Intro");
    expect(p.warnings[0]?.message).toMatch(/`title` on line 2 is empty/);
  });
});

describe("a site without timezone", () => {
  it("reads zone-less dates in UTC, as GitHub Pages builds it; a post sent alone keeps +08:00", async () => {
    const inSite = await parsePost(post("title: T"), { path: "_posts/2018-12-21-x.md", site: { url: "https://e.example" } });
    expect(inSite.publishedAt).toBe(Date.parse("2018-12-21T00:00:00Z"));
    expect(inSite.utcOffsetMin).toBe(0);
    const alone = await parsePost(post("title: T"), { path: "2018-12-21-x.md" });
    expect(alone.publishedAt).toBe(Date.parse("2018-12-21T00:00:00+08:00"));
    // An unquoted timestamp is UTC there, as Jekyll reads it: the same instant, nothing to warn about.
    const stamp = await parsePost(post("title: T\ndate: 2018-12-21 10:39:01"), { path: "_posts/2018-12-21-x.md", site: { url: "https://e.example" } });
    expect(stamp.publishedAt).toBe(Date.parse("2018-12-21T10:39:01Z"));
    expect(stamp.warnings).toEqual([]);
    // A post sent alone keeps +08:00 for it.
    const aloneStamp = await parsePost(post("title: T\ndate: 2018-12-21 10:39:01"));
    expect(aloneStamp.publishedAt).toBe(Date.parse("2018-12-21T10:39:01+08:00"));
    expect(aloneStamp.warnings).toEqual([]);
  });
});
