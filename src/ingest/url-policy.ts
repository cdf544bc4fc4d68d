/**
 * URL judging for the sanitizer: which href/src/cite/srcset values may reach a reader.
 *
 * Inputs arrive already entity-decoded by parse5 (`&#106;`, `&colon;`, `&#x09;` are
 * characters by now), so these functions only see what a browser's URL parser would see.
 * Before judging we strip exactly what that parser strips: C0 controls and spaces at both
 * ends and every tab/CR/LF inside (which is how `jav&#x09;ascript:` still runs). Any other
 * control character, NUL (parse5 turns it into U+FFFD) or space left inside a would-be scheme
 * makes it a scheme we do not know, and unknown schemes are rejected: scheme-like prefixes
 * must be exactly http, https or mailto. So `java\0script:` and `java script:` are dropped,
 * an odd relative URL such as `page:2` is dropped too, and nothing that some lenient parser
 * might read as javascript: can be mistaken for a relative URL. (Stripping controls *more*
 * aggressively than the browser could only turn rejects into accepts, never the reverse.)
 */

/** Leading/trailing characters the URL parser trims (C0 controls and space). */
const EDGE_JUNK = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;
/** Characters the URL parser removes anywhere in the input. */
const TAB_OR_NEWLINE = /[\t\n\r]/g;
/** Once one of these appears, a later colon is inside a path, query or fragment. */
const PATH_DELIMITER = /[/?#]/;

export interface UrlOptions {
  /** mailto: is fine for a link but meaningless (and a tracking vector) for src/cite. */
  readonly allowMailto: boolean;
}

/**
 * Returns the URL to emit (trimmed, tabs/newlines removed, otherwise unchanged) when it is
 * http:, https:, mailto: (if allowed), relative or protocol-relative; otherwise null.
 */
export function cleanUrl(raw: string, options: UrlOptions): string | null {
  const cleaned = raw.replace(EDGE_JUNK, "").replace(TAB_OR_NEWLINE, "");
  if (cleaned === "") return null; // an empty URL points at the page itself: nothing useful
  const colon = cleaned.indexOf(":");
  if (colon === -1) return cleaned;
  const delimiter = cleaned.search(PATH_DELIMITER);
  if (delimiter !== -1 && delimiter < colon) return cleaned; // the colon is in a path/query
  const scheme = cleaned.slice(0, colon).toLowerCase();
  if (scheme === "http" || scheme === "https") return cleaned;
  if (scheme === "mailto" && options.allowMailto) return cleaned;
  return null;
}

/** Width (`640w`) or density (`2x`, `1.5x`) descriptor; anything else drops the candidate. */
const SRCSET_DESCRIPTOR = /^(?:\d+w|\d+(?:\.\d+)?x|\.\d+x)$/;
const SRCSET_SPACE = /[\t\n\f\r ]/;

/**
 * Parses a srcset the way the HTML spec does (URL = run of non-space characters, trailing
 * commas end the candidate, descriptors run to the next comma outside parentheses), judges
 * each URL on its own and rebuilds the survivors in a canonical `url desc, url desc` form.
 * Returns null when no candidate survives, so the caller drops the attribute.
 */
export function cleanSrcset(raw: string): string | null {
  const kept: string[] = [];
  let i = 0;
  while (i < raw.length) {
    while (i < raw.length && (SRCSET_SPACE.test(raw.charAt(i)) || raw.charAt(i) === ",")) i++;
    if (i >= raw.length) break;
    const urlStart = i;
    while (i < raw.length && !SRCSET_SPACE.test(raw.charAt(i))) i++;
    let url = raw.slice(urlStart, i);
    let descriptor = "";
    if (url.endsWith(",")) {
      url = url.replace(/,+$/, "");
    } else {
      const descStart = i;
      let depth = 0;
      while (i < raw.length) {
        const c = raw.charAt(i);
        if (c === "(") depth++;
        else if (c === ")") depth--;
        else if (c === "," && depth <= 0) break;
        i++;
      }
      descriptor = raw.slice(descStart, i).trim();
      i++; // past the comma (or the end)
    }
    const safe = url === "" ? null : cleanUrl(url, { allowMailto: false });
    if (safe === null || hasRejectedCommaPiece(url)) continue;
    if (descriptor !== "" && !SRCSET_DESCRIPTOR.test(descriptor)) continue;
    kept.push(descriptor === "" ? safe : `${safe} ${descriptor}`);
  }
  return kept.length > 0 ? kept.join(", ") : null;
}

/**
 * A comma inside a candidate URL (`/a.png,javascript:x 2x`) is part of one relative URL to
 * a spec parser, but older or naive srcset parsers split there. Fail closed: every
 * comma-separated piece must pass on its own (CDN paths like `w_100,h_80` still do).
 */
function hasRejectedCommaPiece(url: string): boolean {
  if (!url.includes(",")) return false;
  return url.split(",").some((piece) => piece !== "" && cleanUrl(piece, { allowMailto: false }) === null);
}
