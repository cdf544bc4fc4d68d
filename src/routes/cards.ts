/**
 * Share card images at /card/{code}-{hash}[-square][-dark].png: immutable, since the hash
 * names exactly what the card shows (src/cards/model.ts). Served from R2, where the cards
 * Worker put them after the article's write; if one is not there yet (the write's render
 * did not finish, or R2 lost it) the cards Worker draws it now and keeps it.
 *
 * The article is read first, so a card of an unpublished article is gone with it, and a
 * hash that is not the article's current card is a 404 (tagged, so a write purges it).
 */
import { Hono, type Context } from "hono";
import { callCards, cardEntry } from "../cards/advertise";
import { cardKey, parseCardFile } from "../cards/model";
import { cacheTagHeader, CacheTags } from "../cache/tags";
import { getArticle } from "../db/articles";
import { createDb } from "../db/client";
import type { AppEnv } from "../env";
import { siteConfig } from "../lib/config";
import { AppError } from "../lib/errors";
import { parseInfoCode } from "../lib/info-code";
import { ROUTES } from "./public-routes";

export const cards = new Hono<AppEnv>();

function image(c: Context<AppEnv>, body: ArrayBuffer | ReadableStream, infoCode: string, cacheable: boolean): Response {
  return c.body(body, 200, {
    "Content-Type": "image/png",
    "Cache-Tag": cacheTagHeader([CacheTags.article(infoCode)]),
    // An incomplete card (the article's image could not be fetched) is drawn for this reader only.
    ...(cacheable ? {} : { "Cache-Control": "no-store" }),
  });
}

/** Tagged with the article, so creating, editing or republishing it purges the cached miss. */
function missing(c: Context<AppEnv>, status: 404 | 410, infoCode: string): Response {
  return c.text(status === 404 ? "No such card" : "This article has been withdrawn", status, {
    "Cache-Tag": cacheTagHeader([CacheTags.article(infoCode)]),
  });
}

cards.get(ROUTES.card.path, async (c) => {
  const parsed = parseCardFile(c.req.param("file"));
  const infoCode = parseInfoCode(parsed?.infoCode);
  if (!parsed || !infoCode || infoCode !== parsed.infoCode) throw new AppError("not_found", "No such card");
  const article = await getArticle(createDb(c.env.DB), infoCode);
  if (!article) return missing(c, 404, infoCode);
  if (article.status !== "published") return missing(c, 410, infoCode);
  const stored = await c.env.CARDS_BUCKET.get(cardKey(infoCode, parsed.hash, parsed.variant));
  if (stored) return image(c, stored.body, infoCode, true);
  const entry = cardEntry(article, siteConfig(c.env));
  if (entry.hash !== parsed.hash) return missing(c, 404, infoCode);
  const res = await callCards(c.env, "/card", { ...entry, variant: parsed.variant });
  if (!res.ok) throw new AppError("service_unavailable", "The card could not be drawn");
  return image(c, await res.arrayBuffer(), infoCode, res.headers.get("X-Card-Complete") === "1");
});
