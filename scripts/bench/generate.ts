/** Generated posts for benchmarks: realistic size (~3 KB of Chinese HTML), distinct codes. */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const CATEGORIES = [
  ["caijing", "财经要闻"],
  ["keji", "科技前沿"],
  ["guoji", "国际财经"],
  ["shichang", "市场动态"],
  ["beifangwang", "北方网新闻"],
] as const;
const TAGS = ["养老", "太保", "疫情防控", "新能源", "人工智能", "A股", "美联储", "保险", "基金", "债券"];
const PARAGRAPH =
  "<p>今年以来，多家保险机构持续加大对实体经济的支持力度，围绕养老、健康和普惠金融推出多项服务举措。" +
  "业内人士表示，随着相关政策逐步落地，行业有望在稳增长、防风险之间找到新的平衡点，并进一步提升服务质效。</p>\n";

export function benchInfoCode(i: number): string {
  return `BN20240101${String(i).padStart(10, "0")}`;
}

export function benchTitle(i: number): string {
  return `基准测试文章 ${i}：保险业支持实体经济的新举措`;
}

/** The slug of post i's category. */
export function benchCategory(i: number): string {
  return (CATEGORIES[i % CATEGORIES.length] ?? CATEGORIES[0])[0];
}

export function benchPost(i: number): string {
  const [slug, name] = CATEGORIES[i % CATEGORIES.length] ?? CATEGORIES[0];
  const minutes = i % (60 * 24 * 365);
  const date = new Date(Date.UTC(2024, 0, 1) + minutes * 60_000);
  const stamp = date.toISOString().replace("T", " ").slice(0, 19);
  const tags = [TAGS[i % TAGS.length], TAGS[(i * 7 + 3) % TAGS.length]];
  return [
    "---",
    "layout: post",
    `title: "${benchTitle(i)}"`,
    `date: ${stamp} +0800`,
    `categories: ${slug}`,
    `tags: ${JSON.stringify([...new Set(tags)])}`,
    `info_code: ${benchInfoCode(i)}`,
    "---",
    PARAGRAPH.repeat(8) + '<p class="em_media">（文章来源：基准测试）</p>',
    "",
    `[返回${name}](//example.com/category/${slug}.html)｜[返回首页](//example.com/)`,
    "",
  ].join("\n");
}

/** Writes n posts into a fresh folder and returns it. */
export function writeBenchPosts(dir: string, n: number): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) writeFileSync(path.join(dir, `${benchInfoCode(i)}.md`), benchPost(i));
  return dir;
}
