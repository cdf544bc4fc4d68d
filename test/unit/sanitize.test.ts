/**
 * One table per sanitizer rule. Expected strings are written out in full: the output is
 * stored and hashed (SANITIZER_VERSION), so byte-level changes must be deliberate.
 */
import { describe, expect, it } from "vitest";
import fixture from "../fixtures/2022-04-28-NW202204282363815497.md?raw";
import { SANITIZER_VERSION, sanitizeHtml } from "../../src/ingest/sanitize";

const REL = 'rel="noopener noreferrer nofollow ugc"';
const IMG_TAIL = 'loading="lazy" decoding="async" referrerpolicy="no-referrer"';

describe("allowed markup survives byte-for-byte", () => {
  it.each([
    "<p>plain</p>",
    "<p><strong>一、“守”好主业，“护”好民生</strong></p>",
    '<p class="em_media">（文章来源：北方网）</p>',
    "<h1>a</h1><h2>b</h2><h3>c</h3><h4>d</h4><h5>e</h5><h6>f</h6>",
    "<p><b>b</b><em>em</em><i>i</i><u>u</u><s>s</s><del>d</del><ins>n</ins><sub>1</sub><sup>2</sup><small>s</small><mark>m</mark></p>",
    "<p>a<br>b</p><hr>",
    '<blockquote cite="https://ok.example/src"><p>q</p></blockquote>',
    '<p><q cite="/quote">q</q> <cite>Book</cite> <code>x()</code> <kbd>Ctrl</kbd> <samp>out</samp></p>',
    "<pre>\n\nindented\n  code</pre>",
    '<ol start="3"><li>three</li></ol><ul><li>x</li></ul><dl><dt>t</dt><dd>d</dd></dl>',
    `<figure><img src="/a.png" alt="图" ${IMG_TAIL}><figcaption>说明</figcaption></figure>`,
    '<table><caption>c</caption><thead><tr><th colspan="2">h</th></tr></thead><tbody><tr><td rowspan="1">x</td><td>y</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>',
    '<p><span>s</span></p><div>d</div><abbr title="World Health Organization">WHO</abbr> <time datetime="2022-04-28T14:08:53+08:00">4月28日</time>',
    `<a href="https://ok.example/a?b=1&amp;c=2" title="t" ${REL}>链接</a>`,
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "a&amp;b&nbsp;c",
    "全角标点：，。！？；（）【】《》“”‘’",
  ])("%s", (html) => {
    expect(sanitizeHtml(html)).toBe(html);
  });
});

describe("rewrites", () => {
  it.each([
    ["links get rel, lose target", '<a target="_blank" rel="opener" href="https://ok.example/">x</a>', `<a href="https://ok.example/" ${REL}>x</a>`],
    ["images get loading/decoding/referrerpolicy", '<img width="10" alt="a" src="/a.png">', `<img src="/a.png" alt="a" width="10" ${IMG_TAIL}>`],
    ["attribute order is fixed", '<img height="2" title="t" srcset="/b.png 2x" alt="a" width="1" src="/a.png">', `<img src="/a.png" srcset="/b.png 2x" alt="a" title="t" width="1" height="2" ${IMG_TAIL}>`],
    ["width/height only digits", '<img src="/a.png" width="100%" height="10px">', `<img src="/a.png" ${IMG_TAIL}>`],
    ["numeric attributes validated", '<table><tbody><tr><td colspan="2" rowspan="x">c</td></tr></tbody></table><ol start="2.5"><li>a</li></ol><ol start="-2"><li>b</li></ol>', '<table><tbody><tr><td colspan="2">c</td></tr></tbody></table><ol><li>a</li></ol><ol><li>b</li></ol>'],
    ["text is re-escaped", "<p>1 < 2 & 3 > 2</p>", "<p>1 &lt; 2 &amp; 3 &gt; 2</p>"],
    ["attribute values fully escaped", `<abbr title='a "q" <b> & c'>x</abbr>`, '<abbr title="a &quot;q&quot; &lt;b&gt; &amp; c">x</abbr>'],
    ["em_media whitespace normalised", '<p class=" em_media ">src</p>', '<p class="em_media">src</p>'],
    ["other classes dropped", '<p class="em_media other">a</p><p class="EM_MEDIA">b</p><div class="em_media">c</div>', "<p>a</p><p>b</p><div>c</div>"],
    ["pre keeps a newline that came from an unwrapped child", "<pre><font>\nx</font></pre>", "<pre>\n\nx</pre>"],
    ["tables get their implied tbody", "<table><tr><td>x</td></tr></table>", "<table><tbody><tr><td>x</td></tr></tbody></table>"],
    ["stray cells parse as in a div", "<td>x</td><tr>y", "xy"],
    ["comments dropped", "a<!-- x -->b<!--[if IE]>c<![endif]-->", "ab"],
  ])("%s", (_rule, input, expected) => {
    expect(sanitizeHtml(input)).toBe(expected);
  });
});

describe("unwrapped elements keep their content", () => {
  it.each([
    ["font", '<font color="red">x</font>', "x"],
    ["center", "<center><p>x</p></center>", "<p>x</p>"],
    ["sectioning", "<article><section><header>h</header><footer>f</footer></section></article>", "hf"],
    ["label", '<label for="a">l</label>', "l"],
    ["custom element", '<x-card onclick="alert(1)"><b>x</b></x-card>', "<b>x</b>"],
    ["a without href", '<a name="top">t</a>', "t"],
    ["a with a rejected href", '<a href="javascript:alert(1)">t</a>', "t"],
    ["nested a", '<a href="/1"><table><tbody><tr><td><a href="/2">x</a></td></tr></tbody></table></a>', `<a href="/1" ${REL}><table><tbody><tr><td>x</td></tr></tbody></table></a>`],
    ["picture keeps its img", '<picture><source srcset="/a.webp"><img src="/a.png"></picture>', `<img src="/a.png" ${IMG_TAIL}>`],
  ])("%s", (_name, input, expected) => {
    expect(sanitizeHtml(input)).toBe(expected);
  });
});

describe("elements removed with their content", () => {
  it.each([
    "script", "style", "textarea", "title", "noscript", "iframe", "object", "applet", "xmp",
    "noembed", "noframes", "template", "svg", "math", "form", "button", "select", "option",
  ])("<%s>", (tag) => {
    expect(sanitizeHtml(`a<${tag}>secret<q>x</q></${tag}>b`)).toBe("ab");
  });
  it.each(["input", "base", "meta", "link", "embed"])("void <%s>", (tag) => {
    expect(sanitizeHtml(`a<${tag} src="/x" href="/x">b`)).toBe("ab");
  });
  it("plaintext swallows the rest of the document", () => {
    expect(sanitizeHtml("a<plaintext>secret</plaintext>b")).toBe("a");
  });
});

describe("attributes outside the allowlist are dropped", () => {
  it.each([
    'onclick="alert(1)"', 'onmouseover="x"', 'style="color:red"', 'id="main page"', 'class="lead"',
    'name="n"', 'data-x="1"', 'xmlns="http://www.w3.org/1999/xhtml"', 'formaction="/x"',
    'lang="zh"', 'title="t"', 'href="/x"', 'src="/x"',
  ])("%s on <p>", (attr) => {
    expect(sanitizeHtml(`<p ${attr}>t</p>`)).toBe("<p>t</p>");
  });
});

describe("URLs", () => {
  it.each([
    ["https://ok.example/a", "https://ok.example/a"],
    ["HTTP://OK.EXAMPLE", "HTTP://OK.EXAMPLE"],
    ["mailto:desk@example.com", "mailto:desk@example.com"],
    ["/relative/path", "/relative/path"],
    ["../up.html", "../up.html"],
    ["page.html", "page.html"],
    // Same-page links follow the `user-content-` prefix of the ids they can reach.
    ["#frag", "#user-content-frag"],
    ["#user-content-frag", "#user-content-frag"],
    ["#", "#"],
    ["#%E4%B8%AD", "#user-content-%E4%B8%AD"],
    ["#a%20b", "#a%20b"],
    ["?q=1", "?q=1"],
    ["//cdn.example/x", "//cdn.example/x"],
    ["/path?x=a:b", "/path?x=a:b"],
    ["&#104;ttps://ok.example/", "https://ok.example/"],
    ["  https://ok.example/  ", "https://ok.example/"],
    ["https://ok.exa\tmple/", "https://ok.example/"],
    [" \u0001https://ok.example/\n", "https://ok.example/"],
    ["ht&#x0A;tps://ok.example/", "https://ok.example/"],
  ])("href %j is kept as %j", (href, expected) => {
    expect(sanitizeHtml(`<a href="${href}">x</a>`)).toBe(`<a href="${expected}" ${REL}>x</a>`);
  });

  it.each([
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " \u0001javascript:alert(1)",
    "jav&#x09;ascript:alert(1)", "jav&#9;ascript:alert(1)", "java&NewLine;script:alert(1)",
    "java\u0000script:alert(1)", "java&#0;script:alert(1)", "javascript&colon;alert(1)",
    "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
    "&#106&#97&#118&#97&#115&#99&#114&#105&#112&#116&#58alert(1)",
    "&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74:alert(1)",
    "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>", "file:///etc/passwd",
    "ftp://ok.example/", "ms-its:x", "javascript :alert(1)", "\u00a0javascript:alert(1)", "",
    "ht\u0001tps://ok.example/", "page:2",
  ])("href %j is dropped (link unwrapped)", (href) => {
    expect(sanitizeHtml(`<a href="${href}">x</a>`)).toBe("x");
  });

  it("mailto is for links only", () => {
    expect(sanitizeHtml('<img src="mailto:a@example.com">')).toBe("");
    expect(sanitizeHtml('<q cite="mailto:a@example.com">x</q>')).toBe("<q>x</q>");
  });

  it.each([
    ['<img src="javascript:alert(1)" alt="x">'], ['<img alt="x">'], ['<img src="">'],
    ['<img srcset="/a.png 1x">'], ['<img src="data:image/png;base64,AAAA">'],
  ])("img without a usable src is removed: %s", (html) => {
    expect(sanitizeHtml(`a${html}b`)).toBe("ab");
  });

  it.each([
    ["/a.png 1x, /b.png 2x", "/a.png 1x, /b.png 2x"],
    ["/a.png 1x, javascript:alert(1) 2x", "/a.png 1x"],
    ["javascript:alert(1) 1x, /b.png 2x", "/b.png 2x"],
    ["/a.png 1x,/b.png 640w", "/a.png 1x, /b.png 640w"],
    ["/a.png,  /b.png 1.5x", "/a.png, /b.png 1.5x"],
    ["/a.png bogus, /b.png 2x", "/b.png 2x"],
    ["data:image/png;base64,AAAA 1x, /b.png 2x", "/b.png 2x"],
    ["&#106;avascript:alert(1) 1x, //cdn.example/c.png 3x", "//cdn.example/c.png 3x"],
    ["/a.png,javascript:alert(1) 2x, /b.png 1x", "/b.png 1x"],
    ["https://cdn.example/w_100,h_80/a.png 1x", "https://cdn.example/w_100,h_80/a.png 1x"],
  ])("srcset %j becomes %j", (srcset, expected) => {
    expect(sanitizeHtml(`<img src="/a.png" srcset="${srcset}">`)).toBe(`<img src="/a.png" srcset="${expected}" ${IMG_TAIL}>`);
  });

  it.each(["javascript:alert(1) 1x", "data:x 1x, vbscript:y 2x", ",,", "/a.png nonsense"])("srcset %j is dropped", (srcset) => {
    expect(sanitizeHtml(`<img src="/a.png" srcset="${srcset}">`)).toBe(`<img src="/a.png" ${IMG_TAIL}>`);
  });
});

describe("real partner article", () => {
  // The body is the HTML between the front matter and the markdown footer links.
  const paragraphs = fixture.split("\n").filter((line) => line.trimStart().startsWith("<p"));

  it("has the paragraphs this test is about", () => {
    expect(paragraphs.length).toBe(14);
    expect(paragraphs.at(-1)).toContain('<p class="em_media">（文章来源：北方网）</p>');
  });

  it.each(paragraphs.map((p, i) => [i, p] as const))("paragraph line %i is unchanged", (_i, line) => {
    expect(sanitizeHtml(line)).toBe(line);
  });

  it("the whole body is unchanged, whitespace between paragraphs included", () => {
    const body = paragraphs.join("\n");
    expect(sanitizeHtml(body)).toBe(body);
  });
});

describe("what Jekyll shows: code languages, footnote and heading anchors", () => {
  it.each([
    ['<pre><code class="language-js">x</code></pre>', '<pre><code class="language-js">x</code></pre>'],
    ['<pre class="highlight"><code class="hljs language-c++ x">x</code></pre>', '<pre><code class="language-c++">x</code></pre>'],
    ['<pre class="language-ruby x"><code>x</code></pre>', '<pre class="language-ruby"><code>x</code></pre>'],
    ['<div class="language-ruby highlighter-rouge"><code class="languagejs">x</code></div>', "<div><code>x</code></div>"],
    ['<span class="language-js">x</span>', "<span>x</span>"],
    ['<sup id="fnref:1"><a href="#fn:1" class="footnote">1</a></sup>', '<sup id="user-content-fnref:1"><a href="#user-content-fn:1" rel="noopener noreferrer nofollow ugc">1</a></sup>'],
    ['<ol><li id="fn1">n <a href="#fnref1">↩</a></li></ol>', '<ol><li id="user-content-fn1">n <a href="#user-content-fnref1" rel="noopener noreferrer nofollow ugc">↩</a></li></ol>'],
    ['<h2 id="intro">t</h2><h3 id="user-content-intro-1">u</h3>', '<h2 id="user-content-intro">t</h2><h3 id="user-content-intro-1">u</h3>'],
    ['<p id="x">t</p><div id="y">u</div><img id="z" src="/a.png">', '<p id="user-content-x">t</p><div>u</div><img src="/a.png" loading="lazy" decoding="async" referrerpolicy="no-referrer">'],
    ['<p class="em_media" id="c">（文章来源：北方网）</p>', '<p class="em_media" id="user-content-c">（文章来源：北方网）</p>'],
    ['<li id="a b">a</li><li id="a&quot;b">b</li><li id="x/y">c</li><li id="">d</li>', "<li>a</li><li>b</li><li>c</li><li>d</li>"],
    ['<h2 id="贡献指南">t</h2><a href="#%E8%B4%A1%E7%8C%AE%E6%8C%87%E5%8D%97">x</a>', '<h2 id="user-content-贡献指南">t</h2><a href="#user-content-%E8%B4%A1%E7%8C%AE%E6%8C%87%E5%8D%97" rel="noopener noreferrer nofollow ugc">x</a>'],
    ['<h2 id="-安装-jpom">t</h2><li id="1x">u</li>', '<h2 id="user-content--安装-jpom">t</h2><li id="user-content-1x">u</li>'],
    ['<a href="#%E0%A4%A">bad escape</a><a href="#a%20b">space</a>', '<a href="#%E0%A4%A" rel="noopener noreferrer nofollow ugc">bad escape</a><a href="#a%20b" rel="noopener noreferrer nofollow ugc">space</a>'],
    ['<a href="/p#fn1" name="fn1">x</a>', '<a href="/p#fn1" rel="noopener noreferrer nofollow ugc">x</a>'],
  ])("%s", (input, expected) => {
    expect(sanitizeHtml(input)).toBe(expected);
  });
});

describe("contract", () => {
  it("version is 4 (2: language classes, prefixed anchor ids, kramdown heading ids; 3: {:toc} entries rendered, at most 8 a post, heading ids from the rendered text; 4: the mirror's trailing upstream link and end-of-text credit leave the body)", () => {
    expect(SANITIZER_VERSION).toBe(4);
  });
  it("empty and non-string input give empty output", () => {
    expect(sanitizeHtml("")).toBe("");
    expect(sanitizeHtml(undefined as unknown as string)).toBe("");
  });
  it("survives very deep nesting without a stack overflow", () => {
    const depth = 100_000;
    const out = sanitizeHtml(`${"<span>".repeat(depth)}x`);
    expect(out.startsWith("<span><span>")).toBe(true);
    expect(out).toContain("x");
  });
});
