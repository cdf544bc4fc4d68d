/**
 * Site chrome that partner sites append to every post: the bare share link and the
 * "back to …" footer. It is not content, but it carries facts (the info code, the
 * category's display name), so it is read before it is dropped.
 */
import { stripMirrorChrome } from "./mirror-chrome";

/** `index` is the share link's position in bodyLines. */
export type ShareLink = { url: string; infoCode: string; index: number };
export type FooterCategory = { slug: string; name: string };

export type Boilerplate = {
  /** The Markdown body with chrome lines removed and trailing blank lines trimmed. */
  markdown: string;
  shareLink: ShareLink | null;
  footerCategories: FooterCategory[];
  /** From a `原文链接` line (see mirror-chrome.ts). */
  originalUrl: string | null;
};

// `<http://host/html_News/NewsShare.html?infoCode=NW…>` alone on a line; brackets optional.
const SHARE_RE = /^\s*<?(https?:\/\/[^\s<>]+\/html_News\/NewsShare\.html\?[^\s<>]*)>?\s*$/i;
// Link destinations may hold one level of balanced parentheses, as CommonMark allows.
const DEST = String.raw`\(((?:[^()\s]|\([^()\s]*\))*)\)`;
const LINK = String.raw`\[返回[^\]\n]*\]${DEST}`;
// A line made only of "返回…" (back to …) links, separated by full- or half-width bars.
const FOOTER_RE = new RegExp(String.raw`^\s*${LINK}(?:\s*[｜|]\s*${LINK})*\s*$`);
const FOOTER_LINK_RE = new RegExp(String.raw`\[返回([^\]\n]*)\]${DEST}`, "g");
const CATEGORY_PATH_RE = /\/category\/([^/?#]+)\.html(?:[?#]|$)/i;
const FENCE_RE = /^\s{0,3}(`{3,}|~{3,})/;
// A closing fence has nothing after its marks (CommonMark): "```java" inside a block is content.
const CLOSING_FENCE_RE = /^\s{0,3}(?:`{3,}|~{3,})\s*$/;

function shareLink(line: string, index: number): ShareLink | null {
  const m = SHARE_RE.exec(line);
  if (!m?.[1]) return null;
  let url: URL;
  try {
    url = new URL(m[1]);
  } catch {
    return null;
  }
  return { url: url.href, infoCode: url.searchParams.get("infoCode") ?? "", index };
}

function footerCategories(line: string): FooterCategory[] {
  const found: FooterCategory[] = [];
  for (const m of line.matchAll(FOOTER_LINK_RE)) {
    const name = (m[1] ?? "").trim();
    const slug = CATEGORY_PATH_RE.exec(m[2] ?? "")?.[1];
    if (slug && name) found.push({ slug: decodeURIComponentSafe(slug).toLowerCase(), name });
  }
  return found;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Removes chrome lines from the body. Lines inside fenced code blocks are left alone:
 * a post that shows such a line as an example keeps it.
 */
export function stripBoilerplate(bodyLines: string[]): Boilerplate {
  const kept: string[] = [];
  let share: ShareLink | null = null;
  const categories: FooterCategory[] = [];
  let fence: string | null = null;
  let originalUrl: string | null = null;

  for (const [i, text] of bodyLines.entries()) {
    const fenceMark = FENCE_RE.exec(text)?.[1];
    if (fence !== null) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length && CLOSING_FENCE_RE.test(text)) fence = null;
      kept.push(text);
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      kept.push(text);
      continue;
    }
    const link = shareLink(text, i);
    if (link) {
      share ??= link;
      continue;
    }
    if (FOOTER_RE.test(text)) {
      categories.push(...footerCategories(text));
      continue;
    }
    const mirror = stripMirrorChrome(text);
    originalUrl ??= mirror.originalUrl;
    if (mirror.line !== null) kept.push(mirror.line);
  }

  while (kept.length > 0 && (kept[kept.length - 1] ?? "").trim() === "") kept.pop();
  return { markdown: kept.join("\n"), shareLink: share, footerCategories: categories, originalUrl };
}
