/**
 * `npm run import -- <Jekyll site>` on test/fixtures/jekyll-urls, in-process: each post's
 * old URL is recorded, and links between the posts by those URLs point at share pages.
 */
import { afterAll, describe, expect, it } from "vitest";
import { importCommand } from "./import-command";

// The command builds and starts the Workers in-process: minutes on a loaded machine.
const cli = importCommand("edgewire-old-urls-", 300_000);
afterAll(cli.cleanUp);

describe("npm run import -- <site> and the site's own URLs", () => {
  it("records each post's old URL and points links between the posts at their share pages", async () => {
    const run = cli.run("test/fixtures/jekyll-urls");
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/2 files into .*: 2 created/m);
    expect(run.status).toBe(0);
    expect(await cli.rows("SELECT path, info_code FROM article_urls ORDER BY path")).toEqual([
      { path: "/emnews/2021/12/08/202112082206735975.html", info_code: "NW202112082206735975" },
      { path: "/emnews/2021/12/09/202112092206735976.html", info_code: "NW202112092206735976" },
    ]);
    const bodies = Object.fromEntries(
      (await cli.rows("SELECT info_code, body_html FROM articles")).map((r) => [String(r.info_code), String(r.body_html)]),
    );
    expect(bodies.NW202112082206735975).toContain('href="/a/NW202112092206735976"');
    const second = bodies.NW202112092206735976 ?? "";
    // {{ site.url }}/… and the full URL in an <a href> both lead to the share page.
    expect(second.match(/href="\/a\/NW202112082206735975(?:#section)?"/g)).toHaveLength(2);
    // A post that is not in the import keeps its link.
    expect(second).toContain('href="/emnews/2020/01/02/202001022206735977.html"');
  }, 360_000);
});
