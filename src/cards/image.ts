/**
 * The article's own image for its card: fetched from the partner's server (the one network
 * call a card needs; fonts and wasm are bundled), bounded in time and size, and drawn only
 * when its bytes really are PNG, JPEG or GIF (what resvg decodes). Anything else, or a
 * failure, draws the card without it, and the card is then not stored (see worker.ts), so
 * a passing outage does not become the article's permanent card.
 *
 * resvg decodes an image at full size into its WebAssembly memory (about 7 bytes a pixel,
 * and that memory never shrinks), whatever the file's size: a 12-megapixel phone photo took
 * the isolate to 142 MB, over Workers' 128 MB (BENCHMARKS.md, "Memory per card"). So an
 * image over MAX_PIXELS, read from its header before anything is decoded, is left out for
 * good: the card is drawn without it and is complete (fetching again cannot change that).
 */
import { readBytesWithin } from "../lib/body";

/** The largest image body read; a longer one is cut off at this many bytes, never held whole. */
export const MAX_BYTES = 3 * 1024 * 1024;
/** From the request to the last byte of the body: a host that stalls mid-body is dropped too. */
export const TIMEOUT_MS = 3000;
/**
 * 3000×2000 passes. The bench draws a card with an image of exactly this many pixels in a
 * 3 MB file (the largest body taken) and proves it fits in 128 MB with room to spare; 4K
 * (8.3 MP) in a 3 MB file would leave almost none.
 */
export const MAX_PIXELS = 6_000_000;

function mimeOf(bytes: Uint8Array): string | null {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return "image/png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46) return "image/gif";
  return null;
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Width and height from a PNG, GIF or JPEG header; null when the header does not say. */
export function imageSize(bytes: Uint8Array, mime: string): { width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (mime === "image/png") return bytes.length >= 24 ? { width: view.getUint32(16), height: view.getUint32(20) } : null;
  if (mime === "image/gif") return bytes.length >= 10 ? { width: view.getUint16(6, true), height: view.getUint16(8, true) } : null;
  // JPEG: walk the segments to the first start-of-frame (SOF0-SOF15 but DHT, JPG and DAC).
  for (let i = 2; i + 9 < bytes.length; ) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1] ?? 0;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { width: view.getUint16(i + 7), height: view.getUint16(i + 5) };
    }
    i += 2 + view.getUint16(i + 2);
  }
  return null;
}

/** permanent: the image itself is the reason (too many pixels), so a later fetch cannot help. */
export type FetchedImage = { ok: true; dataUrl: string } | { ok: false; reason: string; permanent?: boolean };

/** Never throws: a DNS failure, a timeout, a refusal or bad bytes are a reason, and the card is drawn without the image. */
export async function fetchImage(url: string, fetcher: typeof fetch = fetch): Promise<FetchedImage> {
  try {
    const res = await fetcher(url, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { Accept: "image/png,image/jpeg,image/gif" } });
    if (!res.ok || !res.body) return { ok: false, reason: `status ${res.status}` };
    const declared = Number(res.headers.get("Content-Length") ?? "0");
    if (declared > MAX_BYTES) {
      await res.body.cancel().catch(() => undefined);
      return { ok: false, reason: "too large" };
    }
    const bytes = await readBytesWithin(res.body, MAX_BYTES);
    if (!bytes) return { ok: false, reason: "too large" };
    const mime = mimeOf(bytes);
    if (!mime) return { ok: false, reason: "not png, jpeg or gif" };
    const size = imageSize(bytes, mime);
    if (!size) return { ok: false, reason: "no size in its header" };
    if (size.width * size.height > MAX_PIXELS) {
      return { ok: false, reason: `${size.width}×${size.height} is over ${MAX_PIXELS} pixels`, permanent: true };
    }
    return { ok: true, dataUrl: `data:${mime};base64,${base64(bytes)}` };
  } catch (err) {
    return { ok: false, reason: String(err) };
  }
}
