/**
 * The main Worker's side of share cards: which card URL a page advertises, and asking the
 * cards Worker (CARDS service binding) to draw an article's cards after a write. Nothing
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
  // One call: the cards Worker takes up to 50 (after-write's PRERENDER_LIMIT is the same).
  const res = await callCards(env, "/ensure?background=1", { cards: entries });
  if (res.status !== 202) throw new Error(`cards worker answered ${res.status}`);
  return ((await res.json()) as { accepted: number }).accepted;
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
