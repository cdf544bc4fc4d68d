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
  const bytes = await readBytesWithin(request.body, maxBytes);
  if (!bytes) throw tooLarge(maxBytes);
  return decodeUtf8(bytes);
}

/**
 * A stream's bytes, or null as soon as it passes `maxBytes` (the rest is never read, the
 * stream is cancelled): a sender of 50 MB without a Content-Length costs at most the limit.
 */
export async function readBytesWithin(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

export function tooLarge(maxBytes: number, what = "The request body"): AppError {
  return new AppError("payload_too_large", `${what} is larger than ${formatBytes(maxBytes)}; split it into smaller requests.`, {
    limitBytes: maxBytes,
  });
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB` : `${Math.round(n / 1024)} KB`;
}

/** How deep a JSON request may nest: the API's own shapes need under 10; site defaults a few more. */
export const MAX_JSON_DEPTH = 64;

/**
 * The deepest path of a parsed JSON value, walked without recursion (a body nested 100,000
 * deep must not exhaust the stack here), or null when it is within `limit`.
 */
export function tooDeep(value: unknown, limit = MAX_JSON_DEPTH): { depth: number; path: string[] } | null {
  const stack: { v: unknown; path: string[] }[] = [{ v: value, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop() as { v: unknown; path: string[] };
    if (typeof v !== "object" || v === null) continue;
    if (path.length >= limit) {
      // Follow the chain down to report how deep it really goes (bounded by the body's size).
      let depth = path.length;
      let node: unknown = v;
      while (typeof node === "object" && node !== null) {
        const first: unknown = Array.isArray(node) ? node[0] : Object.values(node)[0];
        if (first === undefined) break;
        node = first;
        depth++;
      }
      return { depth, path };
    }
    for (const [k, child] of Object.entries(v)) if (typeof child === "object" && child !== null) stack.push({ v: child, path: [...path, k] });
  }
  return null;
}

/**
 * A JSON request body under the byte limit, parsed, and within MAX_JSON_DEPTH: too deep a
 * body is refused here, naming where, before any schema or the ingest binding walks it.
 */
export async function readJsonWithin(request: Request, maxBytes: number): Promise<unknown> {
  const text = await readTextWithin(request, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
  const deep = tooDeep(value);
  if (deep) {
    const at = deep.path.slice(0, 8).join(".") + (deep.path.length > 8 ? ".…" : "");
    throw new AppError(
      "validation_failed",
      `The request body nests ${deep.depth} levels deep (at ${at}); at most ${MAX_JSON_DEPTH} are allowed. Flatten the nested value.`,
      { errors: [{ field: at, message: `nests deeper than ${MAX_JSON_DEPTH} levels; flatten it` }] },
    );
  }
  return value;
}
