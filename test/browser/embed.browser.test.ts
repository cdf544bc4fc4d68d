/**
 * Partner embeds in a real browser: Debian's Chromium driven by playwright-core. The Worker
 * runs in workerd (Miniflare) on one 127.0.0.1 port, partner pages are served from other
 * ports, so every embed crosses origins as it does on the web.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { wordpressEmbed } from "../support/wordpress";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../../scripts/lib/chromium";
import { loopbackFetch } from "../../scripts/lib/loopback-fetch";

const ROOT = path.resolve(import.meta.dirname, "../..");
const state = mkdtempSync(path.join(os.tmpdir(), "edgewire-browser-"));
process.env.EDGEWIRE_PERSIST_TO = state;
const { applyLocalMigrations, buildWorker, startLocalWorker } = await import("../../scripts/lib/local-worker");

const CODES = ["NW202204282363815497", "NW202401010000000001", "NW202401010000000002"];
const TOKEN = "browser-test-token";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function serve(html: (port: number) => string): Promise<{ server: Server; origin: string }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  server.on("request", (_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(html(port));
  });
  return { server, origin: `http://127.0.0.1:${port}` };
}

const card = (site: string, code: string, title: string) =>
  `<blockquote class="edgewire-card" data-info-code="${code}"><a href="${site}/a/${code}">${title}</a></blockquote>`;

let browser: Browser;
let site = "";
const stops: (() => Promise<unknown>)[] = [];
let partnerOrigin = "";

before(async () => {
  applyLocalMigrations();
  // Inside the project: workerd refuses module paths that climb out of its working folder.
  const scriptPath = buildWorker(path.join(ROOT, ".wrangler/dist-browser"));
  const port = await freePort();
  site = `http://127.0.0.1:${port}`;
  const worker = await startLocalWorker({ port, scriptPath, bindings: { SITE_URL: site, ADMIN_TOKEN: TOKEN } });
  stops.push(worker.dispose);
  const posts = [
    readFileSync(path.join(ROOT, "test/fixtures/2022-04-28-NW202204282363815497.md"), "utf8"),
    readFileSync(path.join(ROOT, "test/fixtures/import-batch/2024-01-01-NW202401010000000001.md"), "utf8"),
    readFileSync(path.join(ROOT, "test/fixtures/import-batch/2024-01-01-NW202401010000000002.md"), "utf8"),
  ];
  const res = await loopbackFetch(`${site}/api/v1/admin/import`, {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ posts }),
  });
  assert.equal(res.status, 200, await res.text());

  const partner = await serve(
    () => `<!doctype html><html><head><meta name="viewport" content="width=device-width,initial-scale=1"></head><body style="margin:8px">
<h1>Partner news</h1>
${card(site, CODES[0]!, "卡片一")}
<div style="display:flex;gap:8px"><div style="width:180px">${card(site, CODES[1]!, "窄栏卡片")}</div><div style="flex:1">${card(site, CODES[2]!, "卡片三")}</div></div>
<script async src="${site}/embed.js"></script><script async src="${site}/embed.js"></script>
</body></html>`,
  );
  partnerOrigin = partner.origin;
  stops.push(() => new Promise((resolve) => partner.server.close(resolve)));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  for (const stop of stops.reverse()) await stop();
  rmSync(state, { recursive: true, force: true });
});

async function cardSizes(page: Page) {
  await page.waitForFunction(() => document.querySelectorAll("iframe[data-info-code]").length === 3);
  const frames = page.frames().filter((f) => f.url().includes("/embed/"));
  await Promise.all(frames.map((f) => f.waitForLoadState("load")));
  // The iframes settle once each card's height message has been applied.
  await page.waitForFunction(
    () => [...document.querySelectorAll<HTMLIFrameElement>("iframe[data-info-code]")].every((f) => f.style.height !== "240px"),
    undefined,
    { timeout: 10_000 },
  );
  await page.waitForTimeout(200);
  return Promise.all(
    frames.map(async (frame) => {
      const element = await frame.frameElement();
      const box = await element.evaluate((el) => ({ height: (el as HTMLIFrameElement).clientHeight, width: (el as HTMLIFrameElement).clientWidth }));
      const inner = await frame.evaluate(() => ({ content: document.documentElement.scrollHeight, view: window.innerHeight, title: document.querySelector("h1")?.textContent ?? "" }));
      return { box, inner };
    }),
  );
}

for (const width of [375, 1280]) {
  describe(`partner page at ${width} px`, () => {
    it("shows three cards sized to their content: no scrollbar, no clipping", async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(partnerOrigin);
      const sizes = await cardSizes(page);
      assert.equal(sizes.length, 3);
      for (const { box, inner } of sizes) {
        assert.ok(inner.title.length > 0, "the card shows its title");
        assert.ok(Math.abs(box.height - inner.content) <= 1, `iframe ${box.height}px vs card ${inner.content}px`);
        assert.ok(inner.content <= inner.view + 1, "no scrolling inside the card");
      }
      assert.equal(await page.locator("blockquote.edgewire-card").count(), 0, "every blockquote was replaced once");
      await context.close();
    });
  });
}

describe("without JavaScript", () => {
  it("keeps each blockquote as a readable link", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(partnerOrigin);
    assert.equal(await page.locator("blockquote.edgewire-card a").count(), 3);
    assert.equal(await page.locator("blockquote.edgewire-card a").first().getAttribute("href"), `${site}/a/${CODES[0]}`);
    assert.equal(await page.locator("iframe").count(), 0);
    await context.close();
  });

  // The pages BENCHMARKS.md weighs: each shows its content with scripts off, at phone width.
  for (const [name, pagePath, expected] of [
    ["article page", `/a/${CODES[0]}`, /中国太保聚焦主责主业/],
    ["category page", "/category/beifangwang.html", /中国太保聚焦主责主业/],
    ["home page", "/", /中国太保聚焦主责主业/],
    ["embed card", `/embed/${CODES[0]}`, /中国太保聚焦主责主业/],
  ] as const) {
    it(`shows the ${name} with its text on screen`, async () => {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } });
      const page = await context.newPage();
      const res = await page.goto(`${site}${pagePath}`);
      assert.equal(res?.status(), 200);
      const heading = page.locator(name === "article page" || name === "embed card" ? "h1" : "main a").filter({ hasText: expected }).first();
      assert.ok(await heading.isVisible(), `${name}: the headline is visible`);
      const box = await heading.boundingBox();
      assert.ok(box && box.width > 0 && box.height > 0 && box.x >= 0 && box.x + box.width <= 376, `${name}: the headline sits inside a phone's width`);
      if (name === "article page") assert.ok(await page.getByText("守”好主业").first().isVisible(), "the article body is visible");
      await context.close();
    });
  }
});

/** A host script that speaks WordPress's wp-embed protocol (restated, not WordPress's code). */
const WP_HOST_SCRIPT = `addEventListener("message",function(e){var d=e.data;if(!d||typeof d.secret!=="string"||!d.secret||d.message!=="height")return;
document.querySelectorAll('iframe[data-secret="'+d.secret+'"]').forEach(function(f){if(f.contentWindow!==e.source)return;f.removeAttribute("style");f.height=String(Math.min(Math.max(d.value,200),1000));
document.querySelectorAll('blockquote[data-secret="'+d.secret+'"]').forEach(function(b){b.style.display="none"})})});`;

async function oembedHtml(code: string): Promise<string> {
  const res = await loopbackFetch(`${site}/oembed?url=${encodeURIComponent(`${site}/a/${code}`)}`);
  assert.equal(res.status, 200);
  return ((await res.json()) as { html: string }).html;
}

async function shownFrame(page: Page) {
  await page.waitForFunction(() => {
    const f = document.querySelector("iframe");
    return f !== null && getComputedStyle(f).position !== "absolute" && f.clientHeight > 0;
  }, undefined, { timeout: 10_000 });
  await page.waitForTimeout(300);
  const element = await page.$("iframe");
  const frame = await element?.contentFrame();
  assert.ok(element && frame, "the card frame is on the page");
  assert.match(frame.url(), /\/embed\/[A-Z]{2}\d{18}/, "the frame shows a card");
  const height = await element.evaluate((el) => (el as HTMLIFrameElement).clientHeight);
  const content = await frame.evaluate(() => document.documentElement.scrollHeight);
  const title = await frame.evaluate(() => document.querySelector("h1")?.textContent ?? "");
  return { height, content, title };
}

describe("hosts that take our oEmbed html", () => {
  it("sizes the card in a WordPress page: sandboxed allow-scripts only, secret in the URL, blockquote hidden", async () => {
    const embed = wordpressEmbed(await oembedHtml(CODES[0]!), "k3Jd9sLq0Z");
    assert.ok(embed, "WordPress keeps the embed");
    const host = await serve(() => `<!doctype html><body style="width:600px">${embed}<script>${WP_HOST_SCRIPT}</script></body>`);
    try {
      const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
      const page = await context.newPage();
      await page.goto(host.origin);
      const { height, content, title } = await shownFrame(page);
      assert.match(title, /中国太保/);
      assert.ok(Math.abs(height - Math.max(content, 200)) <= 1, `iframe ${height}px vs card ${content}px`);
      assert.equal(await page.locator("blockquote").isVisible(), false, "the fallback blockquote is hidden once the card shows");
      await context.close();
    } finally {
      await new Promise((resolve) => host.server.close(resolve));
    }
  });

  it("sizes the card on a page that keeps the html as it is (Ghost, plain HTML): embed.js adopts the iframe", async () => {
    const html = await oembedHtml(CODES[1]!);
    const host = await serve(() => `<!doctype html><body style="width:600px">${html}</body>`);
    try {
      const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
      const page = await context.newPage();
      await page.goto(host.origin);
      const { height, content } = await shownFrame(page);
      assert.ok(Math.abs(height - content) <= 1, `iframe ${height}px vs card ${content}px`);
      assert.equal(await page.locator("blockquote").count(), 0, "the fallback gave way to the card");
      assert.equal(await page.locator("iframe").count(), 1, "the iframe was adopted, not duplicated");
      assert.match((await page.locator("iframe").getAttribute("src")) ?? "", /#\?secret=[a-z0-9]{12}$/);
      await context.close();
    } finally {
      await new Promise((resolve) => host.server.close(resolve));
    }
  });

  it("sends nothing when the card is opened on its own", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { posted: number };
      w.posted = 0;
      const original = window.postMessage.bind(window);
      window.postMessage = ((...args: Parameters<typeof window.postMessage>) => {
        w.posted += 1;
        return original(...args);
      }) as typeof window.postMessage;
    });
    await page.goto(`${site}/embed/${CODES[0]}#?secret=abcdefghij`);
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => (window as unknown as { posted: number }).posted), 0);
    await context.close();
  });
});

describe("a configured partner list", () => {
  it("lets partners frame the card and refuses other origins", async () => {
    const port = await freePort();
    const limitedSite = `http://127.0.0.1:${port}`;
    const allowedPage = await serve(() => `<!doctype html><iframe id="f" src="${limitedSite}/embed/${CODES[0]}"></iframe>`);
    const otherPage = await serve(() => `<!doctype html><iframe id="f" src="${limitedSite}/embed/${CODES[0]}"></iframe>`);
    const limited = await startLocalWorker({
      port,
      scriptPath: path.join(ROOT, ".wrangler/dist-browser/index.js"),
      bindings: { SITE_URL: limitedSite, ADMIN_TOKEN: TOKEN, EMBED_PARTNERS: allowedPage.origin },
    });
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      const titleIn = async (origin: string) => {
        await page.goto(origin);
        await page.waitForTimeout(1000);
        const frame = page.frames().find((f) => f !== page.mainFrame());
        return frame ? frame.evaluate(() => document.querySelector("h1")?.textContent ?? "").catch(() => "") : "";
      };
      assert.match(await titleIn(allowedPage.origin), /中国太保/);
      // Chromium replaces a refused frame with its own "is blocked" error page.
      assert.doesNotMatch(await titleIn(otherPage.origin), /中国太保/);
      await context.close();
    } finally {
      await limited.dispose();
      await new Promise((resolve) => allowedPage.server.close(resolve));
      await new Promise((resolve) => otherPage.server.close(resolve));
    }
  });
});
