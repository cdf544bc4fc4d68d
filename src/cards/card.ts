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
  const draw = (dataUrl: string | null) =>
    renderPng(cardLayout({ model, width, height, theme, fontFamily: familyList(fonts), image: dataUrl }), { width, height, fonts, ...(outputWidth ? { outputWidth } : {}) });
  const scale = outputWidth ? outputWidth / width : 1;
  const size = { width: Math.round(width * scale), height: Math.ceil(height * scale) };
  try {
    return { png: await draw(picture.dataUrl), ...size, complete: picture.complete };
  } catch (err) {
    // An image whose header passed but whose data does not decode: the card without it, not kept.
    if (picture.dataUrl === null) throw err;
    console.warn(JSON.stringify({ event: "card_image_failed", url: model.imageUrl, reason: `decode: ${String(err)}` }));
    return { png: await draw(null), ...size, complete: false };
  }
}
