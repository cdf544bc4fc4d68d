/**
 * `npm run screenshots`: full-page PNGs of every page type (scripts/lib/reader-site.ts) at
 * 375 and 1280 px, light and dark, from Debian's Chromium with JavaScript off, into
 * .screenshots/ (git-ignored), and the pages of a post full of long unbreakable strings
 * (scripts/lib/overflow-posts.ts) at 320 px. For people to look at; the browser tests check
 * the rules.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { launchChromium } from "./lib/chromium";
import { OVERFLOW_PAGES, OVERFLOW_POSTS } from "./lib/overflow-posts";
import { PAGES, startReaderSite } from "./lib/reader-site";

const OUT = path.resolve(import.meta.dirname, "../.screenshots");
mkdirSync(OUT, { recursive: true });

const site = await startReaderSite({ extraPosts: OVERFLOW_POSTS });
const browser = await launchChromium();
try {
  for (const width of [375, 1280]) {
    for (const colorScheme of ["light", "dark"] as const) {
      const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme, javaScriptEnabled: false });
      const page = await context.newPage();
      for (const { name, path: pagePath } of PAGES) {
        await page.goto(`${site.origin}${pagePath}`, { waitUntil: "load" });
        const file = path.join(OUT, `${name}-${width}-${colorScheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
      }
      await context.close();
    }
  }
  const narrow = await browser.newContext({ viewport: { width: 320, height: 640 }, javaScriptEnabled: false });
  const page = await narrow.newPage();
  for (const { name, path: pagePath } of OVERFLOW_PAGES) {
    await page.goto(`${site.origin}${pagePath}`, { waitUntil: "load" });
    await page.screenshot({ path: path.join(OUT, `long-${name}-320.png`), fullPage: true });
  }
  await narrow.close();
  console.log(`screenshots: ${PAGES.length * 4 + OVERFLOW_PAGES.length} PNGs in ${path.relative(process.cwd(), OUT) || "."}`);
} finally {
  await browser.close();
  await site.stop();
}
