/**
 * Every corpus vector, sanitized, must show the oracle nothing. The oracle is checked too:
 * it must flag the raw vectors (else "zero findings" would prove nothing) and the specific
 * shapes it claims to detect.
 */
import { describe, expect, it } from "vitest";
import { CLOBBER_VECTORS, XSS_VECTORS } from "../fixtures/xss/vectors";
import { findClobbering, findXss } from "../support/xss-oracle";
import { renderMarkdown } from "../../src/ingest/markdown";
import { sanitizeHtml } from "../../src/ingest/sanitize";

const cases = XSS_VECTORS.map((vector) => [vector.name, vector] as const);

describe("corpus", () => {
  it("is big enough and has unique names", () => {
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(150);
    expect(new Set(XSS_VECTORS.map((v) => v.name)).size).toBe(XSS_VECTORS.length);
  });

  it.each(cases)("oracle sees raw vector %s as labelled", (_name, vector) => {
    const findings = findXss(vector.html);
    if (vector.rawInert) expect(findings).toEqual([]);
    else expect(findings.length).toBeGreaterThan(0);
  });
});

describe("sanitized corpus", () => {
  it.each(cases)("%s: no findings", (_name, vector) => {
    const out = sanitizeHtml(vector.html);
    expect(findXss(out), out).toEqual([]);
    // Belt and braces on the string itself: `<` in text is always escaped, so any of these
    // tag openings would be a real element.
    expect(out).not.toMatch(/<\/?(?:script|style|iframe|svg|math|object|embed|form|template|noscript|base|meta|link)\b/i);
  });
});

describe("DOM clobbering through kept ids and classes", () => {
  const clobber = CLOBBER_VECTORS.map((vector) => [vector.name, vector] as const);

  it.each(clobber)("oracle sees raw %s as labelled", (_name, vector) => {
    if (vector.rawInert) expect(findClobbering(vector.html)).toEqual([]);
    else expect(findClobbering(vector.html).length).toBeGreaterThan(0);
  });

  it.each(clobber)("%s: sanitized, no bare id, no name, no other class, no XSS", (_name, vector) => {
    const out = sanitizeHtml(vector.html);
    expect(findClobbering(out), out).toEqual([]);
    expect(findXss(out), out).toEqual([]);
    expect(sanitizeHtml(out)).toBe(out);
  });

  it.each(cases)("XSS vector %s: sanitized, nothing to clobber with", (_name, vector) => {
    const out = sanitizeHtml(vector.html);
    expect(findClobbering(out), out).toEqual([]);
  });

  it("Markdown footnotes, fenced code and headings render through it with working links", () => {
    const out = sanitizeHtml(renderMarkdown("Text[^1].\n\n```js\nx\n```\n\n## Intro\n\n[^1]: Note.\n"));
    expect(findClobbering(out)).toEqual([]);
    const ids = [...out.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    const targets = [...out.matchAll(/ href="#([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(["user-content-fnref1", "user-content-intro", "user-content-fn1"]);
    // Every same-page link reaches an id of the body.
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect(ids).toContain(target);
    expect(out).toContain('<code class="language-js">');
  });
});

describe("oracle", () => {
  it.each([
    ["<script>x</script>", "element <script>"],
    ['<a href="jav&#x09;ascript:x">a</a>', 'href="jav\\tascript:x"'],
    ['<a href=" DATA:text/html,x">a</a>', 'href=" DATA:text/html,x"'],
    ['<img src="/a.png" srcset="/b.png 1x, javascript:x 2x">', 'srcset candidate "javascript:x"'],
    ['<p style="color:red">a</p>', "attribute style"],
    ["<p onclick=x>a</p>", "event handler onclick"],
    ["<template><img src=x onerror=y></template>", "event handler onerror"],
    ["<svg><a xlink:href=javascript:x>a</a></svg>", 'xlink:href="javascript:x"'],
    ["<!--x-->", "comment <!--x-->"],
    ["<math><mi>x</mi></math>", "foreign-namespace element http://www.w3.org/1998/Math/MathML"],
  ])("flags %s", (markup, problem) => {
    expect(findXss(markup).map((f) => f.problem)).toContain(problem);
  });

  it("is quiet on ordinary article markup", () => {
    const markup = '<p><strong>x</strong><a href="https://ok.example/?q=javascript:x" rel="nofollow">y</a><img src="/a.png" srcset="/a.png 1x, /b.png 2x"></p>';
    expect(findXss(markup)).toEqual([]);
  });
});
