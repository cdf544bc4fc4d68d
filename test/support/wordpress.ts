/**
 * What WordPress does with the oEmbed html of a provider it does not know
 * (wp-includes/embed.php, wp_filter_oembed_result), restated from its documented
 * behaviour in our own code over parse5: only a[href], blockquote and a few iframe
 * attributes survive (wp_kses), the embed is dropped unless the result matches
 * `(<blockquote>.*?</blockquote>)?.*(<iframe.*?></iframe>)`, and the kept iframe is then
 * sandboxed with allow-scripts only and given a per-embed secret.
 */
import { parseFragment, serialize } from "parse5";
import type { DefaultTreeAdapterMap } from "parse5";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

const ALLOWED: Record<string, readonly string[]> = {
  a: ["href"],
  blockquote: [],
  iframe: ["src", "width", "height", "frameborder", "marginwidth", "marginheight", "scrolling", "title"],
};

/** wp_kses with that allow-list: other elements are unwrapped (their text kept), other attributes dropped. */
function kses(html: string): string {
  const out: string[] = [];
  const walk = (node: Node): void => {
    if (node.nodeName === "#text") {
      out.push(serialize({ nodeName: "#document-fragment", childNodes: [node] } as unknown as DefaultTreeAdapterMap["documentFragment"])); // serialize escapes the text
      return;
    }
    if (!("tagName" in node)) return;
    const el = node as Element;
    const allowed = ALLOWED[el.tagName];
    if (allowed) {
      const attrs = el.attrs.filter((a) => allowed.includes(a.name)).map((a) => ` ${a.name}="${a.value.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"`);
      out.push(`<${el.tagName}${attrs.join("")}>`);
    }
    const children = el.tagName === "template" ? [] : el.childNodes;
    for (const child of children) walk(child);
    if (allowed) out.push(`</${el.tagName}>`);
  };
  for (const node of parseFragment(html).childNodes) walk(node);
  return out.join("");
}

export function wordpressFilter(html: string): string | false {
  const content = /(<blockquote>.*?<\/blockquote>)?.*(<iframe.*?><\/iframe>)/s.exec(kses(html));
  if (!content?.[2]) return false;
  return (content[1] ?? "") + content[2];
}


/** The filtered html as a WordPress page finally shows it: hidden iframe, sandbox, secret. */
export function wordpressEmbed(html: string, secret: string): string | false {
  const kept = wordpressFilter(html);
  if (kept === false) return false;
  return kept
    .replace("<blockquote", `<blockquote class="wp-embedded-content" data-secret="${secret}"`)
    .replace(/<iframe src="([^"]*)"/, `<iframe class="wp-embedded-content" sandbox="allow-scripts" security="restricted" style="position: absolute; clip: rect(1px, 1px, 1px, 1px);" data-secret="${secret}" src="$1#?secret=${secret}"`);
}
