/**
 * Parsing partner HTML into a parse5 tree with a bound on the work one post can cause.
 *
 * parse5 itself is linear in the input for ordinary markup, but deep nesting (100k `<b>`,
 * nested tables) makes its adoption-agency and table steps cost seconds. The limits are
 * checked while the tree is built, through the tree adapter, so a hostile body stops at
 * the first element past the limit instead of after the whole parse. Depth is taken when a
 * node is attached (parent's depth + 1); the rare re-parenting steps (adoption agency,
 * foster parenting) can move a subtree without updating the depths below it, which only
 * makes the count approximate, never unbounded, since the element count still holds.
 */
import { defaultTreeAdapter, html as parse5Html, parseFragment, type DefaultTreeAdapterTypes } from "parse5";

type Node = DefaultTreeAdapterTypes.Node;
type ParentNode = DefaultTreeAdapterTypes.ParentNode;
type ChildNode = DefaultTreeAdapterTypes.ChildNode;

export type TreeLimits = {
  /** Elements and comments in one body: far above any real article (a long one has a few thousand). */
  maxNodes: number;
  /** Nesting depth; browsers stop nesting at 512 (Chromium), real articles stay under 30. */
  maxDepth: number;
};

export const INGEST_TREE_LIMITS: TreeLimits = { maxNodes: 30_000, maxDepth: 256 };

/** A body past a limit. `nth` is how many `tagName` elements were made, counting this one. */
export class TreeLimitError extends Error {
  constructor(
    readonly kind: "nodes" | "depth",
    readonly limit: number,
    readonly tagName: string,
    readonly nth: number,
  ) {
    super(kind === "nodes" ? `more than ${limit} elements` : `elements nested more than ${limit} deep`);
    this.name = "TreeLimitError";
  }
}

/**
 * Article bodies are inserted into a `<div>` on our pages, so parse them the way
 * `div.innerHTML = body` would. parse5's default fragment context is `<template>`, which
 * would keep stray `<td>`/`<tr>` that a real page drops.
 */
const CONTEXT = defaultTreeAdapter.createElement("div", parse5Html.NS.HTML, []);

/** Parses a body fragment; with limits, throws TreeLimitError at the first node past one. */
export function parseBody(html: string, limits?: TreeLimits): DefaultTreeAdapterTypes.DocumentFragment {
  if (!limits) return parseFragment(CONTEXT, html, {});
  return parseFragment(CONTEXT, html, { treeAdapter: limitedAdapter(limits) });
}

function limitedAdapter(limits: TreeLimits): typeof defaultTreeAdapter {
  const depth = new WeakMap<Node, number>();
  const perTag = new Map<string, number>();
  let nodes = 0;
  const counted = (tagName: string): number => {
    const nth = (perTag.get(tagName) ?? 0) + 1;
    perTag.set(tagName, nth);
    if (++nodes > limits.maxNodes) throw new TreeLimitError("nodes", limits.maxNodes, tagName, nth);
    return nth;
  };
  const place = (parent: ParentNode, child: ChildNode): void => {
    if (!defaultTreeAdapter.isElementNode(child)) return;
    const d = (depth.get(parent) ?? 0) + 1;
    depth.set(child, d);
    if (d > limits.maxDepth) {
      throw new TreeLimitError("depth", limits.maxDepth, child.tagName, perTag.get(child.tagName) ?? 1);
    }
  };
  return {
    ...defaultTreeAdapter,
    createElement(tagName, namespaceURI, attrs) {
      counted(tagName);
      return defaultTreeAdapter.createElement(tagName, namespaceURI, attrs);
    },
    createCommentNode(data) {
      counted("#comment");
      return defaultTreeAdapter.createCommentNode(data);
    },
    appendChild(parent, child) {
      place(parent, child);
      defaultTreeAdapter.appendChild(parent, child);
    },
    insertBefore(parent, child, reference) {
      place(parent, child);
      defaultTreeAdapter.insertBefore(parent, child, reference);
    },
  };
}

/**
 * The 1-based line in `source` of the nth `<tagName` start tag, or null. Used to name the
 * line of a limit error: markdown renders its own `<p>`/`<li>`, so for those the count
 * may point a little off, which is why the message also names the element.
 */
export function lineOfNthTag(source: string, tagName: string, nth: number): number | null {
  if (tagName.startsWith("#")) return null;
  const needle = `<${tagName.toLowerCase()}`;
  const lower = source.toLowerCase();
  let seen = 0;
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) {
    const next = lower.charCodeAt(at + needle.length);
    // The name must end here: `<b` must not count `<br` or `<body`.
    const ends = Number.isNaN(next) || next === 0x3e || next === 0x2f || next === 0x20 || (next >= 0x09 && next <= 0x0d);
    if (ends && ++seen === nth) {
      let line = 1;
      for (let i = source.indexOf("\n"); i !== -1 && i < at; i = source.indexOf("\n", i + 1)) line++;
      return line;
    }
  }
  return null;
}
