/**
 * Images in an article body, at render time, so every stored article gets them without a
 * re-sanitize:
 * - a paragraph holding only an image (what Markdown makes of `![](…)`, linked or not),
 *   or an image alone on its line outside any paragraph (a partner's `<img>` between
 *   blocks, or in a `<center>` the sanitizer unwrapped) becomes a <figure>;
 * - its caption, in this order: an emphasized line right under the image, in the same
 *   paragraph or the next one on its own (`![](a.jpg)` then `*图为…*`, as Jekyll posts
 *   write it), else the image's title (`![](a.jpg "港口夜景")`), which then leaves the
 *   <img> so it is not announced twice. Alt text stays alt text: it describes the image
 *   for those who cannot see it, a caption is for everyone;
 * - the first image of the body loads eagerly with `fetchpriority="high"`: on a phone it
 *   is usually above the fold and the page's largest paint. Every other image keeps the
 *   sanitizer's `loading="lazy"`.
 * Space is reserved by the stylesheet: width/height when the post gives them, a 3:2 box
 * otherwise; a failed image shows a quiet box (src/views/styles.ts).
 *
 * The input is the sanitizer's output (src/ingest/sanitize.ts), whose shape is fixed:
 * attributes in one order, values quoted and escaped (`"`, `<`, `>`, `&`), no comments. So
 * these patterns see only that shape, and a title value is already safe as text.
 */

/** An emphasized run with no nested <em> or paragraph boundary; bounded so a long emphasized paragraph is not taken as a caption. */
const EM = String.raw`<em>((?:[^<]|<(?!/?(?:em|p)\b)){1,300})</em>`;
const IMAGE = String.raw`(?:<a [^>]*>)?<img [^>]*>(?:</a>)?`;
const IMAGE_PARAGRAPH = new RegExp(String.raw`<p>(${IMAGE})(?:\s*(?:<br>)?\s*${EM})?\s*</p>(?:(\s*)<p>${EM}</p>)?`, "g");
const BLOCK_IMAGE = new RegExp(String.raw`(^|\n)(${IMAGE})(?=\n|$)(?:(\s*)<p>${EM}</p>)?`, "g");
const TITLE = / title="([^"]*)"/;
/** Elements whose content is phrasing only: a <figure> cannot go inside them. */
const PHRASING_ONLY = ["p", "pre", "h1", "h2", "h3", "h4", "h5", "h6"];

/**
 * Whether each position lies inside an open <p>, <pre> or heading (the sanitizer's output is
 * balanced), asked for positions in increasing order: one pass over the body's tags for all
 * the questions, so a body of many images costs linear time, not a scan per image.
 */
function phrasingDepth(html: string): (at: number) => boolean {
  const tags = new RegExp(String.raw`<(/?)(?:${PHRASING_ONLY.join("|")})(?=[\s>])`, "g");
  let depth = 0;
  let next = tags.exec(html);
  return (at) => {
    while (next && next.index < at) {
      depth += next[1] ? -1 : 1;
      next = tags.exec(html);
    }
    return depth > 0;
  };
}

function figure(image: string, caption: string | undefined): string {
  if (caption === undefined) {
    const title = TITLE.exec(image)?.[1];
    if (!title?.trim()) return `<figure>${image}</figure>`;
    return `<figure>${image.replace(TITLE, "")}<figcaption>${title}</figcaption></figure>`;
  }
  return `<figure>${image}<figcaption>${caption}</figcaption></figure>`;
}

function asFigures(html: string): string {
  const paragraphs = html.replace(IMAGE_PARAGRAPH, (_m, image: string, inline?: string, gap?: string, next?: string) =>
    // An inline caption was found: a following emphasized paragraph stays the text it was.
    inline !== undefined ? figure(image, inline) + (next !== undefined ? `${gap ?? ""}<p><em>${next}</em></p>` : "") : figure(image, next),
  );
  const insidePhrasing = phrasingDepth(paragraphs);
  return paragraphs.replace(BLOCK_IMAGE, (whole: string, start: string, image: string, _gap?: string, next?: string, at?: number) =>
    insidePhrasing(at ?? 0) ? whole : start + figure(image, next),
  );
}

/** The first <img> loads at once, at high priority; the rest stay lazy. */
function eagerFirstImage(html: string): string {
  return html.replace(/<img ([^>]*?) loading="lazy"/, '<img $1 fetchpriority="high"');
}

/** The article body as shown: images as figures with captions, the first one eager. */
export function bodyImages(html: string): string {
  return eagerFirstImage(asFigures(html));
}
