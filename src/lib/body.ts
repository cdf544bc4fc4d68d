/**
 * Reading request bodies under a byte limit. Content-Length is checked first, but a
 * chunked body has none, so the stream itself is counted and abandoned at the limit:
 * nothing past it is buffered and nothing is written. Bodies must be valid UTF-8 (400
 * naming the byte offset otherwise).
 */
import { AppError } from "./errors";
import { decodeUtf8 } from "./utf8";

export async function readTextWithin(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("Content-Length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return decodeUtf8(bytes);
}

export function tooLarge(maxBytes: number, what = "The request body"): AppError {
  return new AppError("payload_too_large", `${what} is larger than ${formatBytes(maxBytes)}; split it into smaller requests.`, {
    limitBytes: maxBytes,
  });
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB` : `${Math.round(n / 1024)} KB`;
}
