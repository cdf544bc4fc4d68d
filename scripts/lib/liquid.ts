/**
 * Liquid rendered as Jekyll renders it, in the import command (Node), where the site's
 * context is. Why here and not in the Worker: liquidjs adds about 50 KB gzipped, which
 * the Worker's 200 KB budget cannot take (see IMPORT.md); the Worker only strips Liquid
 * from posts sent alone (src/ingest/liquid-strip.ts).
 *
 * Jekyll's tags and filters that posts use: highlight, raw, post_url, link, include (from
 * the site's _includes, Jekyll's `include.param` style), site.* and page.*, relative_url
 * and absolute_url. A tag liquidjs does not know (a plugin's) is removed with a warning.
 */
import { Liquid, Tag, type Context, type Emitter, type TagToken, type TopLevelToken, type Template } from "liquidjs";
import { stripLiquid } from "../../src/ingest/liquid-strip";
import type { Site } from "./jekyll-site";

export type LiquidWarning = { lineIndex: number; message: string };
/** Resolves a post_url / link target to a URL, or null when the site has no such post. */
export type LinkResolver = (target: string, kind: "post_url" | "link") => string | null;

const TAG_RE = /\{%-?\s*(\w+)/g;

function lineIndexAt(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

function fence(code: string): string {
  const longest = Math.max(2, ...Array.from(code.matchAll(/`{3,}|~{3,}/g), (m) => m[0].length));
  return "`".repeat(longest + 1);
}

export function createSiteLiquid(site: Site, resolve: LinkResolver) {
  const engine = new Liquid({
    root: site.includesDir ? [site.includesDir] : [],
    partials: site.includesDir ? [site.includesDir] : [],
    extname: "",
    jekyllInclude: true,
    // Jekyll names includes unquoted: `{% include note.html %}` is a file, not a variable.
    dynamicPartials: false,
    strictFilters: false,
    strictVariables: false,
    lenientIf: true,
    cache: true,
  });
  const base = `${site.context.url ?? ""}`;
  const baseurl = site.context.baseurl ?? "";
  engine.registerFilter("relative_url", (v: unknown) => `${baseurl}/${String(v ?? "").replace(/^\/+/, "")}`);
  engine.registerFilter("absolute_url", (v: unknown) => `${base}${baseurl}/${String(v ?? "").replace(/^\/+/, "")}`);

  engine.registerTag(
    "highlight",
    class extends Tag {
      private readonly lang: string;
      private readonly templates: Template[] = [];
      constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
        super(token, remain, liquid);
        this.lang = token.args.trim().split(/\s+/)[0] ?? "";
        // Jekyll renders Liquid inside highlight (hence {% raw %} in code samples); so do we.
        const stream = liquid.parser
          .parseStream(remain)
          .on("tag:endhighlight", () => stream.stop())
          .on("template", (tpl: Template) => this.templates.push(tpl))
          .on("end", () => {
            throw new Error(`{% highlight %} on line ${token.getPosition()[0]} is never closed`);
          });
        stream.start();
      }
      *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
        const code = String(yield this.liquid.renderer.renderTemplates(this.templates, ctx)).replace(/^\n/, "").replace(/\n$/, "");
        const f = fence(code);
        emitter.write(`\n${f}${this.lang}\n${code}\n${f}\n`);
      }
    },
  );
  for (const kind of ["post_url", "link"] as const) {
    engine.registerTag(
      kind,
      class extends Tag {
        private readonly target: string;
        constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
          super(token, remain, liquid);
          this.target = token.args.trim();
        }
        *render(_ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
          emitter.write(resolve(this.target, kind) ?? "#");
        }
      },
    );
  }

  const known = (name: string): boolean =>
    name in engine.tags || (name.startsWith("end") && name.slice(3) in engine.tags) || name === "else" || name === "elsif" || name === "when";

  return async function render(body: string, page: Record<string, unknown>): Promise<{ text: string; warnings: LiquidWarning[] }> {
    const warnings: LiquidWarning[] = [];
    // Tags of plugins we do not have: removed, so the rest of the post still renders.
    // Inside raw and highlight, tag-like text is content and stays.
    const cuts: [number, number][] = [];
    let verbatim: string | null = null;
    for (const m of body.matchAll(TAG_RE)) {
      const name = m[1] ?? "";
      if (verbatim !== null) {
        if (name === `end${verbatim}`) verbatim = null;
        continue;
      }
      if (name === "raw" || name === "highlight") verbatim = name;
      if (known(name)) continue;
      const end = body.indexOf("%}", m.index);
      if (end === -1) continue;
      warnings.push({ lineIndex: lineIndexAt(body, m.index), message: `unknown Liquid tag {% ${name} %} was removed (a Jekyll plugin's tag?)` });
      cuts.push([m.index, end + 2]);
    }
    let source = body;
    for (const [from, to] of cuts.reverse()) source = source.slice(0, from) + source.slice(to);
    try {
      const templates: Template[] = engine.parse(source);
      const text = await engine.render(templates, { site: { ...site.config, url: site.context.url ?? "", baseurl, data: site.data }, page });
      return { text, warnings };
    } catch (err) {
      const message = err instanceof Error ? err.message.split("\n")[0] ?? "" : String(err);
      const line = /line:?\s*(\d+)/.exec(message)?.[1];
      warnings.push({ lineIndex: line ? Number(line) - 1 : 0, message: `Liquid error, tags removed instead: ${message}` });
      return { text: stripLiquid(source).text, warnings };
    }
  };
}
