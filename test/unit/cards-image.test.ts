/**
 * The article image limits of the cards Worker (src/cards/image.ts): sizes read from real
 * PNG, GIF and JPEG headers, and an image over MAX_PIXELS refused before any decoding, for
 * good. fetchImage's fetcher is a stub returning fixed bytes: the pool has no image server,
 * and the bytes are what is under test.
 */
import { encode } from "fast-png";
import { describe, expect, it } from "vitest";
import { fetchImage, imageSize, MAX_BYTES, MAX_PIXELS, TIMEOUT_MS } from "../../src/cards/image";

const pngOf = (width: number, height: number) => encode({ width, height, data: new Uint8Array(width * height * 3), channels: 3, depth: 8 });

/** A PNG header claiming a size: signature + IHDR, enough for the size reader (no pixels decoded). */
function pngHeader(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(bytes.buffer).setUint32(16, width);
  new DataView(bytes.buffer).setUint32(20, height);
  return bytes;
}

/** SOI, an APP0 segment, then a baseline SOF0 with height and width, as JPEG encoders write them. */
function jpegHeader(width: number, height: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof0 = [0xff, 0xc0, 0, 17, 8, height >> 8, height & 255, width >> 8, width & 255, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof0]);
}

const stub = (bytes: Uint8Array): typeof fetch => (async () => new Response(bytes, { headers: { "Content-Type": "image/png" } })) as typeof fetch;

describe("imageSize", () => {
  it("reads a real PNG's, a GIF's and a JPEG's width and height from their headers", () => {
    expect(imageSize(pngOf(37, 21), "image/png")).toEqual({ width: 37, height: 21 });
    const gif = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x40, 0x01, 0xf0, 0x00, 0, 0]);
    expect(imageSize(gif, "image/gif")).toEqual({ width: 320, height: 240 });
    expect(imageSize(jpegHeader(4032, 3024), "image/jpeg")).toEqual({ width: 4032, height: 3024 });
  });

  it("says null for a JPEG without a frame header", () => {
    expect(imageSize(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0x12, 0x34, 0, 0]), "image/jpeg")).toBeNull();
  });
});

describe("fetchImage pixel limit", () => {
  it("takes an image of exactly MAX_PIXELS (3000×2000)", async () => {
    expect(MAX_PIXELS).toBe(3000 * 2000);
    const got = await fetchImage("https://img.example.com/ok.png", stub(pngHeader(3000, 2000)));
    expect(got.ok).toBe(true);
  });

  it.each([
    ["a 12 MP phone photo (PNG)", pngHeader(4032, 3024), "4032×3024"],
    ["a 12 MP phone photo (JPEG)", jpegHeader(4032, 3024), "4032×3024"],
    ["one pixel over", pngHeader(3001, 2000), "3001×2000"],
  ])("refuses %s for good, naming its size", async (_label, bytes, size) => {
    const got = await fetchImage("https://img.example.com/big", stub(bytes));
    expect(got).toEqual({ ok: false, reason: `${size} is over ${MAX_PIXELS} pixels`, permanent: true });
  });
});

describe("fetchImage body limits", () => {
  it("stops reading a body with no Content-Length once it passes MAX_BYTES", async () => {
    let pulled = 0;
    const endless: typeof fetch = (async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled += 64 * 1024;
            controller.enqueue(new Uint8Array(64 * 1024).fill(0x41));
          },
        }),
      )) as typeof fetch;
    expect(await fetchImage("https://img.example.com/endless.png", endless)).toEqual({ ok: false, reason: "too large" });
    // What was read is the cap plus at most the stream's read-ahead, never the whole body.
    expect(pulled).toBeLessThan(MAX_BYTES + 1024 * 1024);
  });

  it("gives up on a body that stalls, at its deadline", async () => {
    const stalled: typeof fetch = (async (_url: string, init?: RequestInit) =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(pngHeader(10, 10));
            init?.signal?.addEventListener("abort", () => controller.error(init.signal?.reason));
          },
        }),
      )) as typeof fetch;
    const started = Date.now();
    const got = await fetchImage("https://img.example.com/stalled.png", stalled);
    expect(got.ok).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 2000);
  });

  it("says why when the host cannot be reached", async () => {
    const dns: typeof fetch = (async () => {
      throw new TypeError("getaddrinfo ENOTFOUND img.example.com");
    }) as typeof fetch;
    expect(await fetchImage("https://img.example.com/a.png", dns)).toEqual({ ok: false, reason: "TypeError: getaddrinfo ENOTFOUND img.example.com" });
  });
});
