/**
 * Compression on the way out. The edge cache stores one identity copy of each page; when a
 * reader accepts br or gzip and the body is text over MIN_COMPRESS_BYTES, the answer names
 * that Content-Encoding and workerd compresses the body as it sends it (a Response's
 * `encodeBody` is "automatic" by default, locally and in production). Cloudflare's own
 * compression does not cover the feed content types, so the Worker does it.
 *
 * A compressed answer is a different representation, so it carries its own strong ETag
 * (`"<hash>-br"`), and `Vary: Accept-Encoding` goes on every answer of a compressible type,
 * compressed or not, so no shared cache hands one reader's variant to another.
 * If-None-Match compares the hash without the suffix (policy.ts etagMatches): the bytes
 * behind every variant are the same page.
 */

export type Encoding = "br" | "gzip";

/** Below this, the compressed body plus headers would save next to nothing. */
export const MIN_COMPRESS_BYTES = 1024;

const TEXT_TYPE = /^(text\/[\w.+-]+|application\/([\w.-]+\+)?(json|xml)|application\/(javascript|manifest\+json)|image\/svg\+xml)\s*(;|$)/i;

export function isCompressibleType(contentType: string | null): boolean {
  return contentType !== null && TEXT_TYPE.test(contentType);
}

/**
 * The encoding to answer with: gzip unless the client ranks br strictly higher (q=0
 * refuses; `*` counts for both). gzip wins ties because the Accept-Encoding a Worker sees
 * is not the reader's: Cloudflare (and Miniflare, locally) hand the Worker "br, gzip"
 * whatever the client sent, and locally a br body then reaches a gzip-only client as it
 * is; every client that takes br takes gzip.
 */
export function negotiateEncoding(acceptEncoding: string | null): Encoding | null {
  if (!acceptEncoding) return null;
  const q: Record<string, number> = {};
  for (const part of acceptEncoding.toLowerCase().split(",")) {
    const [name = "", ...params] = part.trim().split(";");
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q[name.trim()] = Number.isFinite(value) ? value : 0;
  }
  const weight = (name: Encoding) => q[name] ?? q["*"] ?? 0;
  if (weight("br") > 0 && weight("br") > weight("gzip")) return "br";
  if (weight("gzip") > 0) return "gzip";
  return null;
}

/** `"abc"` → `"abc-br"`; a weak tag stays weak. */
export function variantEtag(etag: string, encoding: Encoding): string {
  const m = /^(W\/)?"(.*)"$/.exec(etag);
  return m ? `${m[1] ?? ""}"${m[2]}-${encoding}"` : etag;
}

/** The ETag as it was before variantEtag, for comparisons. */
export function baseEtag(etag: string): string {
  return etag.replace(/-(br|gzip)"$/, '"');
}

function appendVary(headers: Headers, name: string): void {
  const vary = headers.get("Vary");
  if (!vary) headers.set("Vary", name);
  else if (!vary.split(",").some((v) => v.trim().toLowerCase() === name.toLowerCase())) headers.set("Vary", `${vary}, ${name}`);
}

/**
 * Sets Vary, and Content-Encoding with its ETag when this answer is to be compressed.
 * `bytes` is the identity body's size when known (null: unknown, compressed if text).
 * Called before a 304 drops Content-Type, so the 304 names the ETag the reader holds.
 */
export function negotiateHeaders(request: Request, status: number, headers: Headers, bytes: number | null): Encoding | null {
  return negotiateFor(request.headers.get("Accept-Encoding"), status, headers, bytes);
}

/** negotiateHeaders for a given Accept-Encoding value (null: none sent). */
export function negotiateFor(acceptEncoding: string | null, status: number, headers: Headers, bytes: number | null): Encoding | null {
  if (!isCompressibleType(headers.get("Content-Type")) || headers.has("Content-Encoding")) return null;
  appendVary(headers, "Accept-Encoding");
  if (status === 204 || (bytes !== null && bytes < MIN_COMPRESS_BYTES)) return null;
  const encoding = negotiateEncoding(acceptEncoding);
  if (!encoding) return null;
  headers.set("Content-Encoding", encoding);
  headers.delete("Content-Length");
  const etag = headers.get("ETag");
  if (etag) headers.set("ETag", variantEtag(etag, encoding));
  return encoding;
}

/**
 * The gzip bytes of a body, with the runtime's own zlib (CompressionStream). The edge cache
 * makes them once for a page it holds in memory and answers every gzip reader of that page
 * with them (`encodeBody: "manual"`), instead of the runtime compressing the same bytes
 * again for each request.
 */
export async function gzipBytes(body: ArrayBuffer): Promise<ArrayBuffer> {
  const compressed = new Blob([body]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Response(compressed).arrayBuffer();
}

/** A response's body size from its Content-Length, or null. */
export function declaredLength(headers: Headers): number | null {
  const n = Number(headers.get("Content-Length") ?? NaN);
  return Number.isFinite(n) ? n : null;
}
