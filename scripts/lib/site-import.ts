/**
 * Turns a Jekyll site into what the admin import API takes: each post's own front matter
 * (lines unchanged, so reported lines are the file's) with its body's Liquid rendered, the
 * site-relative path, and the site context from _config.yml. post_url and link resolve to
 * the target's edgewire page (/a/{infoCode}) when the site has that post, else to the
 * partner's own address; so do plain links to a post's old URL (site-links.ts).
 */
import path from "node:path";
import { parseFrontMatter, splitFrontMatter } from "../../src/ingest/front-matter";
import { identifyPost } from "../../src/ingest/parse-post";
import { PostParseError, type SiteContext } from "../../src/ingest/types";
import type { Site, SitePost } from "./jekyll-site";
import { createSiteLiquid } from "./liquid";
import { rewriteSiteLinks } from "./site-links";

export type PreparedPost = { path: string; abs: string; text: string; warnings: { line: number; message: string }[] };
export type Prepared = { context: SiteContext; posts: PreparedPost[] };

const stem = (p: string): string => path.posix.basename(p).replace(/\.[^.]+$/, "");

export type PrepareOptions = {
  /** Prepare just these posts (`npm run sync`'s changed files); links from them still resolve to any post of the site. */
  only?: ReadonlySet<SitePost>;
  /** Info codes already known (sync identifies its posts first), so they are not read twice. */
  codes?: ReadonlyMap<SitePost, string>;
};

// The post a `post_url` or `link` tag names (its argument), as written.
const LINK_TAG_RE = /\{%-?\s*(?:post_url|link)\s+["']?([^\s"'%]+)/g;

export async function prepareSite(site: Site, options: PrepareOptions = {}): Promise<Prepared> {
  const { only } = options;
  const chosen = only ? site.posts.filter((p) => only.has(p)) : site.posts;
  // First pass: the info code and old URL of every post a link may name, so links between
  // posts can point at edgewire pages. With `only`, those the chosen posts' link tags name.
  const named = new Set((only ? chosen : []).flatMap((p) => [...p.text.matchAll(LINK_TAG_RE)].map((m) => stem(m[1] ?? ""))));
  const targets = only ? site.posts.filter((p) => only.has(p) || named.has(stem(p.path))) : site.posts;
  const codes = new Map<string, string>();
  const urls = new Map<string, string>();
  await Promise.all(
    targets.map(async (p) => {
      try {
        const known = options.codes?.get(p);
        if (known) {
          codes.set(p.path, known);
          return;
        }
        const identified = await identifyPost(p.text, { path: p.path, site: site.context });
        codes.set(p.path, identified.infoCode);
        if (identified.jekyllUrl !== null) urls.set(identified.jekyllUrl, identified.infoCode);
      } catch (err) {
        if (!(err instanceof PostParseError)) throw err;
      }
    }),
  );
  const byStem = new Map<string, string[]>();
  for (const p of site.posts) byStem.set(stem(p.path), [...(byStem.get(stem(p.path)) ?? []), p.path]);
  const partner = `${site.context.url ?? ""}${site.context.baseurl ?? ""}`;
  const render = createSiteLiquid(site, (target, kind) => {
    const clean = target.replace(/^["']|["']$/g, "");
    const candidates = kind === "link" ? site.posts.filter((p) => p.path === clean).map((p) => p.path) : (byStem.get(stem(clean)) ?? []);
    const match = candidates.find((c) => !clean.includes("/") || c.includes(clean)) ?? null;
    const code = match ? codes.get(match) : undefined;
    if (code) return `/a/${code}`;
    return partner ? `${partner}/${clean.replace(/^\/+/, "")}` : null;
  });

  const context: SiteContext = { ...site.context, liquidRendered: true };
  const posts: PreparedPost[] = [];
  for (const p of chosen) {
    const text = p.text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
    let split;
    let page: Record<string, unknown> = {};
    try {
      split = splitFrontMatter(text);
      page = parseFrontMatter(split.yamlText).toJSON();
    } catch {
      // The Worker reports the error with its line; send the post as it is.
      posts.push({ path: p.path, abs: p.abs, text, warnings: [] });
      continue;
    }
    const body = split.bodyLines.join("\n");
    const { text: rendered, warnings } = await render(body, { ...page, path: p.path });
    const head = text.split("\n").slice(0, split.closingLine).join("\n");
    posts.push({
      path: p.path,
      abs: p.abs,
      text: `${head}\n${rewriteSiteLinks(rendered, urls, site.context.url)}`,
      warnings: warnings.map((w) => ({ line: split.closingLine + 1 + w.lineIndex, message: w.message })),
    });
  }
  return { context, posts };
}
