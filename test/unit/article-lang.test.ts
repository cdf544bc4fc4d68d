import { describe, expect, it } from "vitest";
import { parsePost } from "../../src/ingest/parse-post";
import { normalizeLang, ogLocale } from "../../src/lib/lang";
import { articleLang } from "../../src/syndication/article-lang";
import { SITE } from "../support/articles";
import { makePost } from "../support/seed";

describe("normalizeLang (BCP 47, through the runtime's ICU)", () => {
  it.each([
    ["en", "en"],
    ["EN", "en"],
    ["zh-tw", "zh-TW"],
    ["zh_cn", "zh-CN"],
    ["zh-hant-tw", "zh-Hant-TW"],
    [" ja ", "ja"],
    ["iw", "he"],
    ["es-419", "es-419"],
  ])("accepts %j as %j", (raw, canonical) => {
    expect(normalizeLang(raw)).toBe(canonical);
  });

  it.each(["", "english", "中文", "zh-", "12", "en--US", "und", "x-private", "a".repeat(36), null, undefined])("refuses %j", (raw) => {
    expect(normalizeLang(raw)).toBeNull();
  });
});

describe("ogLocale (Open Graph's language_TERRITORY)", () => {
  it.each([
    ["zh-CN", "zh_CN"],
    ["zh-TW", "zh_TW"],
    ["zh", "zh_CN"],
    ["zh-Hant", "zh_TW"],
    ["zh-Hant-HK", "zh_HK"],
    ["en", "en_US"],
    ["en-GB", "en_GB"],
    ["ja", "ja_JP"],
    ["ko", "ko_KR"],
  ])("maps %s to %s", (lang, og) => {
    expect(ogLocale(lang)).toBe(og);
  });
});

describe("articleLang", () => {
  const chinese = { title: "台北市政府公布新政策", summary: "摘要", bodyHtml: "<p>正文</p>" };

  it("prefers the stored lang over detection", () => {
    expect(articleLang({ ...chinese, lang: "zh-TW" }, SITE)).toBe("zh-TW");
    expect(articleLang({ title: "東京の天気", summary: "", bodyHtml: "", lang: "ja" }, SITE)).toBe("ja");
    // Stated, even where detection would say English.
    expect(articleLang({ title: "Bonjour", summary: "", bodyHtml: "<p>Le monde</p>", lang: "fr" }, SITE)).toBe("fr");
  });

  it("detects without one: Latin-only text is English, anything with CJK is the site's", () => {
    expect(articleLang(chinese, SITE)).toBe("zh-CN");
    expect(articleLang({ title: "Markets rally", summary: "", bodyHtml: '<p><a href="/x">Stocks</a></p>' }, SITE)).toBe("en");
  });
});

describe("parsePost reads front matter lang", () => {
  const post = (lang: string | undefined) =>
    makePost({ title: "台北市政府公布新政策", infoCode: "TW202405010000000001", ...(lang === undefined ? {} : { extra: { lang } }) });

  it("stores a well-formed tag in canonical form, without a warning", async () => {
    const parsed = await parsePost(post("zh_tw"));
    expect(parsed.lang).toBe("zh-TW");
    expect(parsed.warnings).toEqual([]);
  });

  it("ignores a malformed one with a warning naming its line, and keeps the post", async () => {
    const parsed = await parsePost(post("Traditional Chinese"));
    expect(parsed.lang).toBeUndefined();
    expect(parsed.warnings).toEqual([
      { line: 7, message: expect.stringMatching(/^`lang` on line 7 is "Traditional Chinese", not a BCP 47 language tag/) },
    ]);
  });

  it("names a list as such", async () => {
    const text = post(undefined).replace("---\n<p>", "lang: [en, fr]\n---\n<p>");
    const parsed = await parsePost(text);
    expect(parsed.lang).toBeUndefined();
    expect(parsed.warnings[0]?.message).toMatch(/is a list or map, not a BCP 47/);
  });

  it("makes a lang change a change of content hash, and no lang keeps the hash it always had", async () => {
    const [none, tw, hk] = await Promise.all([parsePost(post(undefined)), parsePost(post("zh-TW")), parsePost(post("zh-HK"))]);
    expect(new Set([none.contentHash, tw.contentHash, hk.contentHash]).size).toBe(3);
    expect(none.lang).toBeUndefined();
  });

  it("takes lang from a site's _config.yml defaults, as Jekyll does", async () => {
    const parsed = await parsePost(post(undefined), {
      path: "_posts/2024-05-01-taipei.md",
      site: { url: "https://partner.example", defaults: [{ scope: { path: "" }, values: { lang: "zh-Hant" } }] },
    });
    expect(parsed.lang).toBe("zh-Hant");
  });
});
