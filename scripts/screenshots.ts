/**
 * `npm run screenshots`: full-page PNGs of every page type (scripts/lib/reader-site.ts) at
 * 375 and 1280 px, light and dark, from Debian's Chromium with JavaScript off, into
 * .screenshots/ (git-ignored). For people to look at; the browser test checks the rules.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { launchChromium } from "./lib/chromium";
import { PAGES, startReaderSite } from "./lib/reader-site";

const OUT = path.resolve(import.meta.dirname, "../.screenshots");
mkdirSync(OUT, { recursive: true });

const site = await startReaderSite();
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
  console.log(`screenshots: ${PAGES.length * 4} PNGs in ${path.relative(process.cwd(), OUT) || "."}`);
} finally {
  await browser.close();
  await site.stop();
}
