/**
 * Headline sizing: the largest font size at which the headline fits in three lines, with
 * full-width characters (CJK ideographs, kana, Hangul, full-width punctuation, emoji)
 * measured as one em and other characters as a little over half of one. satori then wraps
 * with the real glyph widths (CJK may break between any two characters, Latin at spaces)
 * and clamps to three lines with an ellipsis (lineClamp), so an estimate that is off only
 * changes the size, never lets text overflow the card.
 */

const WIDE_RANGES: readonly [number, number][] = [
  [0x1100, 0x115f], // Hangul Jamo leading consonants
  [0x2e80, 0x303e], // CJK radicals, ideographic punctuation
  [0x3041, 0x33ff], // kana, Bopomofo, Hangul compatibility Jamo, CJK compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xff60], // full-width forms
  [0xffe0, 0xffe6],
  [0x1f300, 0x1faff], // emoji
  [0x20000, 0x3fffd], // CJK extensions B and later
];

/** Width of one character in em: 1 for East Asian Wide/Fullwidth, 0.58 otherwise. */
export function charWidthEm(codePoint: number): number {
  for (const [a, b] of WIDE_RANGES) if (codePoint >= a && codePoint <= b) return 1;
  return 0.58;
}

/** The headline's width in em at one line. */
export function widthEm(text: string): number {
  let total = 0;
  for (const ch of text) total += charWidthEm(ch.codePointAt(0) ?? 0);
  return total;
}

export const MAX_LINES = 3;

/** The largest of `sizes` (px, descending) at which `text` fits `maxLines` lines of `boxWidth` px; else the smallest. */
export function headlineFontSize(text: string, boxWidth: number, sizes: readonly number[], maxLines = MAX_LINES): number {
  const em = widthEm(text);
  for (const size of sizes) {
    // 0.92: lines rarely fill to the last pixel (wrapping leaves a gap at the end).
    if (Math.ceil((em * size) / (boxWidth * 0.92)) <= maxLines) return size;
  }
  return sizes[sizes.length - 1] ?? 48;
}
