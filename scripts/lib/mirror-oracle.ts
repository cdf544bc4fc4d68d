/**
 * What a news mirror's post says of itself, read from its raw text with rules of their own
 * (not the importer's parser), so scripts/measure-mirror.ts can hold the imported article
 * against it: the front matter's wall time, the footer's category name, the upstream
 * article links, the credit at the end of the text.
 */
export type MirrorExpectation = {
  /** "2021-12-08 10:39:01" as written, without any offset. */
  wallTime: string | null;
  /** "东财滚动新闻" from `[返回东财滚动新闻](…)`. */
  categoryName: string | null;
  /** The front matter's first category ("emnews"), lower-cased. */
  categorySlug: string | null;
  /** `<http://…>` lines that are not the share link, in order. */
  upstreamUrls: string[];
  /** "央视新闻" from a final "(央视新闻)" or "（来源：澎湃新闻）". */
  credit: string | null;
};

const CATEGORY_RE = /^categories:\s*\[?\s*["']?([^\s,"'\]]+)/m;
const DATE_RE = /^date:\s*["']?(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?)/m;
const FOOTER_RE = /\[返回([^\]\n]+)\]\(/g;
const ANGLE_URL_RE = /^\s*<(https?:\/\/[^\s<>]+)>\s*$/;
const CREDIT_RE = /[（(]\s*(?:(?:文章|稿件)?来源\s*[:：]\s*)?([^（()）。，；,;:：\n]{1,20}?)\s*[)）]\s*(?:<\/p>)?\s*$/;

export function mirrorExpectations(raw: string): MirrorExpectation {
  const text = raw.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const fm = /^\s*---\n([\s\S]*?)\n---\n/.exec(text);
  const body = fm ? text.slice(fm[0].length + fm.index) : text;
  const wallTime = fm ? (DATE_RE.exec(fm[1] ?? "")?.[1]?.replace("T", " ") ?? null) : null;

  let categoryName: string | null = null;
  for (const m of body.matchAll(FOOTER_RE)) {
    const name = (m[1] ?? "").trim();
    if (name !== "首页") {
      categoryName = name;
      break;
    }
  }

  const lines = body.split("\n");
  const upstreamUrls: string[] = [];
  for (const line of lines) {
    const url = ANGLE_URL_RE.exec(line)?.[1];
    if (url && !/\/html_News\/NewsShare\.html/i.test(url)) upstreamUrls.push(url);
  }

  // The last line with words in it that is neither a link line nor the footer.
  const content = lines.filter((l) => l.trim() !== "" && !/^\s*<[^>]*>\s*$/.test(l) && !/^\s*\[返回/.test(l));
  const last = content[content.length - 1] ?? "";
  const credit = CREDIT_RE.exec(last)?.[1]?.trim() ?? null;
  const categorySlug = fm ? (CATEGORY_RE.exec(fm[1] ?? "")?.[1]?.toLowerCase() ?? null) : null;
  return { wallTime, categoryName, categorySlug, upstreamUrls, credit: credit && !/^\d+$/.test(credit) ? credit : null };
}
