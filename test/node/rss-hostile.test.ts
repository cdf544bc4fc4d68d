/**
 * RSS text fields as a feed reader renders them: every hostile summary and title of the
 * XSS corpus goes through renderRss, then feedsmith (a third-party RSS parser) reads the
 * feed the way a reader app does, and the title and description it hands over are parsed
 * as HTML (parse5, the WHATWG algorithm) because that is what most readers do with them.
 * Nothing may come out as an element: the reader must show the text, never markup.
 */
import { parseFeed } from "feedsmith";
import { parseFragment, type DefaultTreeAdapterTypes } from "parse5";
import { describe, expect, it } from "vitest";
import { renderRss } from "../../src/syndication/rss";
import { XSS_VECTORS } from "../fixtures/xss/vectors";
import { feedSpec, SEED } from "../support/articles";

type Node = DefaultTreeAdapterTypes.ChildNode;

function elementsIn(html: string): string[] {
  const found: string[] = [];
  const stack: Node[] = [...parseFragment(html).childNodes];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if ("tagName" in node) found.push(node.tagName);
    if ("childNodes" in node) stack.push(...node.childNodes);
  }
  return found;
}

function textOf(html: string): string {
  const parts: string[] = [];
  const stack: Node[] = [...parseFragment(html).childNodes].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.nodeName === "#text" && "value" in node) parts.push(node.value);
    if ("childNodes" in node) stack.push(...[...node.childNodes].reverse());
  }
  return parts.join("");
}

describe("RSS title and description in a feed reader", () => {
  const articles = XSS_VECTORS.map((vector, i) => ({
    ...SEED,
    infoCode: `XS2024010100000${String(i).padStart(5, "0")}`,
    title: `${vector.name} ${vector.html}`,
    summary: vector.html,
  }));
  const feed = parseFeed(renderRss(feedSpec({ articles })));
  const items = (feed.feed as { items?: { title?: string; description?: string; link?: string }[] }).items ?? [];

  it("lists every hostile item", () => {
    expect(feed.format).toBe("rss");
    expect(items.length).toBe(XSS_VECTORS.length);
  });

  it.each(XSS_VECTORS.map((v, i) => [v.name, i] as const))("%s: shows text, never markup", (_name, i) => {
    const item = items[i];
    const article = articles[i];
    if (!item || !article) throw new Error("missing item");
    expect(elementsIn(item.title ?? "")).toEqual([]);
    expect(elementsIn(item.description ?? "")).toEqual([]);
    // And the text the reader shows is the text we meant (XML-illegal characters aside).
    const legal = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");
    expect(textOf(item.description ?? "").replace(/\s+/g, " ").trim()).toBe(legal(article.summary).replace(/\s+/g, " ").trim());
  });
});
