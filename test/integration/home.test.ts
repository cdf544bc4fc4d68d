import { env } from "cloudflare:workers";
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { encodeCursor } from "../../src/db/articles";
import { PAGE_SIZE } from "../../src/routes/_shared/paging";
import { linksWhere, parsePage, type PageParts } from "../support/html";
import { makePost, seedPosts } from "../support/seed";

const ORIGIN = "https://news.example.com";

/**
 * Two full pages and one more. Post i is published at minute floor(i / 2), so pairs share
 * a timestamp and the id tie-breaker decides their order; the pair (20, 21) straddles the
 * first page boundary. Newest first, post i therefore sits at position TOTAL - 1 - i.
 */
const TOTAL = PAGE_SIZE * 2 + 1;
const pad = (n: number, width: number) => String(n).padStart(width, "0");
const posts = Array.from({ length: TOTAL }, (_, i) =>
  makePost({
    title: `首页文章 ${pad(i, 2)}`,
    infoCode: `HM20240301${pad(i, 10)}`,
    date: `2024-03-01 08:${pad(Math.floor(i / 2), 2)}:00 +0800`,
  }),
);
/** Titles in the order the home page must list them. */
const newestFirst = Array.from({ length: TOTAL }, (_, k) => `首页文章 ${pad(TOTAL - 1 - k, 2)}`);

// Every test seeds the same posts; re-seeding is a no-op, so tests do not depend on order.
const seed = () => seedPosts(...posts);

async function page(path: string): Promise<{ res: Response; parts: PageParts; html: string }> {
  const res = await SELF.fetch(`${ORIGIN}${path}`);
  const html = await res.text();
  return { res, html, parts: await parsePage(html) };
}

/** The cursor of the post at `position` in newest-first order, as the app encodes it. */
async function cursorAt(position: number): Promise<string> {
  const row = await env.DB.prepare("SELECT published_at AS publishedAt, id FROM articles WHERE info_code = ?")
    .bind(`HM20240301${pad(TOTAL - 1 - position, 10)}`)
    .first<{ publishedAt: number; id: number }>();
  if (!row) throw new Error(`no post at position ${position}`);
  return encodeCursor(row);
}

const titles = (parts: PageParts) => parts.anchors.filter((a) => a.href.startsWith("/a/")).map((a) => a.text);
const nextLink = (parts: PageParts) => parts.anchors.find((a) => a.text.startsWith("更早的文章"))?.href ?? null;

describe("GET /", () => {
  it("lists the newest articles first, one page of them", async () => {
    await seed();
    const { res, parts, html } = await page("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=UTF-8");
    expect(res.headers.get("cache-tag")).toBe("list:home");
    expect(titles(parts)).toEqual(newestFirst.slice(0, PAGE_SIZE));
    expect(html).toContain('<time datetime="2024-03-01T08:20:00+08:00">2024-03-01 08:20</time>');
    expect(parts.anchors.map((a) => a.href)).toContain(`/a/HM20240301${pad(TOTAL - 1, 10)}`);
    expect(linksWhere(parts, "canonical").map((l) => l.href)).toEqual([`${ORIGIN}/`]);
  });

  it("pages with ?before= across a timestamp tie and stops on the last page", async () => {
    await seed();
    const first = await page("/");
    const second = nextLink(first.parts);
    expect(second).toMatch(/^\/\?before=\d+\.\d+$/);

    const p2 = await page(second ?? "");
    expect(p2.res.status).toBe(200);
    expect(titles(p2.parts)).toEqual(newestFirst.slice(PAGE_SIZE, PAGE_SIZE * 2));
    expect(linksWhere(p2.parts, "canonical").map((l) => l.href)).toEqual([`${ORIGIN}${second}`]);
    const third = nextLink(p2.parts);
    expect(third).not.toBeNull();

    const p3 = await page(third ?? "");
    expect(titles(p3.parts)).toEqual(newestFirst.slice(PAGE_SIZE * 2));
    expect(nextLink(p3.parts)).toBeNull();
  });

  it("shows a full page and no next link when exactly one page of articles remains", async () => {
    await seed();
    // After position PAGE_SIZE, TOTAL - 1 - PAGE_SIZE = PAGE_SIZE posts remain: the
    // limit + 1 probe finds no extra row, so there must be no link to an empty page.
    const { res, parts } = await page(`/?before=${await cursorAt(PAGE_SIZE)}`);
    expect(res.status).toBe(200);
    expect(titles(parts)).toEqual(newestFirst.slice(PAGE_SIZE + 1));
    expect(titles(parts)).toHaveLength(PAGE_SIZE);
    expect(nextLink(parts)).toBeNull();
  });

  it("shows a next link when one article more than a page remains", async () => {
    await seed();
    const { parts } = await page(`/?before=${await cursorAt(PAGE_SIZE - 2)}`);
    expect(titles(parts)).toEqual(newestFirst.slice(PAGE_SIZE - 1, PAGE_SIZE * 2 - 1));
    expect(nextLink(parts)).toBe(`/?before=${await cursorAt(PAGE_SIZE * 2 - 2)}`);
  });

  it("ignores tracking parameters", async () => {
    await seed();
    const plain = await page("/");
    const tracked = await page("/?utm_source=newsletter&utm_medium=email&fbclid=x");
    expect(tracked.html).toBe(plain.html);
  });

  it("answers HEAD with headers and no body", async () => {
    await seed();
    const res = await SELF.fetch(`${ORIGIN}/`, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=UTF-8");
    expect(res.headers.get("cache-tag")).toBe("list:home");
    expect(await res.text()).toBe("");
  });

  it("answers a cursor past the last page with a 404 that is never stored", async () => {
    await seed();
    for (let i = 0; i < 2; i++) {
      const { res, parts } = await page("/?before=1.1");
      expect(res.status).toBe(404);
      expect(res.headers.get("x-cache")).toBe("MISS");
      expect(nextLink(parts)).toBeNull();
    }
  });

  it.each(["", "abc", "1.2.3", "-1.5", "1e3.4", "12345678901234567.1", "%3Cscript%3E"])(
    "answers the bad cursor %j with the HTML 404 page",
    async (cursor) => {
      await seed();
      const { res, html } = await page(`/?before=${cursor}`);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe("text/html; charset=UTF-8");
      expect(res.headers.get("cache-tag")).toBeNull();
      expect(html).toContain("找不到");
      expect(html).not.toContain("<script>");
    },
  );
});
