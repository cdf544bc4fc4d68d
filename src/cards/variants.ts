/** What each card variant is drawn at (the cards Worker only; file names: CARD_SUFFIX in model.ts). */
import type { CardVariant } from "./model";

/** `outputWidth`: the PNG is the layout (width × height) scaled down to this width. */
export const CARD_VARIANTS: Record<CardVariant, { width: number; height: number; theme: "light" | "dark"; outputWidth?: number }> = {
  /** Open Graph / X summary_large_image: 1.91:1. */
  wide: { width: 1200, height: 630, theme: "light" },
  /** Apps that crop previews to a square (WhatsApp, WeChat). */
  square: { width: 800, height: 800, theme: "light" },
  wideDark: { width: 1200, height: 630, theme: "dark" },
  squareDark: { width: 800, height: 800, theme: "dark" },
  /** oEmbed thumbnails for small maxwidth/maxheight (src/cards/model.ts WIDE_SIZES). */
  wide600: { width: 1200, height: 630, theme: "light", outputWidth: 600 },
  wide300: { width: 1200, height: 630, theme: "light", outputWidth: 300 },
};
