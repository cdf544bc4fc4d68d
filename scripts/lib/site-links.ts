/**
 * Links between a site's posts written as plain links to the site's own built pages
 * (`[前文](/emnews/2021/12/08/202112082206735975.html)`, `{{ site.url }}/…` once rendered, the
 * full `https://finews.example.com/…`, an `<a href>`): pointed at the target's share page
 * (/a/{infoCode}) when the target is in the same import. A link to a post not imported, to
 * another host or to anything else stays as written.
 */
import { oldUrlCandidates } from "../../src/lib/old-urls";

// A Markdown inline link or reference definition, or an HTML href: the URL after it.
const LINK_RE = /(\]\(\s*<?|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?|\bhref\s*=\s*["']?)((?:https?:)?\/\/[^\s"'<>()]+|\/[^\s"'<>()]*)/gm;

/** Old site URL (decoded, with baseurl, as ParsedPost.jekyllUrl) -> info code. */
export type SiteUrls = ReadonlyMap<string, string>;

function hostOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).host : null;
  } catch {
    return null;
  }
}

/** The share page a link's URL names, or null when it is not one of the import's posts. */
function sharePageOf(url: string, urls: SiteUrls, host: string | null): string | null {
  const [, target = "", suffix = ""] = /^([^?#]*)(.*)$/s.exec(url) ?? [];
  let path = target;
  if (/^(?:https?:)?\/\//i.test(target)) {
    let parsed: URL;
    try {
      parsed = new URL(target, "https://placeholder.invalid");
    } catch {
      return null;
    }
    if (host === null || parsed.host !== host) return null;
    path = parsed.pathname;
  }
  for (const candidate of oldUrlCandidates(path) ?? []) {
    const code = urls.get(candidate);
    if (code) return `/a/${code}${suffix}`;
  }
  return null;
}

/** The text with every link to an imported post's old URL pointed at its share page. */
export function rewriteSiteLinks(text: string, urls: SiteUrls, siteUrl: string | undefined): string {
  if (urls.size === 0) return text;
  const host = hostOf(siteUrl);
  return text.replace(LINK_RE, (match, lead: string, url: string) => {
    const page = sharePageOf(url, urls, host);
    return page === null ? match : `${lead}${page}`;
  });
}
