/**
 * A generated Git archive shaped like the mirror `npm run sync` follows: `_config.yml` with
 * timezone, posts in `_posts/` named by their code's 18 digits, older ones moved to
 * `old_post/`, bodies of 300–3,000 bytes of Chinese text (a few longer), the upstream share
 * link line and the footer. Used by the sync benchmark and test/node/sync.test.ts.
 *   tsx scripts/bench/sync-archive.ts <folder> <posts>         writes and commits an archive
 *   tsx scripts/bench/sync-archive.ts <folder> <from> --add <n>  commits n new posts from number <from>
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const SENTENCES = [
  "今年以来，多家金融机构持续加大对实体经济的支持力度。",
  "业内人士表示，随着相关政策逐步落地，市场信心有望进一步恢复。",
  "数据显示，一季度社会消费品零售总额同比增长，服务消费明显回暖。",
  "专家认为，稳增长与防风险需要统筹兼顾，政策工具仍有发力空间。",
  "记者从有关部门获悉，相关项目已进入实施阶段，预计年内完工。",
  "分析人士指出，外部环境依然复杂，企业应加强风险管理。",
];
const CATEGORIES = [["beifangwang", "北方网新闻"], ["caijing", "财经要闻"], ["keji", "科技前沿"]] as const;

/** A small deterministic generator, so the same n gives the same archive. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x1_0000_0000;
  };
}

/** The 18 digits of post i's code: its day, then a serial. */
export function archiveDigits(i: number): string {
  const day = new Date(Date.UTC(2021, 11, 8) + Math.floor(i / 400) * 86_400_000).toISOString().slice(0, 10);
  return `${day.replace(/-/g, "")}${String(2206735975 + i).padStart(10, "0")}`;
}

export const archiveCode = (i: number): string => `NW${archiveDigits(i)}`;

/** Post i's file name, as the mirror names it (date, then the code's digits). */
export function archiveFileName(i: number): string {
  const d = archiveDigits(i);
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}-${d}.md`;
}

/** Post i's text; `edit` > 0 gives a changed version of it. */
export function archivePost(i: number, edit = 0): string {
  const rnd = random(i * 7919 + 17);
  const [slug, name] = CATEGORIES[i % CATEGORIES.length] ?? CATEGORIES[0];
  // Most bodies 300–3,000 bytes; one in twenty up to about 9,000.
  const target = rnd() < 0.05 ? 3_000 + Math.floor(rnd() * 6_000) : 300 + Math.floor(rnd() * 2_700);
  const paragraphs: string[] = [];
  let bytes = 0;
  while (bytes < target) {
    let p = "";
    for (let k = 0; k < 3; k++) p += SENTENCES[Math.floor(rnd() * SENTENCES.length)] ?? "";
    paragraphs.push(`<p>${p}</p>`);
    bytes += Buffer.byteLength(p) + 7;
  }
  if (edit > 0) paragraphs.push(`<p>（更新 ${edit}）补充报道：相关部门已作出回应。</p>`);
  const d = archiveDigits(i);
  const minute = i % 1440;
  const time = `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}:01`;
  return [
    "---",
    "layout: post",
    `title: "${name}第${i}号：金融支持实体经济${edit > 0 ? `（更新${edit}）` : ""}"`,
    `date: ${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)} ${time}`,
    `categories: ${slug}`,
    `tags: ${name}`,
    "---",
    `${paragraphs.join("\n ")}<p class="em_media">（文章来源：${name.replace(/新闻$/, "")}）</p>`,
    "",
    `<http://finews.example/html_News/NewsShare.html?infoCode=NW${d}>`,
    "",
    `[返回${name}](//finews.example/category/${slug}.html)｜[返回首页](//finews.example/)`,
    "",
  ].join("\n");
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd: dir,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, GIT_AUTHOR_NAME: "bench", GIT_AUTHOR_EMAIL: "bench@example.com", GIT_COMMITTER_NAME: "bench", GIT_COMMITTER_EMAIL: "bench@example.com" },
  }).trim();
}

export function commitAll(dir: string, message: string): string {
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", message);
  return git(dir, "rev-parse", "HEAD");
}

export const ARCHIVE_CONFIG = "title: 财经新闻镜像\nurl: https://finews.example\ntimezone: Asia/Shanghai\nlang: zh-CN\n";

/** A fresh Git archive of n posts, the first quarter already moved to old_post/. Returns its HEAD. */
export function writeArchive(dir: string, n: number): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "_posts"), { recursive: true });
  mkdirSync(path.join(dir, "old_post"), { recursive: true });
  writeFileSync(path.join(dir, "_config.yml"), ARCHIVE_CONFIG);
  const moved = Math.floor(n / 4);
  for (let i = 0; i < n; i++) writeFileSync(path.join(dir, i < moved ? "old_post" : "_posts", archiveFileName(i)), archivePost(i));
  git(dir, "init", "-q", "-b", "main");
  return commitAll(dir, `${n} posts`);
}

/** Commits n new posts (numbers from, from+1, …) into _posts/, as the mirror's scraper does. Returns the new HEAD. */
export function addArchivePosts(dir: string, from: number, n: number): string {
  for (let i = from; i < from + n; i++) writeFileSync(path.join(dir, "_posts", archiveFileName(i)), archivePost(i));
  return commitAll(dir, `${n} new posts`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, count, flag, added] = process.argv.slice(2);
  if (!dir || !count) {
    console.error("usage: tsx scripts/bench/sync-archive.ts <folder> <posts> | <folder> <from> --add <n>");
    process.exit(2);
  }
  console.log(flag === "--add" ? addArchivePosts(path.resolve(dir), Number(count), Number(added)) : writeArchive(path.resolve(dir), Number(count)));
}
