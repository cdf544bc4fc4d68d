import { describe, expect, it } from "vitest";
import { highlight, matchRanges, pieces, snippet } from "../../src/search/snippet";
import { indexTokens, matchExpression, MAX_QUERY_CHARS, parseQuery, phraseFor, runTokens, scan, type QueryWord } from "../../src/search/tokens";

function words(q: string): QueryWord[] {
  const parsed = parseQuery(q);
  if (!parsed.ok) throw new Error(`query ${q} did not parse: ${parsed.reason}`);
  return parsed.words;
}

/**
 * FTS5 phrase matching over our token streams, simulated: what unicode61 + MATCH do with
 * the strings we give them (split on spaces; consecutive tokens; a final prefix token).
 */
function phraseMatches(stream: string, phrase: string): boolean {
  const m = /^"(.*)"(\*?)$/.exec(phrase);
  if (!m) throw new Error(`not a phrase: ${phrase}`);
  const doc = stream.split(" ").filter(Boolean);
  const q = (m[1] ?? "").split(" ");
  const prefix = m[2] === "*";
  return doc.some((_, i) =>
    q.every((t, j) => {
      const d = doc[i + j];
      if (d === undefined) return false;
      return prefix && j === q.length - 1 ? d.startsWith(t) : d === t;
    }),
  );
}

describe("indexTokens", () => {
  it.each([
    ["养老金融", "养老 老金 金融 融"],
    ["太保", "太保 保"],
    ["中国太保，2022年", "中国 国太 太保 保 2022 年"],
    ["A股ETF规模", "a 股 etf 规模 模"],
    ["Inflation eased in May.", "inflation eased in may"],
    ["ＡＢＣ１２３ Café", "abc123 cafe"],
    ["人々の暮らし", "人々 々の の暮 暮ら らし し"],
    ["한국어", "한국 국어 어"],
    ["<p>不是标签</p> &amp;", "p 不是 是标 标签 签 p amp"],
    ["", ""],
  ])("%s → %s", (text, tokens) => {
    expect(indexTokens(text)).toBe(tokens);
  });

  it("gives the same stream as scan() + runTokens(), which highlighting uses", () => {
    const texts = ["中国太保，2022年A股ETF规模", "Café ＡＢＣ１ 人々の暮らし 한국어", "e\u0301t\u00e9 ㈱公司 ﬁnance", "。。A", "股"];
    for (const text of texts) expect(indexTokens(text)).toBe(scan(text).flatMap(runTokens).join(" "));
  });

  it("stops at maxChars characters", () => {
    expect(indexTokens("一二三四五", 3)).toBe("一二 二三 三");
  });
});

describe("parseQuery and phraseFor", () => {
  it.each([
    ["养老", ['"养老"']],
    ["太保", ['"太保"']],
    ["疫情防控", ['"疫情 情防 防控"']],
    ["养", ['"养"*']],
    ["inflation", ['"inflation"']],
    ["A股", ['"a 股"*']],
    ["A股 ETF", ['"a 股"*', '"etf"']],
    ["中国A", ['"中国 国 a"']],
    ["养老 养老", ['"养老"']],
  ])("%s", (q, phrases) => {
    expect(words(q).map(phraseFor)).toEqual(phrases);
  });

  it.each([
    ['"养老', "unbalanced quote"],
    ['养老"', "trailing quote"],
    ["养老*", "star"],
    ["NEAR(养老 太保)", "NEAR"],
    ["养老 -太保", "minus"],
    ["养老 AND OR NOT 太保", "boolean words"],
    ['" OR 1=1 --', "SQL-ish"],
    ["title:养老", "column filter"],
    ["{title body}: ^养老", "column set and caret"],
  ])("keeps user syntax out of MATCH: %s (%s)", (q) => {
    const expr = matchExpression(words(q));
    // Only quoted phrases of letters and digits, joined by AND.
    expect(expr).toMatch(/^"[\p{L}\p{N} ]+"\*?( AND "[\p{L}\p{N} ]+"\*?)*$/u);
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ['"*-()', "no_terms"],
    ["养".repeat(MAX_QUERY_CHARS + 1), "too_long"],
    ["a b c d e f g h i", "too_many_words"],
  ])("rejects %j as %s", (q, reason) => {
    const parsed = parseQuery(q);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toBe(reason);
  });

  it("accepts exactly MAX_QUERY_CHARS characters", () => {
    expect(parseQuery("养".repeat(MAX_QUERY_CHARS)).ok).toBe(true);
  });

  it("scopes the title query to the title column", () => {
    expect(matchExpression(words("养老 A股"), "title")).toBe('title : ("养老" AND "a 股"*)');
  });
});

describe("a phrase matches exactly where the query is a substring", () => {
  // Every substring of a few texts must match; strings that are not substrings must not.
  const texts = ["中国太保聚焦主责主业", "个人养老金制度落地", "赡养老人", "养", "今日A股ETF成交", "港股ETF", "A。股"];
  const candidates = ["太保", "保聚", "养老", "养", "老", "赡养老人", "养老金制", "太平", "老金", "A股", "股ETF", "A股ETF", "港股", "日A", "保险"];
  for (const text of texts) {
    const stream = indexTokens(text);
    it.each(candidates)(`in ${text}: %s`, (q) => {
      const expected = q === "A股" && text === "A。股" ? true : text.toLowerCase().includes(q.toLowerCase());
      expect(words(q).every((w) => phraseMatches(stream, phraseFor(w)))).toBe(expected);
    });
  }
});

describe("highlighting", () => {
  it("marks CJK substrings, whole English words and mixed words", () => {
    const text = "今日A股ETF大涨，养老基金与Inflation数据";
    expect(matchRanges(text, words("养老")).map(([s, e]) => text.slice(s, e))).toEqual(["养老"]);
    expect(matchRanges(text, words("a股")).map(([s, e]) => text.slice(s, e))).toEqual(["A股"]);
    expect(matchRanges(text, words("inflation etf")).map(([s, e]) => text.slice(s, e))).toEqual(["ETF", "Inflation"]);
    expect(matchRanges("inflationary", words("inflation"))).toEqual([]);
  });

  it("cuts a snippet around the first match, with ellipses, and never splits a surrogate pair", () => {
    const text = `${"前文".repeat(40)}养老金${"后文😀".repeat(60)}`;
    const s = snippet(text, words("养老"), 40);
    expect(s.text.startsWith("…")).toBe(true);
    expect(s.text.endsWith("…")).toBe(true);
    expect(s.marks).toHaveLength(1);
    const [start, end] = s.marks[0] ?? [0, 0];
    expect(s.text.slice(start, end)).toBe("养老");
    expect(s.text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });

  it("starts at the beginning when nothing in the text matches (a title-only hit)", () => {
    expect(snippet("正文开头", words("太保"))).toEqual({ text: "正文开头", marks: [] });
  });

  it("splits marked text into pieces for the view", () => {
    expect(pieces(highlight("中国太保与太保寿险", words("太保")))).toEqual([
      { text: "中国", mark: false },
      { text: "太保", mark: true },
      { text: "与", mark: false },
      { text: "太保", mark: true },
      { text: "寿险", mark: false },
    ]);
  });
});
