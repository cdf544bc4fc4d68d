/**
 * Generated info codes through the admin API against real D1 (src/db/post-identity.ts): a
 * post without a code is identified by its file name however it is sent; an article stored
 * under an earlier rule's code keeps it; posts of different sources that share a file name
 * stay different articles.
 */
import { env } from "cloudflare:workers";
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { generateInfoCode, infoCodeFromPath } from "../../src/ingest/info-code";

const AUTH = { Authorization: "Bearer test-admin-token-current" };

type Result = { infoCode: string | null; outcome: string; reason?: string };

async function importPosts(posts: { path: string; text: string }[], site?: Record<string, unknown>): Promise<Result[]> {
  const res = await SELF.fetch("https://news.example.com/api/v1/admin/import", {
    method: "POST",
    headers: { ...AUTH, "Content-Type": "application/json" },
    body: JSON.stringify(site ? { posts, site } : { posts }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: Result[] }).results;
}

const post = (title: string, date = "2021-12-01 09:00:00 +0800"): string => `---\ntitle: ${title}\ndate: ${date}\n---\n正文。\n`;
const count = async (title: string): Promise<number> =>
  (await env.DB.prepare("SELECT COUNT(*) AS n FROM articles WHERE title = ?").bind(title).first<{ n: number }>())?.n ?? 0;
const DAY = { year: 2021, month: 12, day: 1 };

describe("a post without an info code", () => {
  it("is one article sent with its site or alone", async () => {
    const site = { url: "https://one.example", lang: "zh-CN" };
    const [inSite] = await importPosts([{ path: "_posts/2021-12-01-alone.md", text: post("同一篇") }], site);
    const [alone] = await importPosts([{ path: "2021-12-01-alone.md", text: post("同一篇") }]);
    expect(inSite?.outcome).toBe("created");
    expect(alone?.infoCode).toBe(inSite?.infoCode);
    expect(await count("同一篇")).toBe(1);
  });

  it("keeps the code a site import stored it under before file names decided", async () => {
    const site = { url: "https://legacy.example" };
    const [made] = await importPosts([{ path: "_posts/2021-12-01-old.md", text: post("旧站点文章") }], site);
    // As stored by the earlier rule: site URL + path.
    const legacy = await infoCodeFromPath("https://legacy.example", "_posts/2021-12-01-old.md", DAY);
    await env.DB.prepare("UPDATE articles SET info_code = ? WHERE info_code = ?").bind(legacy, made?.infoCode).run();
    const [again] = await importPosts([{ path: "_posts/2021-12-01-old.md", text: post("旧站点文章") }], site);
    expect(again).toMatchObject({ infoCode: legacy, outcome: "unchanged" });
    // Sent alone, it finds that article too (a loose post owns any source's article).
    const [alone] = await importPosts([{ path: "2021-12-01-old.md", text: post("旧站点文章") }]);
    expect(alone?.infoCode).toBe(legacy);
    expect(await count("旧站点文章")).toBe(1);
  });

  it("keeps the code a loose import stored it under (date and title)", async () => {
    const [made] = await importPosts([{ path: "2021-12-01-loose.md", text: post("旧单篇") }]);
    const legacy = await generateInfoCode("2021-12-01 09:00:00 +0800", "旧单篇", DAY);
    await env.DB.prepare("UPDATE articles SET info_code = ? WHERE info_code = ?").bind(legacy, made?.infoCode).run();
    const [again] = await importPosts([{ path: "2021-12-01-loose.md", text: post("旧单篇") }]);
    expect(again).toMatchObject({ infoCode: legacy, outcome: "unchanged" });
    expect(await count("旧单篇")).toBe(1);
  });

  it("stays apart from another site's post with the same file name, on every import", async () => {
    const [a] = await importPosts([{ path: "_posts/2021-12-01-init.md", text: post("甲站开通") }], { url: "https://a.example" });
    const [b] = await importPosts([{ path: "_posts/2021-12-01-init.md", text: post("乙站开通") }], { url: "https://b.example" });
    expect(a?.outcome).toBe("created");
    expect(b?.outcome).toBe("created");
    expect(b?.infoCode).toBe(await infoCodeFromPath("https://b.example", "_posts/2021-12-01-init.md", DAY));
    const [a2] = await importPosts([{ path: "_posts/2021-12-01-init.md", text: post("甲站开通") }], { url: "https://a.example" });
    const [b2] = await importPosts([{ path: "_posts/2021-12-01-init.md", text: post("乙站开通") }], { url: "https://b.example" });
    expect(a2).toMatchObject({ infoCode: a?.infoCode, outcome: "unchanged" });
    expect(b2).toMatchObject({ infoCode: b?.infoCode, outcome: "unchanged" });
  });

  it("stays apart from a post of the same site with the same file name in another folder", async () => {
    const site = { url: "https://folders.example" };
    const posts = [
      { path: "_posts/2021-12-01-note.md", text: post("首页短讯") },
      { path: "markets/_posts/2021-12-01-note.md", text: post("市场短讯") },
    ];
    const made = await importPosts(posts, site);
    expect(made.map((r) => r.outcome)).toEqual(["created", "created"]);
    expect(made[0]?.infoCode).not.toBe(made[1]?.infoCode);
    const again = await importPosts(posts, site);
    expect(again).toEqual(made.map((r) => ({ ...r, outcome: "unchanged" })));
  });
});

describe("POST /api/v1/admin/resanitize", () => {
  it("re-renders a loose post in place, under the code its file name gave", async () => {
    const [made] = await importPosts([{ path: "2021-12-01-resanitize.md", text: post("重新净化") }]);
    await env.DB.prepare("UPDATE articles SET sanitizer_version = 0, content_hash = 'old' WHERE info_code = ?").bind(made?.infoCode).run();
    const res = await SELF.fetch("https://news.example.com/api/v1/admin/resanitize", { method: "POST", headers: AUTH });
    expect(await res.json()).toMatchObject({ summary: { updated: 1, created: 0 } });
    expect(await count("重新净化")).toBe(1);
  });
});
