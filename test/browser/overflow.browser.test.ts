/**
 * No page scrolls sideways on a phone, however long the unbreakable strings in a post: URLs,
 * digit runs (info codes, IDs), long Latin words, a wide table, a long code line, a long tag,
 * source and author. Each reader page that shows such a post is opened at 320 and 375 px in
 * Debian's Chromium; the page fails if it is wider than the window or cuts text off at its
 * edge, naming what sticks out.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchChromium } from "../../scripts/lib/chromium";
import { OVERFLOW_PAGES, OVERFLOW_POSTS } from "../../scripts/lib/overflow-posts";
import { startReaderSite, type ReaderSite } from "../../scripts/lib/reader-site";

let browser: Browser;
let site: ReaderSite;

before(async () => {
  site = await startReaderSite({ imageHost: false, extraPosts: OVERFLOW_POSTS });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await site?.stop();
});

/**
 * Runs in the page: how far the document is wider than the window, and what sticks out past
 * the window's edge furthest, unless inside something the reader can scroll (a pre or table
 * scrolling inside itself is fine; text cut off by `overflow:hidden`, as on the embed card,
 * is not). Text is measured by its own line boxes, not its element's: every block around a
 * too-wide title is as wide as the title, so only the text names the culprit. Source text,
 * not a function: tsx would wrap a function's inner helpers in a `__name` call that does not
 * exist in the page.
 */
const MEASURE = `(() => {
  const unscrolled = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (["auto", "scroll"].includes(getComputedStyle(p).overflowX)) return false;
    }
    return true;
  };
  const label = (el) => "<" + el.tagName.toLowerCase() + (el.className ? ' class="' + el.className + '"' : "") + ">";
  let widest = null;
  let right = window.innerWidth + 0.5; // half a pixel for subpixel edges
  const consider = (rect, el, what) => {
    if (rect.right > right && unscrolled(el)) {
      right = rect.right;
      widest = label(el) + " " + what + ", right edge at " + Math.round(rect.right) + "px";
    }
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.textContent || "").trim();
    if (!text || !node.parentElement) continue;
    range.selectNodeContents(node);
    consider(range.getBoundingClientRect(), node.parentElement, "text " + JSON.stringify(text.slice(0, 60)));
  }
  for (const el of document.body.querySelectorAll("img, table, pre, iframe, video, input, button")) {
    consider(el.getBoundingClientRect(), el, Math.round(el.getBoundingClientRect().width) + "px wide");
  }
  return { overflow: document.documentElement.scrollWidth - window.innerWidth, widest };
})()`;

for (const width of [320, 375]) {
  describe(`nothing scrolls sideways at ${width} px`, () => {
    for (const { name, path: pagePath } of OVERFLOW_PAGES) {
      it(`${name} (${pagePath})`, async () => {
        const context = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled: true });
        try {
          const page = await context.newPage();
          const res = await page.goto(`${site.origin}${pagePath}`, { waitUntil: "load" });
          assert.equal(res?.status(), 200);
          // The long post is really on the page, so a pass is not an empty page passing.
          const text = (await page.textContent("body")) ?? "";
          if (name !== "article-plain") assert.ok(text.includes("超长链接"), `${name}: the long post is not shown`);
          const { overflow, widest } = await page.evaluate<{ overflow: number; widest: string | null }>(MEASURE);
          assert.ok(overflow <= 0, `${name} at ${width}px: the page is ${overflow}px wider than the window; widest: ${widest}`);
          assert.ok(widest === null, `${name} at ${width}px: cut off at the window's edge: ${widest}`);
        } finally {
          await context.close();
        }
      });
    }
  });
}
