/**
 * Language tags (BCP 47) as partners write them in front matter (`lang: en`, `zh-TW`,
 * `zh_cn`, `ja`), checked and put in canonical form by the runtime's own ICU
 * (Intl.getCanonicalLocales, in workerd and in Node alike), and mapped to the shapes
 * other formats want (Open Graph's `zh_CN`).
 */

/** BCP 47 asks implementations to support tags of at least 35 characters; longer ones are not real languages. */
export const MAX_LANG_CHARS = 35;

/**
 * The canonical tag ("zh-tw" → "zh-TW", "zh_cn" → "zh-CN", "iw" → "he"), or null when the
 * text is not a well-formed language tag with an ISO 639 language first, or says nothing
 * ("und": undetermined).
 * Jekyll sites write "zh_cn" (POSIX style) as often as "zh-CN", so "_" is read as "-".
 */
export function normalizeLang(raw: string | null | undefined): string | null {
  const value = (raw ?? "").trim().replace(/_/g, "-");
  if (value === "" || value.length > MAX_LANG_CHARS) return null;
  let canonical: string | undefined;
  try {
    canonical = Intl.getCanonicalLocales(value)[0];
  } catch {
    return null; // RangeError: not a well-formed tag ("zh-", "12", "en--US")
  }
  // Syntax allows a 5-8 letter language ("english" parses); the registry holds none, so
  // only ISO 639's two- and three-letter codes are languages here.
  const primary = canonical?.split("-")[0] ?? "";
  if (!/^[a-z]{2,3}$/.test(primary) || primary === "und") return null;
  return canonical ?? null;
}

/**
 * Open Graph's og:locale is language_TERRITORY ("zh_CN", "en_US"). A tag without a region
 * gets its likely one from CLDR's likely subtags ("ja" → ja_JP, "zh-Hant" → zh_TW), so a
 * script-only tag still names the right territory.
 */
export function ogLocale(lang: string): string {
  try {
    const locale = new Intl.Locale(lang);
    const region = locale.region ?? locale.maximize().region;
    return region ? `${locale.language}_${region}` : locale.language;
  } catch {
    return lang.replace(/-/g, "_");
  }
}
