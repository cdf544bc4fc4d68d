/**
 * Body images as figures (src/views/figures.ts), fed with what the real parser and
 * sanitizer store, so a change in the sanitizer's output shape shows up here.
 */
import { describe, expect, it } from "vitest";
import { parsePost } from "../../src/ingest/parse-post";
import { bodyImages } from "../../src/views/figures";

const LAZY = 'loading="lazy" decoding="async" referrerpolicy="no-referrer"';
const EAGER = 'fetchpriority="high" decoding="async" referrerpolicy="no-referrer"';

async function shown(body: string): Promise<string> {
  const post = await parsePost(`---\ntitle: 图片\ndate: 2024-01-01\n---\n${body}\n`);
  return bodyImages(post.bodyHtml).trim();
}

describe("body images", () => {
  it("take the emphasized line under an image as its caption, in the same paragraph or the next", async () => {
    expect(await shown("![港口](https://img.example.com/a.jpg)\n*图为港口的夜景*\n\n正文。")).toBe(
      `<figure><img src="https://img.example.com/a.jpg" alt="港口" ${EAGER}><figcaption>图为港口的夜景</figcaption></figure>\n<p>正文。</p>`,
    );
    expect(await shown("![港口](https://img.example.com/a.jpg)\n\n_图为港口的夜景_\n\n正文。")).toBe(
      `<figure><img src="https://img.example.com/a.jpg" alt="港口" ${EAGER}><figcaption>图为港口的夜景</figcaption></figure>\n<p>正文。</p>`,
    );
  });

  it("take the title as the caption when no emphasized line follows, and drop it from the image", async () => {
    expect(await shown('第一段。\n\n![港口](https://img.example.com/a.jpg "港口的夜景")\n\n第二段。')).toBe(
      `<p>第一段。</p>\n<figure><img src="https://img.example.com/a.jpg" alt="港口" ${EAGER}><figcaption>港口的夜景</figcaption></figure>\n<p>第二段。</p>`,
    );
  });

  it("keep the title as text: markup in it stays escaped", async () => {
    const html = await shown('![x](https://img.example.com/a.jpg "<b>粗</b> & \\"引\\"")');
    expect(html).toContain("<figcaption>&lt;b&gt;粗&lt;/b&gt; &amp; &quot;引&quot;</figcaption>");
  });

  it("load only the first image eagerly, keep the others lazy, and leave inline images in their text", async () => {
    const html = await shown(
      '<p><img src="https://img.example.com/1.jpg" width="800" height="600"></p>\n\n文字 ![行内](https://img.example.com/2.jpg) 文字\n\n[![链接图](https://img.example.com/3.jpg)](https://example.com/big.jpg)',
    );
    expect(html).toContain(`<figure><img src="https://img.example.com/1.jpg" width="800" height="600" ${EAGER}></figure>`);
    expect(html).toContain(`<p>文字 <img src="https://img.example.com/2.jpg" alt="行内" ${LAZY}> 文字</p>`);
    expect(html).toMatch(/<figure><a href="https:\/\/example\.com\/big\.jpg"[^>]*><img src="https:\/\/img\.example\.com\/3\.jpg" alt="链接图" loading="lazy"[^>]*><\/a><\/figure>/);
    expect(html.match(/fetchpriority/g)).toHaveLength(1);
  });

  it("leave a partner's own figure and an emphasized paragraph that is not under an image alone", async () => {
    const html = await shown('<figure><img src="https://img.example.com/c.jpg"><figcaption>已有说明</figcaption></figure>\n\n*强调的一段。*');
    expect(html).toBe(`<figure><img src="https://img.example.com/c.jpg" ${EAGER}><figcaption>已有说明</figcaption></figure>\n<p><em>强调的一段。</em></p>`);
    // An inline caption wins; an emphasized paragraph after it stays a paragraph.
    const both = await shown("![a](https://img.example.com/a.jpg)\n*说明*\n\n*另一段强调*");
    expect(both).toContain("<figcaption>说明</figcaption></figure>\n<p><em>另一段强调</em></p>");
  });

  it("make a figure of an image alone between blocks, never of one on its own line inside a paragraph", async () => {
    expect(await shown('第一段。\n\n<img src="https://img.example.com/a.jpg" alt="食堂" width="480" height="320">\n\n*驿站食堂*\n\n第二段。')).toBe(
      `<p>第一段。</p>\n<figure><img src="https://img.example.com/a.jpg" alt="食堂" width="480" height="320" ${EAGER}><figcaption>驿站食堂</figcaption></figure>\n<p>第二段。</p>`,
    );
    expect(await shown("一行文字\n![图](https://img.example.com/a.jpg)\n又一行")).toBe(`<p>一行文字\n<img src="https://img.example.com/a.jpg" alt="图" ${EAGER}>\n又一行</p>`);
  });

  it("handle a body of thousands of images, alone on their lines or inside paragraphs, in one pass", () => {
    // As the sanitizer stores them; bodyImages runs on every render of a page, so its work
    // must grow with the body, not with the body times the number of images.
    const alone = '<img src="https://img.example.com/a.jpg" alt="" ' + LAZY + ">";
    const lines: string[] = [];
    for (let i = 0; i < 5_000; i++) lines.push(alone, `<p>第${i}段\n${alone}\n续</p>`);
    const out = bodyImages(lines.join("\n"));
    expect(out.match(/<figure>/g)?.length).toBe(5_000);
    // The images inside a paragraph stayed where they were.
    expect(out.match(/<p>第\d+段\n<img /g)?.length).toBe(5_000);
  });
});

