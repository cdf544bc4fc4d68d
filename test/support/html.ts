/**
 * Reads what tests assert on out of a page with workerd's HTMLRewriter (a real HTML
 * parser, so attribute order and quoting do not matter): <meta>, <link>, <a> and the
 * JSON-LD script bodies.
 */
export type Attributes = Record<string, string>;
export type Anchor = { href: string; rel: string | null; text: string };

export type PageParts = {
  title: string;
  meta: Attributes[];
  links: Attributes[];
  anchors: Anchor[];
  jsonLd: string[];
  /** Text of the article body (div.body), whitespace collapsed. */
  bodyText: string;
};

function attributesOf(element: Element): Attributes {
  const out: Attributes = {};
  for (const [name, value] of element.attributes) {
    if (name !== undefined) out[name] = value ?? "";
  }
  return out;
}

export async function parsePage(html: string): Promise<PageParts> {
  const parts: PageParts = { title: "", meta: [], links: [], anchors: [], jsonLd: [], bodyText: "" };
  let anchor: Anchor | null = null;
  let script: string | null = null;
  const rewriter = new HTMLRewriter()
    .on("title", { text: (t) => void (parts.title += t.text) })
    .on("meta", { element: (e) => void parts.meta.push(attributesOf(e)) })
    .on("link", { element: (e) => void parts.links.push(attributesOf(e)) })
    .on("a", {
      element: (e) => {
        const current: Anchor = { href: e.getAttribute("href") ?? "", rel: e.getAttribute("rel"), text: "" };
        anchor = current;
        parts.anchors.push(current);
      },
      text: (t) => {
        if (anchor) anchor.text += t.text;
      },
    })
    .on('script[type="application/ld+json"]', {
      element: () => void (script = ""),
      text: (t) => {
        script = (script ?? "") + t.text;
        if (t.lastInTextNode) {
          parts.jsonLd.push(script);
          script = null;
        }
      },
    })
    .on("div.body", { text: (t) => void (parts.bodyText += t.text) });
  await rewriter.transform(new Response(html)).text();
  parts.bodyText = parts.bodyText.replace(/\s+/g, " ").trim();
  return parts;
}

/** content of <meta property=key> or <meta name=key>; all of them, in document order. */
export function metaAll(parts: PageParts, key: string): string[] {
  return parts.meta.filter((m) => m.property === key || m.name === key).map((m) => m.content ?? "");
}

export function metaOne(parts: PageParts, key: string): string | undefined {
  const all = metaAll(parts, key);
  if (all.length > 1) throw new Error(`expected one <meta> ${key}, found ${all.length}`);
  return all[0];
}

export function linksWhere(parts: PageParts, rel: string, type?: string): Attributes[] {
  return parts.links.filter((l) => l.rel === rel && (type === undefined || l.type === type));
}
