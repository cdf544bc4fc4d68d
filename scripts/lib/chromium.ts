/**
 * Debian's Chromium, started the one way the browser tests and `npm run screenshots` use:
 * headless, no sandbox (containers), and nothing that calls out to the network on its own.
 */
import { chromium, type Browser } from "playwright-core";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}
