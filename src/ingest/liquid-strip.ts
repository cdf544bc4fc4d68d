/**
 * Liquid in a post sent without its site (the admin API, or a bare file). The import
 * command renders Liquid with liquidjs and the site's context (scripts/lib/liquid.ts);
 * the Worker has no site and no room for an engine in its bundle, so here Liquid is never
 * shown raw: `raw` keeps its text, `highlight` becomes a fenced code block, every other
 * tag and every `{{ … }}` output is removed with a warning naming its line.
 */
export type LiquidWarning = { lineIndex: number; message: string };

const TAG_RE = /\{%-?\s*(\w+)([^%]*?)-?%\}|\{\{-?([\s\S]*?)-?\}\}/g;

function lineIndexAt(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

export function hasLiquid(text: string): boolean {
  return /\{%|\{\{/.test(text);
}

export function stripLiquid(body: string): { text: string; warnings: LiquidWarning[] } {
  const warnings: LiquidWarning[] = [];
  let out = "";
  let last = 0;
  let raw = false;
  for (const m of body.matchAll(TAG_RE)) {
    const at = m.index;
    const [whole, tag, args = "", output] = m;
    if (raw) {
      if (tag === "endraw") {
        out += body.slice(last, at);
        last = at + whole.length;
        raw = false;
      }
      continue;
    }
    out += body.slice(last, at);
    last = at + whole.length;
    if (tag === "raw") raw = true;
    else if (tag === "highlight") out += "```" + (args.trim().split(/\s+/)[0] ?? "");
    else if (tag === "endhighlight") out += (out.endsWith("\n") ? "" : "\n") + "```";
    else {
      const shown = tag ? `{% ${tag} %}` : `{{ ${(output ?? "").trim().slice(0, 40)} }}`;
      warnings.push({ lineIndex: lineIndexAt(body, at), message: `Liquid ${shown} was removed: send the post through \`npm run import -- <site>\` to render it.` });
    }
  }
  out += body.slice(last);
  return { text: out, warnings };
}
