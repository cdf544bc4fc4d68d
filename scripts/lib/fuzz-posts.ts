/**
 * Seeded generators of hostile and broken posts for the ingest fuzz test
 * (test/unit/ingest-fuzz.test.ts, a few thousand cases) and script (scripts/fuzz-ingest.ts,
 * as many as asked, with timing). Pure: the same seed gives the same posts, so a failure
 * is reproduced by its seed and case number.
 */

/** mulberry32: small, fast and good enough to pick fragments. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pieces that exercise the parser, the sanitizer and markdown-it's slow paths. */
const FRAGMENTS = [
  "<p>", "</p>", "<b>", "</b>", "<i>", "<div>", "</div>", "<table>", "<tr>", "<td>", "</table>", "<a href=\"https://e.example/\">", "</a>",
  '<p class="em_media">（文章来源：北方网）</p>', '<p class="em_media ', "<img src=x onerror=alert(1)>", '<img src="https://i.example/a.png">',
  "<svg><script>alert(1)</script></svg>", "<math><mi>", "<!--", "-->", "<![CDATA[", "]]>", "<script>", "</script>", "<style>", "<template>",
  "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", "<select><style></select><img src=x>", "<pre>\n", "</pre>",
  "&", "&amp;", "&#0;", "&#xD800;", "&nbsp;", "&lt;", "<", ">", '"', "'", "`", "=", "/",
  "[", "]", "![", "](", ")", "*", "**", "_", "`", "```\n", "> ", "- ", "1. ", "# ", "|", "\\", "\n", "\n\n", "  ", "\t",
  "中国太保", "养老金融", "新规落地。", "😀", "\u0000", "\u001b", "\ud800", "\udc00", "\u2028", "\ufeff", "\u00a0",
  "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "https://example.com/a?b=1&c=2",
];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

function soup(rand: () => number, pieces: number, maxRepeat: number): string {
  let out = "";
  for (let i = 0; i < pieces; i++) {
    // Now and then a long run of one fragment: the shape of most algorithmic attacks.
    const fragment = pick(rand, FRAGMENTS);
    out += rand() < 0.05 ? fragment.repeat(1 + Math.floor(rand() * maxRepeat)) : fragment;
  }
  return out;
}

const FRONT = (i: number) => `---\ntitle: "模糊测试 ${i}"\ndate: 2024-01-01 10:00:00 +0800\ncategories: caijing\ntags: [a, b]\n---\n`;

/** A random body of random fragments behind valid front matter. */
export function randomPost(rand: () => number, i: number, pieces = 40, maxRepeat = 2000): string {
  return `${FRONT(i)}${soup(rand, pieces, maxRepeat)}\n`;
}

/** A real post with slices deleted, duplicated or replaced by fragments (front matter included). */
export function mutatePost(rand: () => number, source: string): string {
  let text = source;
  const edits = 1 + Math.floor(rand() * 6);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * (text.length + 1));
    const len = Math.floor(rand() * 200);
    const kind = rand();
    if (kind < 0.3) text = text.slice(0, at) + text.slice(at + len);
    else if (kind < 0.6) text = text.slice(0, at) + text.slice(at, at + len).repeat(1 + Math.floor(rand() * 4)) + text.slice(at);
    else text = text.slice(0, at) + soup(rand, 1 + Math.floor(rand() * 8), 200) + text.slice(at + (kind < 0.8 ? 0 : len));
  }
  return text;
}
