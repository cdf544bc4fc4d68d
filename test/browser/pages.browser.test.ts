/**
 * Every page type a reader meets, checked by axe-core in Debian's Chromium: zero violations
 * (WCAG 2.0/2.1/2.2 A and AA, and axe's best practices) at 375 and 1280 px, in the light and
 * the dark scheme. Then the few layout
 * promises axe cannot see: nothing wider than a phone, reserved image space, the fallback
 * for a failed image, 16 px search input, the channel bar.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../../scripts/lib/chromium";
import { PAGES, RICH, startReaderSite, type ReaderSite } from "../../scripts/lib/reader-site";

let browser: Browser;
let site: ReaderSite;

before(async () => {
  site = await startReaderSite();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await site?.stop();
});

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

async function open(width: number, colorScheme: "light" | "dark", pagePath: string): Promise<{ page: Page; close: () => Promise<void> }> {
  // Scripts on, for axe and the checks below; the pages have none of their own (the embed card's
  // one height script aside), and embed.browser.test.ts shows them with scripts off.
  const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme });
  const page = await context.newPage();
  await page.goto(`${site.origin}${pagePath}`, { waitUntil: "load" });
  return { page, close: () => context.close() };
}

for (const width of [375, 1280]) {
  for (const colorScheme of ["light", "dark"] as const) {
    describe(`axe at ${width} px, ${colorScheme}`, () => {
      for (const { name, path: pagePath, status } of PAGES) {
        it(`${name} (${pagePath}) has no violations`, async () => {
          const { page, close } = await open(width, colorScheme, pagePath);
          try {
            const res = await page.request.get(`${site.origin}${pagePath}`);
            assert.equal(res.status(), status);
            const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
            const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
            assert.deepEqual(found, []);
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            assert.ok(overflow <= 0, `${name}: ${overflow}px wider than the window`);
          } finally {
            await close();
          }
        });
      }
    });
  }
}

describe("layout promises", () => {
  it("reserves image space, shows a quiet box for a failed image, and lists channels", async () => {
    const { page, close } = await open(375, "light", `/a/${RICH}`);
    try {
      const sizes = await page.$$eval(".body img", (imgs) =>
        imgs.map((img) => ({ h: img.getBoundingClientRect().height, ok: (img as HTMLImageElement).naturalWidth > 0 })),
      );
      assert.equal(sizes.length, 2);
      for (const s of sizes) assert.ok(s.h > 100, `image box ${s.h}px tall`);
      assert.deepEqual(sizes.map((s) => s.ok), [true, false], "the served image loads, the missing one fails");
      // The first body image loads at once (above the fold on a phone), the others lazily; both have captions.
      const loading = await page.$$eval(".body img", (imgs) => imgs.map((img) => [img.getAttribute("loading"), img.getAttribute("fetchpriority")]));
      assert.deepEqual(loading, [[null, "high"], ["lazy", null]]);
      const captions = await page.$$eval(".body figcaption", (els) => els.map((el) => el.textContent));
      assert.deepEqual(captions, ["驿站每天中午供应两荤两素", "这张图片的地址已失效"]);
      const fallback = await page.$eval(".body figure:last-of-type img, .body img:last-of-type", (img) => getComputedStyle(img, "::after").content);
      assert.equal(fallback, '"图片无法显示"');
      const channels = await page.$$eval(".channels a", (links) => links.map((a) => a.textContent));
      assert.deepEqual(channels, ["首页", "北方网新闻", "财经要闻", "科技"]);
      const current = await page.$eval(".channels a[aria-current]", (a) => a.textContent);
      assert.equal(current, "财经要闻");
      assert.equal(await page.locator("text=（文章来源：北方网）").isVisible(), false, "the source is shown once, in the byline");
      // Related, from other categories: two shared tags (养老, 社区) first, then 养老 alone, newer
      // first (the unpublished third never); one has a thumbnail.
      const related = await page.$$eval(".related h3", (hs) => hs.map((h) => h.textContent));
      assert.deepEqual(related, ["导入测试一：养老服务驿站开进社区", "社区养老第2期：老人们的新年愿望", "社区养老第1期：老人们的新年愿望"]);
      assert.equal(await page.locator(".related img.thumb").count(), 1);
    } finally {
      await close();
    }
  });

  it("gives the search box a 16 px or larger font, so phones do not zoom", async () => {
    const { page, close } = await open(375, "light", "/search?q=%E5%85%BB%E8%80%81");
    try {
      const px = await page.$eval("form[role=search] input", (el) => parseFloat(getComputedStyle(el).fontSize));
      assert.ok(px >= 16, `${px}px`);
      assert.match((await page.textContent(".count")) ?? "", /找到 \d+ 篇相关文章/);
    } finally {
      await close();
    }
  });
});
