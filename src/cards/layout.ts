/**
 * The card's look, for each variant: the site's colours (light or dark), the category as a
 * pill, the headline (at most three lines, then an ellipsis), date (in the source's
 * offset), source and site name; the article's own image beside the text (wide) or above
 * it (square) when it has one.
 */
import { h, img, type SatoriNode } from "./elements";
import { headlineFontSize, MAX_LINES } from "./headline";
import type { CardModel } from "./model";

export type Theme = "light" | "dark";

const COLORS = {
  light: { bg: "#ffffff", fg: "#111827", muted: "#4b5563", accent: "#b91c1c", pillFg: "#ffffff", rule: "#e5e7eb" },
  dark: { bg: "#111827", fg: "#f9fafb", muted: "#9ca3af", accent: "#f87171", pillFg: "#111827", rule: "#374151" },
} as const;

export type LayoutInput = {
  model: CardModel;
  width: number;
  height: number;
  theme: Theme;
  fontFamily: string;
  /** The article's image as a data: URL, already fetched and checked; null draws none. */
  image: string | null;
};

export function cardLayout({ model, width, height, theme, fontFamily, image }: LayoutInput): SatoriNode {
  const c = COLORS[theme];
  const square = width === height;
  const pad = Math.round(width * 0.06);
  const imageBox = image ? (square ? { w: width - 2 * pad, h: Math.round(height * 0.36) } : { w: Math.round(width * 0.36), h: height - 2 * pad }) : null;
  const gap = Math.round(pad * 0.6);
  const textWidth = width - 2 * pad - (imageBox && !square ? imageBox.w + gap : 0);
  const textHeight = height - 2 * pad - (imageBox && square ? imageBox.h + gap : 0);
  const sizes = square ? (image ? [44, 40, 36, 32] : [68, 60, 52, 44, 38]) : [72, 64, 56, 48, 42];
  const fontSize = headlineFontSize(model.title, textWidth, sizes);
  const meta = [model.date, model.source].filter(Boolean).join("  ·  ");
  // Korean wraps between words (keep-all); Chinese and Japanese have no spaces and break anywhere.
  const wordBreak = /[\uac00-\ud7a3]/.test(model.title) && !/[\u3040-\u30ff\u4e00-\u9fff]/.test(model.title) ? "keep-all" : "normal";
  const small = Math.round(Math.max(width * 0.02, 22));

  const headline = h(
    "div",
    { display: "block", lineClamp: MAX_LINES, wordBreak, fontSize, lineHeight: 1.3, color: c.fg, width: textWidth, overflow: "hidden", maxHeight: Math.ceil(fontSize * 1.3 * MAX_LINES) + 4 },
    model.title,
  );
  const top = h(
    "div",
    { display: "flex", alignItems: "center", justifyContent: "space-between", width: "100%" },
    h("div", { display: "flex", background: c.accent, color: c.pillFg, fontSize: Math.round(Math.max(width * 0.022, 24)), padding: "6px 18px", borderRadius: 999 }, model.category),
  );
  const bottom = h(
    "div",
    { display: "flex", flexDirection: "column", borderTop: `3px solid ${c.rule}`, paddingTop: 18, width: "100%" },
    h("div", { display: "flex", fontSize: small, color: c.muted }, meta),
    h("div", { display: "flex", fontSize: Math.round(small * 1.3), color: c.accent, marginTop: 8 }, model.site),
  );
  const text = h(
    "div",
    { display: "flex", flexDirection: "column", justifyContent: "space-between", width: textWidth, height: textHeight },
    top,
    headline,
    bottom,
  );
  const picture = image && imageBox ? img(image, { width: imageBox.w, height: imageBox.h, objectFit: "cover", borderRadius: 16 }) : null;
  return h(
    "div",
    {
      display: "flex",
      flexDirection: square ? "column" : "row",
      width: "100%",
      height: "100%",
      padding: pad,
      gap: picture ? gap : 0,
      background: c.bg,
      fontFamily,
      borderLeft: square ? "none" : `16px solid ${c.accent}`,
    },
    ...(square ? [picture, text] : [text, picture]),
  );
}
