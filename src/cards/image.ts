/**
 * The article's own image for its card: fetched from the partner's server (the one network
 * call a card needs; fonts and wasm are bundled), bounded in time and size, and drawn only
 * when its bytes really are PNG, JPEG or GIF (what resvg decodes). Anything else, or a
 * failure, draws the card without it, and the card is then not stored (see worker.ts), so
 * a passing outage does not become the article's permanent card.
 */

const MAX_BYTES = 3 * 1024 * 1024;
const TIMEOUT_MS = 4000;

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

export type FetchedImage = { ok: true; dataUrl: string } | { ok: false; reason: string };

export async function fetchImage(url: string, fetcher: typeof fetch = fetch): Promise<FetchedImage> {
  try {
    const res = await fetcher(url, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { Accept: "image/png,image/jpeg,image/gif" } });
    if (!res.ok || !res.body) return { ok: false, reason: `status ${res.status}` };
    const declared = Number(res.headers.get("Content-Length") ?? "0");
    if (declared > MAX_BYTES) return { ok: false, reason: "too large" };
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes.length > MAX_BYTES) return { ok: false, reason: "too large" };
    const mime = mimeOf(bytes);
    if (!mime) return { ok: false, reason: "not png, jpeg or gif" };
    return { ok: true, dataUrl: `data:${mime};base64,${base64(bytes)}` };
  } catch (err) {
    return { ok: false, reason: String(err) };
  }
}
