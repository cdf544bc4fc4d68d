/**
 * A MOCK of the outside image host (img.example.com), and nothing else: it answers the cards
 * Worker's outbound fetches of article images in the test pool (vitest.config.ts), in Node.
 * Every other part of a card's path (main Worker, CARDS binding, cards Worker, R2) is real.
 *
 *   /photo.png                     the fixture photo
 *   /dns/{run}/{name}.png          throws as a failed DNS lookup does (Miniflare's bridge hands the
 *                                  Worker a 500 for it; the rejected fetch itself is a unit test,
 *                                  test/unit/cards-image.test.ts)
 *   /stall/{run}/{name}.png        headers and the PNG signature, then a body that never ends
 *   /huge/{run}/{name}.png         50 MB of PNG-looking bytes, streamed, no Content-Length
 *   /corrupt/{run}/{name}.png      a PNG header with a plausible size, then bytes that do not decode
 *   /slow/{run}/{name}.png         the photo after SLOW_MS
 *
 * Each run (a test's own id) counts its requests and the most open at once; tests read them
 * through the IMAGE_HOST binding (GET /stats/{run}).
 */
export const SLOW_MS = 300;
const HUGE_BYTES = 50 * 1024 * 1024;
const CHUNK = 64 * 1024;

export type RunStats = { requests: number; open: number; maxOpen: number };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Signature + IHDR claiming 800×600: passes the cards Worker's header checks, then garbage. */
function corruptPng(): Uint8Array {
  const bytes = new Uint8Array(4096).fill(0x5a);
  bytes.set([...PNG_SIGNATURE, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, 800);
  view.setUint32(20, 600);
  return bytes;
}

export function createImageHost(photo: Uint8Array) {
  const runs = new Map<string, RunStats>();
  const statsOf = (run: string): RunStats => {
    let stats = runs.get(run);
    if (!stats) runs.set(run, (stats = { requests: 0, open: 0, maxOpen: 0 }));
    return stats;
  };

  /** The outbound fetch handler for the cards Worker. */
  async function outbound(request: Request): Promise<Response> {
    const [, kind, run, name] = new URL(request.url).pathname.split("/");
    if (kind === "photo.png") return new Response(photo, { headers: { "Content-Type": "image/png" } });
    if (!run || !name) return new Response("not found", { status: 404 });
    const stats = statsOf(run);
    stats.requests += 1;
    stats.open += 1;
    stats.maxOpen = Math.max(stats.maxOpen, stats.open);
    const closed = (): void => {
      stats.open -= 1;
    };
    switch (kind) {
      case "dns":
        closed();
        throw new TypeError(`getaddrinfo ENOTFOUND ${new URL(request.url).hostname}`);
      case "stall":
        return new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(new Uint8Array(PNG_SIGNATURE));
            },
            // Never enqueues again and never closes: only the reader's timeout ends it.
            pull: () => new Promise<void>(() => undefined),
            cancel: closed,
          }),
          { headers: { "Content-Type": "image/png" } },
        );
      case "huge": {
        let sent = 0;
        return new Response(
          new ReadableStream<Uint8Array>({
            pull(controller) {
              const chunk = new Uint8Array(Math.min(CHUNK, HUGE_BYTES - sent)).fill(0x41);
              if (sent === 0) chunk.set(PNG_SIGNATURE);
              sent += chunk.byteLength;
              controller.enqueue(chunk);
              if (sent >= HUGE_BYTES) {
                closed();
                controller.close();
              }
            },
            cancel: closed,
          }),
          { headers: { "Content-Type": "image/png" } },
        );
      }
      case "corrupt":
        closed();
        return new Response(corruptPng(), { headers: { "Content-Type": "image/png" } });
      case "slow":
        await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
        closed();
        return new Response(photo, { headers: { "Content-Type": "image/png" } });
      default:
        closed();
        return new Response("not found", { status: 404 });
    }
  }

  /** The IMAGE_HOST binding for tests: GET /stats/{run}. */
  async function statsBinding(request: Request): Promise<Response> {
    const run = new URL(request.url).pathname.split("/")[2] ?? "";
    return Response.json(statsOf(run));
  }

  return { outbound, statsBinding };
}
