/**
 * Site imports through the admin API against real D1: identity by source, published: false,
 * curated category names, date-only pages.
 */
import { env } from "cloudflare:workers";
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

const TOKEN = "test-admin-token-current";

type Result = { infoCode: string | null; outcome: string; reason?: string; warnings?: { line: number; message: string }[] };

async function importSite(posts: { path: string; text: string }[], site: Record<string, unknown>): Promise<Result[]> {
  const res = await SELF.fetch("https://news.example.com/api/v1/admin/import", {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ posts: posts.map((p) => ({ name: p.path, ...p })), site }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: Result[] }).results;
}

const post = (fm: string, body = "Body text.\n"): string => `---\n${fm}\n---\n${body}`;

describe("site imports", () => {
  it("refuses a second source claiming the same info code, and replaces nothing", async () => {
    const code = "NW202403010000000777";
    const [first] = await importSite([{ path: "_posts/2024-03-01-a.md", text: post(`title: A\ninfo_code: ${code}`) }], { url: "https://a.example" });
    expect(first?.outcome).toBe("created");
    const [clash] = await importSite([{ path: "_posts/2024-03-01-b.md", text: post(`title: B\ninfo_code: ${code}`) }], { url: "https://b.example" });
    expect(clash?.outcome).toBe("rejected");
    expect(clash?.reason).toMatch(/^conflict: this info code belongs to an article from another source/);
    const row = await env.DB.prepare("SELECT title, source_key FROM articles WHERE info_code = ?").bind(code).first();
    expect(row).toEqual({ title: "A", source_key: "https://a.example\n_posts/2024-03-01-a.md" });
    // The same source may update its own article.
    const [again] = await importSite([{ path: "_posts/2024-03-01-a.md", text: post(`title: A2\ninfo_code: ${code}`) }], { url: "https://a.example" });
    expect(again?.outcome).toBe("updated");
  });

  it("unpublishes a published article when the site says published: false", async () => {
    const site = { url: "https://c.example" };
    const [made] = await importSite([{ path: "_posts/2024-03-02-c.md", text: post("title: C") }], site);
    expect(made?.outcome).toBe("created");
    const page = await SELF.fetch(`https://news.example.com/a/${made?.infoCode}`);
    expect(page.status).toBe(200);
    // The date came from the file name: the page shows the day without an invented time.
    const html = await page.text();
    expect(html).toMatch(/>2024-03-02<\/time>/);
    const [hidden] = await importSite([{ path: "_posts/2024-03-02-c.md", text: post("title: C\npublished: false") }], site);
    expect(hidden?.outcome).toBe("updated");
    const row = await env.DB.prepare("SELECT status FROM articles WHERE info_code = ?").bind(made?.infoCode).first();
    expect(row).toEqual({ status: "unpublished" });
  });

  it("never lets a slug-only post rename a curated category", async () => {
    await importSite([{ path: "_posts/2024-03-03-d.md", text: post("title: D\ncategories: caijing\ncategory_name: 财经频道") }], { url: "https://d.example" });
    await importSite([{ path: "_posts/2024-03-03-e.md", text: post("title: E\ncategories: caijing") }], { url: "https://d.example" });
    const row = await env.DB.prepare("SELECT name FROM categories WHERE slug = 'caijing'").first();
    expect(row).toEqual({ name: "财经频道" });
  });

  it("reads a site's zone-less date as its timezone's wall time, front matter after a blank line included, with warnings", async () => {
    const text = "\n---\ntitle: 早盘快讯\ndate: 2021-12-08 10:39:01\n---\n沪指小幅高开。\n";
    const [made] = await importSite([{ path: "_posts/2021-12-08-202112081039010009.md", text }], { url: "https://f.example", timezone: "Asia/Shanghai" });
    expect(made?.outcome).toBe("created");
    expect(made?.warnings).toEqual([
      { line: 2, message: expect.stringMatching(/^front matter starts on line 2, after a blank line/) },
      { line: 4, message: expect.stringMatching(/read as 10:39:01 \+08:00 \(Asia\/Shanghai\) as the newsroom meant; Jekyll would show 18:39:01 \+08:00/) },
    ]);
    const row = await env.DB.prepare("SELECT published_at, utc_offset_min FROM articles WHERE info_code = ?").bind(made?.infoCode).first();
    expect(row).toEqual({ published_at: Date.parse("2021-12-08T10:39:01+08:00"), utc_offset_min: 480 });
    const page = await (await SELF.fetch(`https://news.example.com/a/${made?.infoCode}`)).text();
    expect(page).toContain("2021-12-08 10:39");
  });
});
