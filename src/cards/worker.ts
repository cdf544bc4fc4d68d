/**
 * The cards Worker: draws share cards (satori + resvg, fonts bundled) and keeps them in R2.
 * It has no public route (workers_dev = false); the main Worker reaches it through the
 * CARDS service binding, so the renderer's ~6 MB never counts against the main Worker's
 * bundle budget and each render runs on this Worker's own CPU and memory limits.
 *
 * Nothing draws a card when an article is written: a card is drawn when it is first asked
 * for, and every draw takes a turn from DrawLimit (draw-limit.ts), so a burst of first
 * requests is drawn a few at a time in each isolate and never starves the readers.
 *
 * POST /ensure  {cards: [{infoCode, hash, model}]}: renders every PRERENDERED_VARIANTS one not yet in R2 and
 *               answers the counts (an operator's or a future Queue consumer's call; tests).
 * POST /card    {infoCode, hash, model, variant}: one variant's PNG, from R2 or drawn and stored
 *               (first request); 503 with Retry-After when no turn came free in time.
 * POST /render?variant=wide  CardModel: a PNG, not stored (tests, bench).
 */
import * as z from "zod/mini";
import { imageFor, renderCard, type ImageResult } from "./card";
import { DRAW_LIMITS, DrawLimit } from "./draw-limit";
import { cardHash, cardKey, PRERENDERED_VARIANTS, VARIANT_NAMES, type CardModel, type CardVariant } from "./model";
import { CardModelSchema } from "./schema";

export type CardsEnv = { CARDS_BUCKET: R2Bucket };

const CODE = z.string().check(z.regex(/^[A-Z]{2}\d{18}$/));
const HASH = z.string().check(z.regex(/^[0-9a-f]{16}$/));
const VARIANT = z.enum(VARIANT_NAMES as [CardVariant, ...CardVariant[]]);
const ENTRY = z.object({ infoCode: CODE, hash: HASH, model: CardModelSchema });
const ENSURE = z.object({ cards: z.array(ENTRY).check(z.maxLength(50)) });
const ONE = z.extend(ENTRY, { variant: VARIANT });

type Entry = z.infer<typeof ENTRY>;

/** Per isolate: module state lives as long as the isolate does. */
const turns = new DrawLimit();

const json = (body: unknown, status = 200) => Response.json(body, { status });
const png = (bytes: Uint8Array, complete: boolean) =>
  new Response(bytes, { headers: { "Content-Type": "image/png", "X-Card-Complete": complete ? "1" : "0" } });

async function body<T>(request: Request, schema: z.ZodMiniType<T>): Promise<T | Response> {
  const parsed = schema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) return json({ error: "invalid card request", issues: parsed.error.issues.length }, 400);
  // The key must name what is drawn: a caller cannot store a card under another article's hash.
  const value = parsed.data as T & Partial<Entry> & { cards?: Entry[] };
  const entries = value.cards ?? [value as Entry];
  if (entries.some((e) => cardHash(e.model) !== e.hash)) return json({ error: "hash does not match the model" }, 400);
  return parsed.data;
}

/** Draws and stores one variant; an incomplete card (its image failed) is returned but not stored. */
async function drawAndStore(bucket: R2Bucket, entry: Entry, variant: CardVariant, image?: ImageResult) {
  const card = await renderCard(entry.model, variant, image);
  if (card.complete) {
    await bucket.put(cardKey(entry.infoCode, entry.hash, variant), card.png, {
      httpMetadata: { contentType: "image/png" },
      customMetadata: { width: String(card.width), height: String(card.height) },
    });
  }
  return card;
}

/** Draws with a turn from the isolate's DrawLimit; null when none came free in time. */
async function withTurn<T>(draw: () => Promise<T>): Promise<T | null> {
  const release = await turns.acquire();
  if (!release) return null;
  try {
    return await draw();
  } finally {
    release();
  }
}

async function ensure(env: CardsEnv, entries: Entry[]) {
  const counts = { rendered: 0, present: 0, incomplete: 0, busy: 0 };
  for (const entry of entries) {
    let image: ImageResult | undefined;
    for (const variant of PRERENDERED_VARIANTS) {
      if (await env.CARDS_BUCKET.head(cardKey(entry.infoCode, entry.hash, variant))) {
        counts.present++;
        continue;
      }
      const card = await withTurn(async () => {
        image ??= await imageFor(entry.model);
        return drawAndStore(env.CARDS_BUCKET, entry, variant, image);
      });
      counts[card === null ? "busy" : card.complete ? "rendered" : "incomplete"]++;
    }
  }
  return counts;
}

const busy = () =>
  Response.json(
    { error: "cards are being drawn; try again shortly" },
    { status: 503, headers: { "Retry-After": String(DRAW_LIMITS.retryAfterS), "Cache-Control": "no-store" } },
  );

async function handle(request: Request, env: CardsEnv): Promise<Response> {
  const url = new URL(request.url);
  if (request.method !== "POST") return json({ error: "POST only" }, 405);
  if (url.pathname === "/ensure") {
    const input = await body(request, ENSURE);
    if (input instanceof Response) return input;
    return json(await ensure(env, input.cards));
  }
  if (url.pathname === "/card") {
    const input = await body(request, ONE);
    if (input instanceof Response) return input;
    const key = cardKey(input.infoCode, input.hash, input.variant);
    const stored = await env.CARDS_BUCKET.get(key);
    if (stored) return png(new Uint8Array(await stored.arrayBuffer()), true);
    const card = await withTurn(async () => {
      // A request for the same card may have drawn it while this one waited for its turn.
      const drawn = await env.CARDS_BUCKET.get(key);
      if (drawn) return { png: new Uint8Array(await drawn.arrayBuffer()), complete: true };
      return drawAndStore(env.CARDS_BUCKET, input, input.variant);
    });
    return card ? png(card.png, card.complete) : busy();
  }
  if (url.pathname === "/render") {
    const variant = VARIANT.safeParse(url.searchParams.get("variant") ?? "wide");
    const model = CardModelSchema.safeParse(await request.json().catch(() => undefined));
    if (!variant.success || !model.success) return json({ error: "invalid card request" }, 400);
    const card = await renderCard(model.data as CardModel, variant.data);
    return png(card.png, card.complete);
  }
  return json({ error: "not found" }, 404);
}

export default {
  async fetch(request, env) {
    try {
      return await handle(request, env);
    } catch (err) {
      console.error(JSON.stringify({ event: "card_render_failed", error: String(err) }));
      return json({ error: "card render failed" }, 500);
    }
  },
} satisfies ExportedHandler<CardsEnv>;
