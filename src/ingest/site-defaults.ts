/**
 * `_config.yml` `defaults:` as Jekyll applies them to a post: every entry whose scope
 * path contains the post (a prefix, `*` matching within one folder level) and whose type
 * is absent or `posts`; more specific scopes win, and the post's own front matter wins
 * over all of them (FrontMatter.withDefaults).
 */
import type { SiteContext } from "./types";

type Defaults = NonNullable<SiteContext["defaults"]>;

function scopeMatches(scopePath: string, postPath: string): boolean {
  const scope = scopePath.replace(/^\.?\//, "").replace(/\/+$/, "");
  if (scope === "") return true;
  if (scope.includes("*")) {
    const re = new RegExp(`^${scope.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]*")}(?:/|$)`);
    return re.test(postPath);
  }
  return postPath === scope || postPath.startsWith(`${scope}/`);
}

export function defaultsFor(defaults: Defaults, postPath: string): Record<string, unknown> {
  const matching = defaults
    .map((d, index) => ({ d, index }))
    .filter(({ d }) => (d.scope.type === undefined || d.scope.type === "posts") && scopeMatches(d.scope.path ?? "", postPath))
    // Jekyll: a longer path is more specific, a type beats none; equal ones apply in order.
    .sort((a, b) => {
      const pa = (a.d.scope.path ?? "").length;
      const pb = (b.d.scope.path ?? "").length;
      if (pa !== pb) return pa - pb;
      const ta = a.d.scope.type ? 1 : 0;
      const tb = b.d.scope.type ? 1 : 0;
      return ta - tb || a.index - b.index;
    });
  const values: Record<string, unknown> = {};
  for (const { d } of matching) Object.assign(values, d.values);
  return values;
}
