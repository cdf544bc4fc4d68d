/**
 * The mirror's link to the original article: a line that is only `<http://upstream/…>`,
 * a bare `http://upstream/…`, or an empty `<>`, in the run of chrome that ends the body
 * (often twice, around the footer). The first URL is the original article's; none of the
 * run stays in the body. A URL line with content after it is content, and so is one that
 * a paragraph ending in a colon introduces ("详见：").
 */
const AUTOLINK_RE = /^\s*<(https?:\/\/[^\s<>]+)>\s*$/i;
const BARE_URL_RE = /^\s*(https?:\/\/[^\s<>]+)\s*$/i;
const EMPTY_AUTOLINK_RE = /^\s*<\s*>\s*$/;
const INTRODUCES_RE = /[:：]\s*(?:<\/p>\s*)?$/i;

/** The URL of a link line (null for `<>`); undefined when the line is something else. */
export function upstreamLinkLine(line: string): string | null | undefined {
  const url = AUTOLINK_RE.exec(line)?.[1] ?? BARE_URL_RE.exec(line)?.[1];
  if (url !== undefined) return url;
  return EMPTY_AUTOLINK_RE.test(line) ? null : undefined;
}

export type BodyLine = { text: string; fenced: boolean };

/**
 * Removes the trailing link lines from `lines` (kept body lines, chrome such as the
 * footer already out) and returns the first URL among them. Fenced lines are content.
 */
export function takeTrailingUpstreamLinks(lines: BodyLine[]): { lines: BodyLine[]; url: string | null } {
  let start = lines.length;
  let links = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (!line || line.fenced) break;
    if (line.text.trim() === "") {
      start = i;
      continue;
    }
    if (upstreamLinkLine(line.text) === undefined) break;
    start = i;
    links++;
  }
  const content = lines.slice(0, start);
  const last = [...content].reverse().find((l) => l.text.trim() !== "");
  // Nothing before the run (a post that is only a link) or an introduced link: content.
  if (links === 0 || !last || (!last.fenced && INTRODUCES_RE.test(last.text))) return { lines, url: null };
  let url: string | null = null;
  for (const line of lines.slice(start)) url ??= upstreamLinkLine(line.text) ?? null;
  return { lines: content, url };
}
