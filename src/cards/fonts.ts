/**
 * Fonts for a card: only the unicode-range subsets that the card's text falls in are
 * loaded (a Chinese headline needs a handful of the ~210 subsets, not all 5.4 MB).
 * The subset files are bundled with the cards Worker as Data modules (wrangler.cards.toml
 * rules), so nothing is fetched at run time.
 *
 * Loaded subsets are kept per isolate as plain bytes (data, not a promise or an I/O
 * object, so reusing them across requests is allowed); two requests that both miss each
 * load the module themselves.
 */
import { FONT_SUBSETS } from "./font-subsets.generated";

export type FontSubset = {
  family: string;
  /** Flat [from, to, from, to, ...] code point ranges, inclusive. */
  ranges: readonly number[];
  load: () => Promise<{ default: ArrayBuffer }>;
};

export type LoadedFont = { name: string; data: ArrayBuffer; weight: 700; style: "normal" };

const loaded = new Map<FontSubset, ArrayBuffer>();

function covers(subset: FontSubset, codePoint: number): boolean {
  const r = subset.ranges;
  for (let i = 0; i + 1 < r.length; i += 2) {
    if (codePoint >= (r[i] ?? 0) && codePoint <= (r[i + 1] ?? -1)) return true;
  }
  return false;
}

/** The subsets that draw `text`: for each character, the first family (in priority order) that has it. */
export function subsetsFor(text: string, subsets: readonly FontSubset[] = FONT_SUBSETS): FontSubset[] {
  const wanted = new Set<FontSubset>();
  const seen = new Set<number>();
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || seen.has(cp)) continue;
    seen.add(cp);
    const subset = subsets.find((s) => covers(s, cp));
    if (subset) wanted.add(subset);
  }
  return [...wanted];
}

/** Each subset as its own satori font, named "<family> <n>" so satori falls back across them in order. */
export async function fontsFor(text: string): Promise<LoadedFont[]> {
  const subsets = subsetsFor(text);
  const fonts = await Promise.all(
    subsets.map(async (subset): Promise<LoadedFont> => {
      let data = loaded.get(subset);
      if (!data) {
        data = (await subset.load()).default;
        loaded.set(subset, data);
      }
      return { name: `${subset.family} ${FONT_SUBSETS.indexOf(subset)}`, data, weight: 700, style: "normal" };
    }),
  );
  return fonts;
}

/** The font-family list for the card's CSS: every loaded subset, in priority order. */
export function familyList(fonts: readonly LoadedFont[]): string {
  return fonts.map((f) => `"${f.name}"`).join(", ");
}
