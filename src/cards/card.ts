/** One card from its model: fonts for its text, its image, the layout, the PNG. */
import { familyList, fontsFor } from "./fonts";
import { fetchImage } from "./image";
import { cardLayout } from "./layout";
import type { CardModel, CardVariant } from "./model";
import { CARD_VARIANTS } from "./variants";
import { renderPng } from "./render";

export type RenderedCard = { png: Uint8Array; width: number; height: number; complete: boolean };

/** The text a card draws, for choosing font subsets. */
function cardText(model: CardModel): string {
  return [model.title, model.category, model.date, model.source ?? "", model.site, "…·"].join("");
}

export type ImageResult = { dataUrl: string | null; complete: boolean };

/** The article's image once per model (shared by its variants); complete is false when it had one that failed for a reason a retry may fix. */
export async function imageFor(model: CardModel): Promise<ImageResult> {
  if (!model.imageUrl) return { dataUrl: null, complete: true };
  const image = await fetchImage(model.imageUrl);
  if (!image.ok) console.warn(JSON.stringify({ event: "card_image_failed", url: model.imageUrl, reason: image.reason }));
  return image.ok ? { dataUrl: image.dataUrl, complete: true } : { dataUrl: null, complete: image.permanent === true };
}

export async function renderCard(model: CardModel, variant: CardVariant, image?: ImageResult): Promise<RenderedCard> {
  const { width, height, theme, outputWidth } = CARD_VARIANTS[variant];
  const fonts = await fontsFor(cardText(model));
  const picture = image ?? (await imageFor(model));
  const node = cardLayout({ model, width, height, theme, fontFamily: familyList(fonts), image: picture.dataUrl });
  const png = await renderPng(node, { width, height, fonts, ...(outputWidth ? { outputWidth } : {}) });
  const scale = outputWidth ? outputWidth / width : 1;
  return { png, width: Math.round(width * scale), height: Math.ceil(height * scale), complete: picture.complete };
}
