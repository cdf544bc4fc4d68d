/**
 * The main Worker's side of share cards: which card URL a page advertises, and asking the
 * cards Worker (CARDS service binding) for a card or to draw an article's cards. Nothing
 * here imports the renderer: the main bundle only names cards.
 */
import type { Article } from "../db/types";
import type { Bindings } from "../env";
import { absoluteUrl, type SiteConfig } from "../lib/config";
import { cardPath } from "../lib/paths";
import { cardFile, cardHash, cardModelOf, WIDE_SIZES, type CardModel } from "./model";

/** The card URL a share page advertises as og:image / twitter:image: the wide, light variant (1200×630). */
export function shareCardUrl(article: Article, site: SiteConfig): string {
  return absoluteUrl(site, cardPath(cardFile(article.infoCode, cardEntry(article, site).hash, "wide")));
}

/** The wide card at each size it is drawn at (1200, 600 and 300 px wide), largest first: oEmbed thumbnails. */
export function cardThumbnails(article: Article, site: SiteConfig): { url: string; width: number; height: number }[] {
  const { hash } = cardEntry(article, site);
  return WIDE_SIZES.map(({ variant, width, height }) => ({ url: absoluteUrl(site, cardPath(cardFile(article.infoCode, hash, variant))), width, height }));
}

export type CardEntry = { infoCode: string; hash: string; model: CardModel };

export function cardEntry(article: Article, site: SiteConfig): CardEntry {
  const model = cardModelOf(article, site);
  return { infoCode: article.infoCode, hash: cardHash(model), model };
}

/** The cards Worker's origin inside the binding: any host works, the path is what it reads. */
const CARDS_ORIGIN = "https://cards.internal";

export function callCards(env: Bindings, path: "/ensure" | "/card", body: unknown): Promise<Response> {
  return env.CARDS.fetch(`${CARDS_ORIGIN}${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

/** At most this many articles per call to the cards Worker (its schema's limit). */
const BATCH = 10;

/** Draws every variant of these articles' cards that R2 does not hold yet; returns the cards Worker's counts. */
export async function ensureCards(env: Bindings, entries: readonly CardEntry[]): Promise<{ rendered: number; present: number; incomplete: number; busy: number }> {
  const total = { rendered: 0, present: 0, incomplete: 0, busy: 0 };
  for (let i = 0; i < entries.length; i += BATCH) {
    const res = await callCards(env, "/ensure", { cards: entries.slice(i, i + BATCH) });
    if (!res.ok) throw new Error(`cards worker answered ${res.status}`);
    const counts = (await res.json()) as typeof total;
    total.rendered += counts.rendered;
    total.present += counts.present;
    total.incomplete += counts.incomplete;
    total.busy += counts.busy;
  }
  return total;
}
