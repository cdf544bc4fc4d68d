/**
 * Share card images at /card/{code}-{hash}[-square][-dark].png: immutable, since the hash
 * names exactly what the card shows (src/cards/model.ts). Served from R2 once drawn; a
 * write draws nothing, so the first request for a card has the cards Worker draw it now
 * and keep it (a few at a time per isolate, src/cards/draw-limit.ts). When no turn comes
 * free in time the answer is 503 with the cards Worker's Retry-After, never cached.
 *
 * The article is read first, so a card of an unpublished article is gone with it, and a
 * hash that is not the article's current card is a 404 (tagged, so a write purges it). The
 * route only matches upper-case codes (the canonical form): the URL is only ever generated.
 */
import { Hono } from "hono";
import { callCards, cardEntry } from "../cards/advertise";
import { cardKey, parseCardFile } from "../cards/model";
import { cacheTagHeader, CacheTags } from "../cache/tags";
import { getArticle } from "../db/articles";
import { createDb } from "../db/client";
import type { AppEnv } from "../env";
import { siteConfig } from "../lib/config";
import { AppError } from "../lib/errors";
import { ROUTES } from "./public-routes";

export const cards = new Hono<AppEnv>();

cards.get(ROUTES.card.path, async (c) => {
  const parsed = parseCardFile(c.req.param("file"));
  if (!parsed) throw new AppError("not_found", "No such card");
  const { infoCode, hash, variant } = parsed;
  // Every answer carries the article's tag: creating, editing or withdrawing it purges a cached miss.
  c.header("Cache-Tag", cacheTagHeader([CacheTags.article(infoCode)]));
  c.header("Content-Type", "image/png");
  const article = await getArticle(createDb(c.env.DB), infoCode);
  if (article?.status !== "published") return c.text(article ? "Gone" : "Not Found", article ? 410 : 404);
  const stored = await c.env.CARDS_BUCKET.get(cardKey(infoCode, hash, variant));
  if (stored) return c.body(stored.body);
  const entry = cardEntry(article, siteConfig(c.env));
  if (entry.hash !== hash) return c.text("Not Found", 404);
  // The binding failing outright is the same passing condition as a busy cards Worker.
  const res = await callCards(c.env, "/card", { ...entry, variant }).catch(() => null);
  if (!res?.ok) {
    const retryAfter = res?.headers.get("Retry-After") ?? "5";
    throw new AppError("service_unavailable", `The card is not drawn yet; try again in ${retryAfter} seconds.`, { retryAfterSeconds: Number(retryAfter) }, { "Retry-After": retryAfter });
  }
  // An incomplete card (the article's image could not be fetched) is drawn for this reader only.
  if (res.headers.get("X-Card-Complete") !== "1") c.header("Cache-Control", "no-store");
  return c.body(await res.arrayBuffer());
});
