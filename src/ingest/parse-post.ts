/**
 * One Jekyll-style post in, one ParsedPost out. Pure: no I/O and no clock, so the same
 * text always gives the same article (and the same contentHash), in workerd and in Node.
 */
import { stripBoilerplate, type Boilerplate } from "./boilerplate";
import { FrontMatter, parseFrontMatter, splitFrontMatter, type Entry } from "./front-matter";
import { sha256Hex } from "./hash";
import { absoluteHttpUrl, firstImageUrl, htmlToText, sourceNameFrom, truncateText } from "../lib/html-text";
import { INGEST_TREE_LIMITS, lineOfNthTag, TreeLimitError } from "./html-tree";
import { MAX_POST_BYTES } from "./limits";
import { generateInfoCode, INFO_CODE_RULE, infoCodeFromFileName, infoCodeFromPath, isInfoCode } from "./info-code";
import { hasLiquid, stripLiquid } from "./liquid-strip";
import { renderMarkdown } from "./markdown";
import { MarkdownLimitError } from "./markdown-guard";
import { D1_MAX_ROW_BYTES, utf8Bytes } from "../lib/d1-limits";
import { DEFAULT_CATEGORY, readCategories } from "./post-categories";
import { readLang } from "./post-lang";
import { DEFAULT_OFFSET_MIN, parsePostDate, PostDateError, type PostDate } from "./post-date";
import { parsePostPath, titleFromSlug, type PostPath } from "./post-path";
import { readJekyllUrl } from "./post-url";
import { checkRowSize } from "./row-size";
import { OutputTooLargeError, sanitizeBody, SANITIZER_VERSION, type SanitizedBody } from "./sanitize";
import { defaultsFor } from "./site-defaults";
import { takeTextCredit } from "./text-credit";
import { cleanOptional, cleanText } from "./text-hygiene";
import { PostParseError, PostTooLargeError, type ParsedPost, type SiteContext } from "./types";
import type { Zone } from "./zone";

export type ParsePostOptions = {
  /** Offset for dates written without one; defaults to +08:00 (see DEFAULT_OFFSET_MIN). */
  defaultOffsetMin?: number;
  /** The file's path (site-relative for a site import): date, slug, info code, categories. */
  path?: string;
  /** The site's `_config.yml` context, sent by the import command for a site import. */
  site?: SiteContext;
};

// One post's source limit, in limits.ts so the main Worker can read it without the parser.
export { MAX_POST_BYTES };
export const MAX_TITLE_CHARS = 300;
export const MAX_TAGS = 20;
export const MAX_TAG_CHARS = 64;
export const SUMMARY_CHARS = 120;
export { DEFAULT_CATEGORY };

function checkSize(text: string): void {
  const bytes = utf8Bytes(text);
  if (bytes > MAX_POST_BYTES) {
    throw new PostTooLargeError(`The post is ${bytes} bytes; the limit is ${MAX_POST_BYTES} bytes (UTF-8).`, 1, bytes, MAX_POST_BYTES, null);
  }
}

/** BOM and CR line ends go; so do control characters and lone surrogates (text-hygiene.ts). */
function normalize(text: string): string {
  return cleanText(text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"));
}

const collapse = (s: string): string => s.replace(/\s+/g, " ").trim();

function readTitle(fm: FrontMatter, path: PostPath | null): string {
  const e = fm.entry("title");
  // Jekyll titles a post without one (or with `title:` empty) from its slug ("welcome-to-jekyll" -> "Welcome To Jekyll").
  if (!e && path?.dateText) {
    const line = fm.lineOf("title");
    if (line !== null) fm.warnings.push({ line, message: `\`title\` on line ${line} is empty; the title is made from the file name, as Jekyll does.` });
    return titleFromSlug(path.slug);
  }
  if (!e) {
    const line = fm.lineOf("title");
    const message = line === null ? "The front matter has no `title`: add a line `title: \"…\"`." : `\`title\` on line ${line} is empty.`;
    throw new PostParseError(message, line ?? 1, "title");
  }
  const title = collapse(cleanText(fm.text(e)));
  if (title === "") throw new PostParseError(`\`title\` on line ${e.line} is empty.`, e.line, "title");
  const length = Array.from(title).length;
  if (length > MAX_TITLE_CHARS) {
    throw new PostParseError(
      `\`title\` on line ${e.line} is ${length} characters; at most ${MAX_TITLE_CHARS} are allowed.`,
      e.line,
      "title",
    );
  }
  return title;
}

function readDate(fm: FrontMatter, e: Entry, zone: Zone, jekyll: boolean): { text: string; date: PostDate } {
  const text = fm.text(e).trim();
  try {
    // In a site, say where the newsroom's time differs from what Jekyll shows.
    const date = parsePostDate(text, zone, jekyll ? { jekyll: { unquoted: fm.isPlain(e) } } : {});
    for (const note of date.notes) fm.warnings.push({ line: e.line, message: `\`${e.key}\` on line ${e.line}: ${note}.` });
    return { text, date };
  } catch (err) {
    if (!(err instanceof PostDateError)) throw err;
    throw new PostParseError(`\`${e.key}\` on line ${e.line}: ${err.message}.`, e.line, e.key);
  }
}

/** Jekyll lists: trimmed, empty items dropped, duplicates removed in order. */
function cleanList(items: string[]): string[] {
  return [...new Set(items.map((s) => s.trim()).filter((s) => s !== ""))];
}

function readTags(fm: FrontMatter): string[] {
  const e = fm.entry("tags", "tag");
  if (!e) return [];
  const tags = cleanList(fm.list(e));
  const long = tags.find((t) => Array.from(t).length > MAX_TAG_CHARS);
  if (long !== undefined) {
    throw new PostParseError(
      `\`${e.key}\` on line ${e.line}: the tag "${truncateText(long, 20)}" is longer than ${MAX_TAG_CHARS} characters.`,
      e.line,
      e.key,
    );
  }
  if (tags.length > MAX_TAGS) {
    throw new PostParseError(
      `\`${e.key}\` on line ${e.line} has ${tags.length} tags; at most ${MAX_TAGS} are allowed.`,
      e.line,
      e.key,
    );
  }
  return tags;
}

type InfoCodes = { infoCode: string; priorCodes: string[]; codeFileName: string | null };

/**
 * The file name's date as a day (Jekyll's `2021-12-01-init.md`), read the same in any zone;
 * null when the name has none or it is no calendar day (Jekyll then uses front matter).
 */
function fileNameDay(path: PostPath): PostDate | null {
  if (!path.dateText) return null;
  try {
    return parsePostDate(path.dateText, 0);
  } catch (err) {
    if (!(err instanceof PostDateError)) throw err;
    return null;
  }
}

/**
 * A generated code depends only on what a post has however it is sent (info-code.ts): a
 * dated file name decides. priorCodes are the codes earlier rules gave the same post; the
 * write keeps an article already stored under one of them (src/db/post-identity.ts).
 */
async function generatedCodes(date: { text: string; date: PostDate }, title: string, path: PostPath | null, site: SiteContext | undefined): Promise<InfoCodes> {
  const siteCode = site && path ? await infoCodeFromPath(`${site.url ?? ""}${site.baseurl ?? ""}`, path.path, date.date) : null;
  const day = path ? fileNameDay(path) : null;
  // No dated file name: the earlier rules stand (a site's path; else date and title).
  if (!path || !day) return { infoCode: siteCode ?? (await generateInfoCode(date.text, title, date.date)), priorCodes: [], codeFileName: null };
  const fileName = path.path.slice(path.path.lastIndexOf("/") + 1);
  const infoCode = await infoCodeFromFileName(fileName, day);
  const prior = [siteCode, await generateInfoCode(date.text, title, date.date)];
  return { infoCode, priorCodes: [...new Set(prior.filter((c): c is string => c !== null && c !== infoCode))], codeFileName: fileName };
}

async function readInfoCode(
  fm: FrontMatter,
  chrome: Boilerplate,
  bodyStartLine: number,
  date: { text: string; date: PostDate },
  title: string,
  path: PostPath | null,
  site: SiteContext | undefined,
): Promise<InfoCodes> {
  const e = fm.entry("info_code");
  if (e) {
    const code = fm.text(e).trim();
    if (!isInfoCode(code)) {
      throw new PostParseError(`\`info_code\` on line ${e.line}: "${code}" is not ${INFO_CODE_RULE}.`, e.line, "info_code");
    }
    return { infoCode: code, priorCodes: [], codeFileName: null };
  }
  const link = chrome.shareLink;
  if (link) {
    if (!isInfoCode(link.infoCode)) {
      const line = bodyStartLine + link.index;
      throw new PostParseError(
        `The share link on line ${line} has infoCode "${link.infoCode}", which is not ${INFO_CODE_RULE}; fix it or set \`info_code\` in front matter.`,
        line,
        "infoCode",
      );
    }
    return { infoCode: link.infoCode, priorCodes: [], codeFileName: null };
  }
  if (path?.infoCode) return { infoCode: path.infoCode, priorCodes: [], codeFileName: null };
  return generatedCodes(date, title, path, site);
}

function readSummary(fm: FrontMatter, bodyHtml: string, creditText: string | null): string {
  const given = collapse(fm.optionalText(fm.entry("description", "summary", "excerpt")) ?? "");
  if (given !== "") return given;
  let text = htmlToText(bodyHtml);
  // The source credit is attribution, not the story: keep it out of the teaser. It is
  // matched as text because the sanitizer may drop the class that marks it.
  const credit = creditText ? collapse(creditText) : "";
  const at = credit === "" ? -1 : text.lastIndexOf(credit);
  if (at !== -1) text = collapse(text.slice(0, at) + " " + text.slice(at + credit.length));
  return truncateText(text, SUMMARY_CHARS);
}

function checkOffset(offsetMin: number): void {
  if (!Number.isInteger(offsetMin) || offsetMin < -720 || offsetMin > 840) {
    throw new RangeError(`defaultOffsetMin must be whole minutes from -720 to 840, got ${offsetMin}`);
  }
}

/**
 * Markdown to sanitized HTML under the tree limits (html-tree.ts). A body past them is a
 * 422 naming the line of the element where the limit was crossed.
 */
function renderBody(markdown: string, sourceText: string, bodyStartLine: number): SanitizedBody {
  let rendered: string;
  try {
    rendered = renderMarkdown(markdown);
  } catch (err) {
    if (!(err instanceof MarkdownLimitError)) throw err;
    const line = sourceLineOf(markdown, err.markdownLine, sourceText, bodyStartLine);
    throw new PostParseError(
      `The body has more than ${err.limit} inline Markdown tokens (crossed in the paragraph on line ${line}); simplify its markup.`,
      line,
      "body",
    );
  }
  // Sanitizing only escapes text and drops markup, so output rarely shrinks much below
  // the rendered HTML; a rendering past a whole D1 row is refused before that work.
  const renderedBytes = rendered.length > D1_MAX_ROW_BYTES ? rendered.length : utf8Bytes(rendered);
  if (renderedBytes > D1_MAX_ROW_BYTES) {
    throw new PostTooLargeError(
      `The body renders to ${renderedBytes} bytes of HTML; a stored article must fit in ${D1_MAX_ROW_BYTES} bytes (D1's row limit). Split the article.`,
      bodyStartLine,
      renderedBytes,
      D1_MAX_ROW_BYTES,
    );
  }
  try {
    return sanitizeBody(rendered, { ...INGEST_TREE_LIMITS, maxOutputChars: D1_MAX_ROW_BYTES });
  } catch (err) {
    if (err instanceof OutputTooLargeError) {
      throw new PostTooLargeError(
        `The sanitized body is more than ${err.limit} bytes (escaping grows text: & becomes &amp;); a stored article must fit in ${D1_MAX_ROW_BYTES} bytes (D1's row limit). Split the article.`,
        bodyStartLine,
        err.limit + 1,
        D1_MAX_ROW_BYTES,
      );
    }
    if (!(err instanceof TreeLimitError)) throw err;
    const body = sourceText.split("\n").slice(bodyStartLine - 1).join("\n");
    const at = lineOfNthTag(body, err.tagName, err.nth);
    const line = at === null ? bodyStartLine : bodyStartLine + at - 1;
    const what = err.tagName.startsWith("#") ? "a comment" : `<${err.tagName}>`;
    throw new PostParseError(
      err.kind === "nodes"
        ? `The body has more than ${err.limit} elements (the limit was crossed at ${what} on line ${line}); split the article or simplify its markup.`
        : `The body nests elements more than ${err.limit} deep (at ${what} on line ${line}); close the elements you open.`,
      line,
      "body",
    );
  }
}

/** The post line of a 0-based Markdown line: the first body line from there with its text. */
function sourceLineOf(markdown: string, markdownLine: number | null, sourceText: string, bodyStartLine: number): number {
  if (markdownLine === null) return bodyStartLine;
  const wanted = markdown.split("\n")[markdownLine];
  const lines = sourceText.split("\n");
  for (let i = bodyStartLine - 1 + markdownLine; wanted !== undefined && i < lines.length; i++) {
    if (lines[i] === wanted) return i + 1;
  }
  return bodyStartLine + markdownLine;
}

function readPublishedFlag(fm: FrontMatter): "published" | "unpublished" {
  const e = fm.entry("published");
  return e && fm.optionalText(e)?.trim() === "false" ? "unpublished" : "published";
}

function readPublished(fm: FrontMatter, path: PostPath | null, zone: Zone, jekyll: boolean): { text: string; date: PostDate } {
  const e = fm.entry("date");
  if (e) return readDate(fm, e, zone, jekyll);
  // Jekyll takes the day from `_posts/YYYY-MM-DD-slug.md` when front matter has no date.
  if (path?.dateText) {
    try {
      return { text: path.dateText, date: parsePostDate(path.dateText, zone) };
    } catch (err) {
      if (!(err instanceof PostDateError)) throw err;
    }
  }
  const line = fm.lineOf("date");
  const fix = "write it as `date: 2022-04-28 14:08:53 +0800`, or name the file `2022-04-28-slug.md`";
  const message = line === null ? `The front matter has no \`date\`: ${fix}.` : `\`date\` on line ${line} is empty: ${fix}.`;
  throw new PostParseError(message, line ?? 1, "date");
}

/** The body's Liquid, stripped unless the import command already rendered it (see liquid-strip.ts). */
function liquidFree(bodyLines: string[], bodyStartLine: number, site: SiteContext | undefined, fm: FrontMatter): string[] {
  const body = bodyLines.join("\n");
  if (site?.liquidRendered || !hasLiquid(body)) return bodyLines;
  const stripped = stripLiquid(body);
  for (const w of stripped.warnings) fm.warnings.push({ line: bodyStartLine + w.lineIndex, message: w.message });
  return stripped.text.split("\n");
}

/** What a post says before its body is rendered: enough to know which article it is and how new. */
function readHead(text: string, options: ParsePostOptions) {
  const defaultOffsetMin = options.defaultOffsetMin ?? DEFAULT_OFFSET_MIN;
  checkOffset(defaultOffsetMin);
  checkSize(text);
  const site = options.site;
  // A site without `timezone` is built in UTC by GitHub Pages (and here by Jekyll on a UTC
  // machine); a post sent alone is read at the partners' +08:00.
  const zone: Zone = site ? (site.timezone ?? 0) : defaultOffsetMin;
  const path = options.path ? parsePostPath(options.path) : null;
  const sourceText = normalize(text);
  const split = splitFrontMatter(sourceText);
  const fm = parseFrontMatter(split.yamlText, split.openingLine + 1);
  fm.warnings.unshift(...split.warnings);
  if (site?.defaults && path) fm.withDefaults(defaultsFor(site.defaults, path.path));

  const title = readTitle(fm, path);
  const published = readPublished(fm, path, zone, site !== undefined);
  const updatedEntry = fm.entry("updated");
  const updated = updatedEntry ? readDate(fm, updatedEntry, zone, site !== undefined) : null;
  const tags = readTags(fm);

  const bodyStartLine = split.closingLine + 1;
  const chrome = stripBoilerplate(liquidFree(split.bodyLines, bodyStartLine, site, fm));
  if (chrome.markdown.trim() === "") {
    throw new PostParseError(
      `The post has no body after its front matter (line ${bodyStartLine} on); only site links were found.`,
      bodyStartLine,
    );
  }
  return { site, path, sourceText, fm, title, published, updated, tags, bodyStartLine, chrome, zone };
}

/**
 * A post's info code and dates without rendering its body (far cheaper than parsePost):
 * for the import command's links between posts and for `npm run sync`'s choice between
 * copies of one article. Throws PostParseError as parsePost does on the same head.
 */
export async function identifyPost(
  text: string,
  options: ParsePostOptions = {},
): Promise<{ infoCode: string; publishedAt: number; updatedAt: number | null; jekyllUrl: string | null }> {
  const { fm, chrome, bodyStartLine, published, updated, title, path, site, zone } = readHead(text, options);
  const { infoCode } = await readInfoCode(fm, chrome, bodyStartLine, published, title, path, site);
  const jekyllUrl = readJekyllUrl(fm, path, site, zone, published.date.jekyllInstantMs ?? published.date.instantMs);
  return { infoCode, publishedAt: published.date.instantMs, updatedAt: updated?.date.instantMs ?? null, jekyllUrl };
}

export async function parsePost(text: string, options: ParsePostOptions = {}): Promise<ParsedPost> {
  const { site, path, sourceText, fm, title, published, updated, tags, bodyStartLine, chrome, zone } = readHead(text, options);
  const { categories, named, namedSlugs } = await readCategories(fm, path?.folderCategories ?? [], chrome, site?.categoryNames ?? {});
  const givenSource = collapse(fm.optionalText(fm.entry("source")) ?? "");
  // A credit ending the text names the source only when front matter names none; then it
  // leaves the body, so teasers, feeds and search never carry it.
  const textCredit = givenSource === "" ? takeTextCredit(chrome.markdown) : null;
  const { html: bodyHtml, credit } = renderBody(textCredit?.markdown ?? chrome.markdown, sourceText, bodyStartLine);
  const { infoCode, priorCodes, codeFileName } = await readInfoCode(fm, chrome, bodyStartLine, published, title, path, site);

  const sourceName = givenSource || (credit ? sourceNameFrom(credit) : null) || textCredit?.source || null;
  const author = collapse(fm.optionalText(fm.entry("author")) ?? "") || null;
  const frontMatterUrl = fm.optionalText(fm.entry("original_url", "url"));
  const originalUrl =
    (frontMatterUrl && /^https?:\/\//i.test(frontMatterUrl.trim()) ? absoluteHttpUrl(frontMatterUrl) : null) ??
    // The upstream article beats the share link, which points back at the mirror itself.
    (chrome.originalUrl ? absoluteHttpUrl(chrome.originalUrl) : null) ??
    chrome.shareLink?.url ??
    null;
  const image = fm.optionalText(fm.entry("image"));
  const lang = readLang(fm, site?.lang);
  const jekyllUrl = readJekyllUrl(fm, path, site, zone, published.date.jekyllInstantMs ?? published.date.instantMs);
  // What was read from outside the text must be in the hash, or a changed site would look unchanged.
  const context = path || site ? `\n#path:${path?.path ?? ""}\n#site:${JSON.stringify(site ?? null)}` : "";
  // The stored language is named in the hash too (only when there is one, so other posts keep
  // theirs): a post stored before articles.lang existed is then "updated" on its next import,
  // which fills the column.
  const langMark = lang ? `\n#lang:${lang}` : "";
  // The old site URL likewise: a site post stored before article_urls existed is "updated"
  // once on its next import, which records its URL.
  const urlMark = jekyllUrl !== null ? `\n#url:${jekyllUrl}` : "";
  const cleanCategories = categories.map((c) => ({ slug: c.slug, name: cleanText(c.name) }));

  // YAML escapes ("\0", "\ud800") can put back what normalize() removed: clean each field too.
  const post: ParsedPost = {
    infoCode,
    priorCodes,
    codeFileName,
    title: cleanText(title),
    summary: cleanText(readSummary(fm, bodyHtml, credit)),
    bodyHtml: cleanText(bodyHtml),
    sourceText,
    publishedAt: published.date.instantMs,
    utcOffsetMin: published.date.offsetMin,
    updatedAt: updated?.date.instantMs ?? published.date.instantMs,
    sourceName: cleanOptional(sourceName),
    author: cleanOptional(author),
    originalUrl: cleanOptional(originalUrl),
    imageUrl: cleanOptional((image ? absoluteHttpUrl(image) : null) ?? firstImageUrl(bodyHtml)),
    category: cleanCategories[0] ?? { slug: DEFAULT_CATEGORY, name: DEFAULT_CATEGORY },
    categories: cleanCategories,
    categoryNamed: named,
    namedCategorySlugs: namedSlugs,
    tags: cleanList(tags.map(cleanText)),
    status: readPublishedFlag(fm),
    dateOnly: published.date.dateOnly,
    ...(lang ? { lang } : {}),
    warnings: fm.warnings,
    sourceKey: site && path ? `${site.url ?? ""}${site.baseurl ?? ""}\n${path.path}` : null,
    jekyllUrl,
    contentHash: await sha256Hex(`${sourceText}\n#sanitizer:${SANITIZER_VERSION}${context}${langMark}${urlMark}`),
    sanitizerVersion: SANITIZER_VERSION,
  };
  checkRowSize(post, bodyStartLine);
  return post;
}
