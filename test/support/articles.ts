/**
 * Sample articles for the syndication renderer tests, plus a strict XML reader built on
 * fast-xml-parser so tests check parsed fields, not substrings.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { Article } from "../../src/db/types";
import type { SiteConfig } from "../../src/lib/config";
import type { FeedSpec } from "../../src/syndication/feed-model";

export const SITE: SiteConfig = { url: "https://news.example.com", name: "边缘新闻 Edgewire", lang: "zh-CN" };

const SEED_PUBLISHED = Date.parse("2022-04-28T14:08:53+08:00");

/** The real fixture post (test/fixtures/2022-04-28-NW202204282363815497.md) as stored. */
export const SEED: Article = {
  id: 1,
  infoCode: "NW202204282363815497",
  title: "中国太保聚焦主责主业 助力打赢疫情防控大战硬战",
  summary: "3月以来，上海地区新冠疫情形势日趋严峻，作为全国性经营机构，中国太保党委坚持党建领航。",
  bodyHtml:
    "<p>3月以来，上海地区新冠疫情形势日趋严峻，作为全国性经营机构，中国太保党委坚持党建领航。</p>\n" +
    "<p><strong>一、“守”好主业，“护”好民生</strong></p>\n" +
    '<p class="em_media">（文章来源：北方网）</p>',
  publishedAt: SEED_PUBLISHED,
  utcOffsetMin: 480,
  updatedAt: SEED_PUBLISHED,
  sourceName: "北方网",
  author: null,
  originalUrl: null,
  imageUrl: null,
  category: { slug: "beifangwang", name: "北方网新闻" },
  tags: ["北方网新闻"],
  status: "published",
};

/** Markup characters, CJK, an emoji, a forbidden control character, an image. */
export const TRICKY: Article = {
  id: 2,
  infoCode: "CJ202205010000000001",
  title: 'A&B <股市> "涨停" 报告：沪指 & 深成指 ]]> 收官',
  summary: "利润\u0007增长 📈 <b>不是标签</b> & 更多",
  bodyHtml: '<p>利润 &amp; 营收 &lt; 预期，"引号" ]]&gt; 结束</p>\n<p><img src="https://img.example.com/a.png" alt="图表"></p>',
  publishedAt: Date.parse("2022-05-01T09:30:00+08:00"),
  utcOffsetMin: 480,
  updatedAt: Date.parse("2022-05-02T10:00:00+08:00"),
  sourceName: "新华社 & 合作方",
  author: null,
  originalUrl: "https://partner.example.org/news?id=1&lang=zh",
  imageUrl: "https://img.example.com/covers/%E5%9B%BE.PNG?w=800&h=450",
  category: { slug: "caijing", name: "财经要闻" },
  tags: ["股市", "A&B <c>", "股市"],
  status: "published",
};

/** A US source at -05:00 with a named author, an original link and a later update. */
export const WESTERN: Article = {
  id: 3,
  infoCode: "US202204280000000042",
  title: "Fed holds rates steady",
  summary: "The Federal Reserve left rates unchanged.",
  bodyHtml: "<p>The Federal Reserve left rates unchanged on Thursday.</p>",
  publishedAt: Date.parse("2022-04-28T09:15:00-05:00"),
  utcOffsetMin: -300,
  updatedAt: Date.parse("2022-04-28T11:45:30-05:00"),
  sourceName: "Reuters",
  author: "Jane Doe",
  originalUrl: "https://www.reuters.com/markets/fed-2022-04-28/",
  imageUrl: "https://img.example.com/fed.webp",
  category: { slug: "world", name: "World" },
  tags: ["economy", "C++ & Rust/变化"],
  status: "published",
};

/** Newest first, as the data layer returns them. */
export const ARTICLES: Article[] = [TRICKY, WESTERN, SEED];

export function feedSpec(overrides: Partial<FeedSpec> = {}): FeedSpec {
  return {
    site: SITE,
    title: "边缘新闻 & 最新",
    description: "最新文章 <全部>",
    selfPath: "/feed.xml",
    htmlPath: "/",
    articles: ARTICLES,
    ...overrides,
  };
}

// --- reading XML back ---

/** A parsed element: attributes as "@_name", text as "#text", children always as arrays. */
export type XmlNode = { readonly [key: string]: unknown };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  alwaysCreateTextNode: true,
  // Also decodes numeric character references (&#13;); named HTML entities never appear
  // in our output, and tests assert that on the raw text.
  htmlEntities: true,
  isArray: (_name: string, _path: unknown, _isLeaf: boolean, isAttribute: boolean) => !isAttribute,
});

function isNode(value: unknown): value is XmlNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Validates (throwing with the parser's reason) and parses a whole document. */
export function parseXml(xml: string): XmlNode {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`invalid XML: ${JSON.stringify(valid.err)}`);
  const doc: unknown = parser.parse(xml);
  if (!isNode(doc)) throw new Error("parser returned no document");
  return doc;
}

export function children(node: XmlNode, name: string): XmlNode[] {
  const value = node[name];
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every(isNode)) throw new Error(`<${name}> is not a list of elements`);
  return value;
}

/** The one child of that name; throws when there are none or several (Atom's "exactly one"). */
export function only(node: XmlNode, name: string): XmlNode {
  const found = children(node, name);
  const first = found[0];
  if (found.length !== 1 || first === undefined) throw new Error(`expected exactly one <${name}>, found ${found.length}`);
  return first;
}

export function text(node: XmlNode): string {
  const value = node["#text"];
  return typeof value === "string" ? value : "";
}

/** Text of the one child of that name. */
export function childText(node: XmlNode, name: string): string {
  return text(only(node, name));
}

export function attr(node: XmlNode, name: string): string | undefined {
  const value = node[`@_${name}`];
  return typeof value === "string" ? value : undefined;
}

/** A bare "&" or an entity XML does not predefine (&nbsp;): either makes the document unreadable. */
export const UNDECLARED_ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
