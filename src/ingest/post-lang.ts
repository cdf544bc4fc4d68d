/**
 * A post's stated language, as a Jekyll layout picks it (minima's `<html lang>`,
 * jekyll-seo-tag's og:locale: `page.lang | default: site.lang`): the front matter's
 * `lang`, else its `_config.yml` `defaults:` one (both arrive as front matter entries),
 * else the site's top-level `lang`, else none, and the language is detected when shown
 * (src/syndication/article-lang.ts). Canonical BCP 47 (src/lib/lang.ts).
 *
 * A value that is not a language tag is ignored with a warning rather than refused:
 * Jekyll itself publishes the post whatever `lang` says, and SPEC 1 imports what Jekyll
 * would publish; the next source in the order above is used instead.
 */
import { truncateText } from "../lib/html-text";
import { MAX_LANG_CHARS, normalizeLang } from "../lib/lang";
import type { FrontMatter } from "./front-matter";

const TAG_EXAMPLES = "a BCP 47 language tag such as en, zh-CN or zh-TW";

/** `siteLang`: `_config.yml`'s top-level `lang` as written, for a post from a site import. */
export function readLang(fm: FrontMatter, siteLang?: string): string | undefined {
  const site = siteLang === undefined ? undefined : normalizeLang(siteLang);
  const fallback = site ? `the site's \`lang\` ${site} is used` : "the language is detected from the text";
  const e = fm.entry("lang");
  if (e) {
    const given = fm.optionalText(e);
    const lang = normalizeLang(given);
    if (lang) return lang;
    const shown = given === null ? "a list or map" : `"${truncateText(given.trim(), MAX_LANG_CHARS)}"`;
    // A defaults value has no line in the post (its entry says line 1): name where it is.
    const where = e.fromDefaults ? "in _config.yml `defaults:`" : `on line ${e.line}`;
    fm.warnings.push({ line: e.line, message: `\`lang\` ${where} is ${shown}, not ${TAG_EXAMPLES}; it is ignored and ${fallback}.` });
  }
  if (site) return site;
  if (siteLang !== undefined && siteLang.trim() !== "") {
    // Told to each post that would have used it; line 1: the value is not in the post.
    const shown = `"${truncateText(siteLang.trim(), MAX_LANG_CHARS)}"`;
    fm.warnings.push({ line: 1, message: `\`lang\` in _config.yml is ${shown}, not ${TAG_EXAMPLES}; it is ignored and the language is detected from the text.` });
  }
  return undefined;
}
