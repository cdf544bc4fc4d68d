/**
 * Site chrome that partner sites append to every post: the bare share link, the
 * "back to …" footer (footer-links.ts) and the upstream article link (upstream-link.ts).
 * It is not content, but it carries facts (the info code, the category's display name,
 * the original URL), so it is read before it is dropped.
 */
import { footerCategories, isFooterLine, type FooterCategory } from "./footer-links";
import { stripMirrorChrome } from "./mirror-chrome";
import { takeTrailingUpstreamLinks, type BodyLine } from "./upstream-link";

/** `index` is the share link's position in bodyLines. */
export type ShareLink = { url: string; infoCode: string; index: number };
export type { FooterCategory };

export type Boilerplate = {
  /** The Markdown body with chrome lines removed and trailing blank lines trimmed. */
  markdown: string;
  shareLink: ShareLink | null;
  footerCategories: FooterCategory[];
  /** From a `原文链接` line (see mirror-chrome.ts), else the trailing upstream link (upstream-link.ts). */
  originalUrl: string | null;
};

// `<http://host/html_News/NewsShare.html?infoCode=NW…>` alone on a line; brackets optional.
const SHARE_RE = /^\s*<?(https?:\/\/[^\s<>]+\/html_News\/NewsShare\.html\?[^\s<>]*)>?\s*$/i;
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

/**
 * Removes chrome lines from the body. Lines inside fenced code blocks are left alone:
 * a post that shows such a line as an example keeps it.
 */
export function stripBoilerplate(bodyLines: string[]): Boilerplate {
  const kept: BodyLine[] = [];
  let share: ShareLink | null = null;
  const categories: FooterCategory[] = [];
  let fence: string | null = null;
  let originalUrl: string | null = null;

  for (const [i, text] of bodyLines.entries()) {
    const fenceMark = FENCE_RE.exec(text)?.[1];
    if (fence !== null) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length && CLOSING_FENCE_RE.test(text)) fence = null;
      kept.push({ text, fenced: true });
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      kept.push({ text, fenced: true });
      continue;
    }
    const link = shareLink(text, i);
    if (link) {
      share ??= link;
      continue;
    }
    if (isFooterLine(text)) {
      categories.push(...footerCategories(text));
      continue;
    }
    const mirror = stripMirrorChrome(text);
    originalUrl ??= mirror.originalUrl;
    if (mirror.line !== null) kept.push({ text: mirror.line, fenced: false });
  }

  const upstream = takeTrailingUpstreamLinks(kept);
  const lines = upstream.lines.map((l) => l.text);
  while (lines.length > 0 && (lines[lines.length - 1] ?? "").trim() === "") lines.pop();
  return { markdown: lines.join("\n"), shareLink: share, footerCategories: categories, originalUrl: originalUrl ?? upstream.url };
}
