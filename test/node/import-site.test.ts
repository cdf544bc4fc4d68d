/**
 * `npm run import -- <Jekyll site>` as a user runs it, on a fresh local D1 of its own:
 * the fixture site in test/fixtures/jekyll-site (config, defaults, drafts, includes,
 * folder categories, posts linking each other with post_url / link).
 */
import { afterAll, describe, expect, it } from "vitest";
import { importCommand } from "./import-command";

const cli = importCommand("edgewire-site-");
const runImport = cli.run;
const SITE = "test/fixtures/jekyll-site";
const rows = cli.rows;

afterAll(cli.cleanUp);

describe("npm run import -- <Jekyll site>", () => {
  it("imports what Jekyll publishes, skips drafts and excluded folders, and reports per file", () => {
    const run = runImport(SITE);
    expect(run.stderr).toBe("");
    const out = run.stdout;
    expect(out).toMatch(/^skipped\s+test\/fixtures\/jekyll-site\/_drafts: drafts/m);
    expect(out).not.toContain("excluded");
    expect(out).toMatch(/^created\s+EW20240301\d{10}\s+test\/fixtures\/jekyll-site\/_posts\/2024-03-01-hello\.md$/m);
    expect(out).toMatch(/^created\s+EW20240302\d{10}\s+test\/fixtures\/jekyll-site\/markets\/_posts\/2024-03-02-stocks\.md$/m);
    expect(out).toMatch(/^created\s+EW20240303\d{10}\s+test\/fixtures\/jekyll-site\/_posts\/2024-03-03-hidden\.md \(unpublished: published: false\)$/m);
    expect(out).toMatch(/^warning\s+test\/fixtures\/jekyll-site\/_posts\/2024-03-04-plugin-tag\.md:7: unknown Liquid tag \{% youtube %\}/m);
    expect(out).toMatch(/5 files into .*: 5 created, 0 updated, 0 unchanged, 0 stale, 0 rejected$/m);
    expect(run.status).toBe(0);
  });

  it("stores rendered Liquid, site timezone, folder categories with their site names, and drafts unpublished", async () => {
    const found = await rows(
      `SELECT a.info_code, a.title, a.body_html, a.status, a.published_at, a.utc_offset_min, a.author, c.slug, c.name
       FROM articles a JOIN categories c ON c.id = a.category_id ORDER BY a.published_at`,
    );
    expect(found).toHaveLength(5);
    const [hello, stocks, hidden, , toc] = found;
    expect(hello?.title).toBe("Hello from the fixture");
    expect(hello?.published_at).toBe(Date.parse("2024-03-01T00:00:00+08:00"));
    expect(String(hello?.body_html)).toContain("Welcome to Fixture News.");
    expect(String(hello?.body_html)).toContain(`href="/a/${String(stocks?.info_code)}"`);
    expect(String(hello?.body_html)).toContain("A note from the desk.");
    expect(String(hello?.body_html)).toContain('href="/site/assets/site.css"');
    for (const row of found) expect(String(row.body_html)).not.toMatch(/\{%|\{\{ *site|\{:/);
    expect(stocks?.title).toBe("Stocks rise on good news");
    expect(stocks?.author).toBe("市场部");
    expect([stocks?.slug, stocks?.name]).toEqual(["markets", "市场"]);
    expect(String(stocks?.body_html)).toContain(`href="/a/${String(hello?.info_code)}"`);
    expect(String(stocks?.body_html)).toMatch(/<dl>\s*<dt>Term<\/dt>/);
    expect(hidden?.title).toBe("Not yet");
    expect(hidden?.status).toBe("unpublished");
    // The table of contents, code languages and footnotes as Jekyll shows them (2024-03-05-toc-and-code.md).
    const body = String(toc?.body_html);
    expect(body).not.toMatch(/\{:\s*toc|\* TOC/);
    expect(body).toMatch(/<ul><li><a href="#user-content-first-part"[^>]*>First part<\/a><\/li><li><a href="#user-content-第二部分"[^>]*>第二部分<\/a><ul><li><a href="#user-content-a-detail"/);
    expect(body).toContain('<h2 id="user-content-first-part">First part</h2>');
    expect(body).toContain('<code class="language-js">');
    expect(body).toContain('<code class="language-ruby">');
    expect(body).toMatch(/<a href="#user-content-fn1"[^>]*id="user-content-fnref1"/);
    expect(body).toContain('<li id="user-content-fn1">');
    // The fence that is never closed is text, as kramdown reads it: the heading after it is a heading.
    expect(body).toContain('<h2 id="user-content-the-end">The end</h2>');
  });

  it("keeps every category of a post in order: folder first, then front matter", async () => {
    const links = await rows(
      `SELECT title, group_concat(link, ' ') AS categories FROM (
         SELECT a.id AS id, a.title AS title, c.slug || '=' || c.name AS link FROM article_categories ac
         JOIN articles a ON a.id = ac.article_id JOIN categories c ON c.id = ac.category_id ORDER BY a.id, ac.position)
       GROUP BY id`,
    );
    const stocks = links.find((l) => l.title === "Stocks rise on good news");
    expect(String(stocks?.categories)).toMatch(/^markets=市场 c-[0-9a-f]{8}=股市$/);
    const toc = links.find((l) => l.title === "Contents, code and notes");
    expect(String(toc?.categories)).toMatch(/^tech=tech c-[0-9a-f]{8}=股市$/);
  });

  it("changes no row when run again", async () => {
    const before = await rows("SELECT info_code, content_hash, modified_at FROM articles ORDER BY info_code");
    const linksBefore = await rows("SELECT * FROM article_categories ORDER BY article_id, category_id");
    const run = runImport(SITE);
    expect(run.stdout).toMatch(/5 files into .*: 0 created, 0 updated, 5 unchanged, 0 stale, 0 rejected$/m);
    expect(await rows("SELECT info_code, content_hash, modified_at FROM articles ORDER BY info_code")).toEqual(before);
    expect(await rows("SELECT * FROM article_categories ORDER BY article_id, category_id")).toEqual(linksBefore);
  });
});
