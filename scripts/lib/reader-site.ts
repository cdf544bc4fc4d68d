/**
 * A small reader's site for the page tests and `npm run screenshots`: the Worker in workerd
 * (Miniflare) on a 127.0.0.1 port with its own fresh state, an image host on another port
 * (one image that loads, one that 404s, so both the picture and the fallback are seen), and
 * posts that cover what pages must handle: the seed article, Markdown headings, images with
 * and without sizes (captioned from an emphasized line and from a title), an English article, shared tags across categories, an unpublished one.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { loopbackFetch } from "./loopback-fetch";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TOKEN = "reader-site-token";

export const SEED = "NW202204282363815497";
export const RICH = "RS202401050000000001";
export const ENGLISH = "RS202401060000000002";

export type ReaderSite = { origin: string; stop: () => Promise<void> };

export type ReaderSiteOptions = {
  /** The Worker's 127.0.0.1 port; else EDGEWIRE_READER_PORT, else a free one. */
  port?: number;
  /**
   * False: no image host, so the site listens on one port only; the posts' pictures then
   * point at the Worker itself, miss there, and show the failed-image box.
   */
  imageHost?: boolean;
  /** Posts imported after the standard ones (build them with `post`). */
  extraPosts?: readonly string[];
};

async function listen(server: Server, port = 0): Promise<number> {
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** 480×320 pictures, drawn as SVG so the test needs no binary fixture. */
function imageHost(): Server {
  return createServer((req, res) => {
    const m = /^\/img\/(\w+)\.svg$/.exec(req.url ?? "");
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    const hue = [...(m[1] ?? "")].reduce((h, ch) => h + ch.charCodeAt(0) * 37, 0) % 360;
    res.writeHead(200, { "Content-Type": "image/svg+xml", "Cache-Control": "max-age=3600" });
    res.end(
      `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="320"><rect width="480" height="320" fill="hsl(${hue} 45% 55%)"/><circle cx="360" cy="90" r="40" fill="hsl(${hue} 60% 80%)"/><path d="M0 320 L160 150 L300 280 L380 210 L480 320Z" fill="hsl(${hue} 40% 30%)"/></svg>`,
    );
  });
}

/** A Jekyll post as partners send it, with the footer line that names its category. */
export function post(front: Record<string, string | string[]>, body: string, categoryName: string): string {
  const lines = ["---", "layout: post"];
  for (const [key, value] of Object.entries(front)) lines.push(`${key}: ${JSON.stringify(value)}`);
  lines.push("---", body, "", `[返回${categoryName}](//example.com/category/${String(front.categories)}.html)｜[返回首页](//example.com/)`);
  return lines.join("\n") + "\n";
}

function posts(images: string): string[] {
  const fixture = (name: string) => readFileSync(path.join(ROOT, "test/fixtures", name), "utf8");
  const rich = post(
    { title: "养老服务驿站开进社区：一碗热饭背后的基层治理新探索与长期照护体系建设", date: "2024-01-05 10:30:00 +0800", categories: "caijing", tags: ["养老", "社区", "民生"], info_code: RICH, image: `${images}/img/cover.svg` },
    [
      "新年伊始，某街道社区养老服务驿站正式开放，为周边老人提供助餐、日间照料和康复服务。驿站负责人介绍，[街道办事处](https://example.com/notice)此前做了三个月调研。",
      "",
      "## 一碗热饭",
      "",
      "驿站每天中午供应两荤两素，七十岁以上老人享受补贴。不少老人说，以前一个人做饭麻烦，现在走几步路就能吃上热饭。",
      "",
      `<img src="${images}/img/canteen.svg" alt="驿站食堂里，老人们在用午餐" width="480" height="320">`,
      "",
      "*驿站每天中午供应两荤两素*",
      "",
      "### 志愿者与专业护理",
      "",
      "驿站由专业机构运营，社区志愿者每周轮班。护理员都持证上岗，能提供测血压、康复训练等服务。",
      "",
      `![一张没能加载的图片](${images}/missing.jpg "这张图片的地址已失效")`,
      "",
      "> 街道负责人表示，后续还将开设健康讲座和智能手机课程。",
      "",
      '<p class="em_media">（文章来源：北方网）</p>',
    ].join("\n"),
    "财经要闻",
  );
  const english = post(
    { title: "Port of Tianjin opens a new automated container terminal", date: "2024-01-06", categories: "tech", tags: ["港口", "Technology"], info_code: ENGLISH, image: `${images}/missing-cover.jpg` },
    "The terminal handles ships with remote-controlled cranes and driverless trucks. Operators say it cuts turnaround time by a fifth, and the port plans two more berths by 2026.\n\nWorkers who once drove trucks now supervise them from a control room.",
    "科技",
  );
  const more = [1, 2, 3].map((n) =>
    post(
      { title: `社区养老第${n}期：老人们的新年愿望`, date: `2024-01-0${n + 1} 08:00:00 +0800`, categories: n === 2 ? "tech" : "beifangwang", tags: ["养老"], info_code: `RS20240102000000010${n}`, ...(n === 1 ? { image: `${images}/img/wish.svg` } : {}) },
      `<p>第${n}期走访：社区里的老人们说出了新年的愿望，有人想学用智能手机，有人想多见见孙辈。</p>`,
      n === 2 ? "科技" : "北方网新闻",
    ),
  );
  return [
    fixture("2022-04-28-NW202204282363815497.md"),
    fixture("import-batch/2024-01-01-NW202401010000000001.md"),
    fixture("import-batch/2024-01-01-NW202401010000000002.md"),
    fixture("import-batch/2024-01-01-NW202401010000000003.md"),
    rich,
    english,
    ...more,
  ];
}

/** The page types a reader meets, with the path that shows each. */
export const PAGES: readonly { name: string; path: string; status: number }[] = [
  { name: "article", path: `/a/${RICH}`, status: 200 },
  { name: "article-seed", path: `/a/${SEED}`, status: 200 },
  { name: "article-english", path: `/a/${ENGLISH}`, status: 200 },
  { name: "home", path: "/", status: 200 },
  { name: "category", path: "/category/beifangwang.html", status: 200 },
  { name: "tag", path: `/tag/${encodeURIComponent("养老")}.html`, status: 200 },
  { name: "search", path: "/search", status: 200 },
  { name: "search-results", path: `/search?q=${encodeURIComponent("养老")}`, status: 200 },
  { name: "search-none", path: `/search?q=${encodeURIComponent("火星移民")}`, status: 200 },
  { name: "not-found", path: "/a/NW209901010000000000", status: 404 },
  { name: "gone", path: "/a/RS202401020000000103", status: 410 },
  { name: "embed", path: `/embed/${SEED}`, status: 200 },
];

export async function startReaderSite(options: ReaderSiteOptions = {}): Promise<ReaderSite> {
  const state = mkdtempSync(path.join(os.tmpdir(), "edgewire-reader-"));
  process.env.EDGEWIRE_PERSIST_TO = state;
  const { applyLocalMigrations, buildWorker, startLocalWorker } = await import("./local-worker");
  const port = options.port ?? (Number(process.env.EDGEWIRE_READER_PORT) || (await freePort()));
  const origin = `http://127.0.0.1:${port}`;
  const images = options.imageHost === false ? null : imageHost();
  const imagesOrigin = images ? `http://127.0.0.1:${await listen(images)}` : origin;
  applyLocalMigrations();
  // Inside the project: workerd refuses module paths that climb out of its working folder.
  const scriptPath = buildWorker(path.join(ROOT, ".wrangler/dist-reader"));
  const worker = await startLocalWorker({
    port,
    scriptPath,
    bindings: { SITE_URL: origin, ADMIN_TOKEN: TOKEN, SITE_ABOUT_URL: "/about", SITE_CONTACT_URL: "mailto:x", SITE_COPYRIGHT: "© 2026 edgewire 新闻" },
  });
  const stop = async () => {
    await worker.dispose();
    if (images) await new Promise((resolve) => images.close(resolve));
    rmSync(state, { recursive: true, force: true });
  };
  const admin = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" };
  try {
    const res = await loopbackFetch(`${origin}/api/v1/admin/import`, { method: "POST", headers: admin, body: JSON.stringify({ posts: [...posts(imagesOrigin), ...(options.extraPosts ?? [])] }) });
    assert.equal(res.status, 200, await res.text());
    const gone = await loopbackFetch(`${origin}/api/v1/admin/articles/RS202401020000000103`, { method: "DELETE", headers: admin });
    assert.equal(gone.status, 200, await gone.text());
  } catch (err) {
    // A failed setup stops what it started: left running, workerd and the image server keep
    // the test process alive until CI's timeout instead of failing at once.
    await stop();
    throw err;
  }
  return { origin, stop };
}
