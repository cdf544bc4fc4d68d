/**
 * The main Worker's side of share cards: which card URL a page advertises, and asking the
 * cards Worker (CARDS service binding) to draw an article's cards after a write. Nothing
 * here imports the renderer: the main bundle only names cards.
 */
import type { Article } from "../db/types";
import type { Bindings } from "../env";
import { absoluteUrl, type SiteConfig } from "../lib/config";
import { cardPath } from "../lib/paths";
import { cardFile, cardHash, cardModelOf, CARD_VARIANTS, type CardModel, type CardVariant } from "./model";

export type CardRef = { url: string; width: number; height: number; alt: string };

/** The card a share page advertises as og:image / twitter:image: the wide, light variant. */
export function shareCard(article: Article, site: SiteConfig, variant: CardVariant = "wide"): CardRef {
  const model = cardModelOf(article, site);
  const { width, height } = CARD_VARIANTS[variant];
  return { url: absoluteUrl(site, cardPath(cardFile(article.infoCode, cardHash(model), variant))), width, height, alt: model.title };
}

export type CardEntry = { infoCode: string; hash: string; model: CardModel };

export function cardEntry(article: Article, site: SiteConfig): CardEntry {
  const model = cardModelOf(article, site);
  return { infoCode: article.infoCode, hash: cardHash(model), model };
}

/** The cards Worker's origin inside the binding: any host works, the path is what it reads. */
const CARDS_ORIGIN = "https://cards.internal";

export function callCards(env: Bindings, path: "/ensure" | "/ensure?background=1" | "/card", body: unknown): Promise<Response> {
  return env.CARDS.fetch(`${CARDS_ORIGIN}${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

/** At most this many articles per call to the cards Worker (its schema's limit). */
const BATCH = 10;

/**
 * Hands these articles' cards to the cards Worker to draw in its own waitUntil (what a write
 * does): the write's invocation ends as soon as each batch is accepted, and a long render
 * never keeps the client's connection's request alive.
 */
export async function drawInBackground(env: Bindings, entries: readonly CardEntry[]): Promise<number> {
  let accepted = 0;
  for (let i = 0; i < entries.length; i += BATCH) {
    const res = await callCards(env, "/ensure?background=1", { cards: entries.slice(i, i + BATCH) });
    if (res.status !== 202) throw new Error(`cards worker answered ${res.status}`);
    accepted += ((await res.json()) as { accepted: number }).accepted;
  }
  return accepted;
}

/** Draws every variant of these articles' cards that R2 does not hold yet; returns the cards Worker's counts. */
export async function ensureCards(env: Bindings, entries: readonly CardEntry[]): Promise<{ rendered: number; present: number; incomplete: number }> {
  const total = { rendered: 0, present: 0, incomplete: 0 };
  for (let i = 0; i < entries.length; i += BATCH) {
    const res = await callCards(env, "/ensure", { cards: entries.slice(i, i + BATCH) });
    if (!res.ok) throw new Error(`cards worker answered ${res.status}`);
    const counts = (await res.json()) as typeof total;
    total.rendered += counts.rendered;
    total.present += counts.present;
    total.incomplete += counts.incomplete;
  }
  return total;
}
