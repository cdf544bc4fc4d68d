/**
 * A cached page as the edge cache handles it, and how a reader is answered from one.
 */
import { declaredLength, negotiateHeaders } from "./encoding";
import { tagsOf } from "./tags";
import { httpDate } from "../lib/last-modified";
import { browserCacheControl, etagMatches, type CachePolicy } from "./policy";

/** When the page's render began (ms); what freshness and purges are judged by. */
export const STORED_AT = "X-Edge-Stored-At";
export const SOFT_TTL = "X-Edge-Soft-Ttl";
/** Headers that are ours alone: stored with the entry, never sent to a reader. */
const INTERNAL = [STORED_AT, SOFT_TTL, "X-Request-Id"];

export type CacheLabel = "HIT" | "MISS" | "STALE";

/** A page to answer with: from memory, from the Cache API (streamed) or just rendered. */
export type Entry = {
  status: number;
  headers: HeadersInit;
  body: ArrayBuffer | ReadableStream | null;
  etag: string;
  storedAt: number;
  softTtl: number;
  tags: readonly string[];
};

export async function strongEtag(body: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
  return `"${[...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("")}"`;
}

/** The headers a reader gets: internal ones removed, the ETag, X-Cache and the browser's Cache-Control. */
export function readerHeaders(stored: HeadersInit, etag: string, status: number, label: CacheLabel, policy: CachePolicy): Headers {
  const headers = new Headers(stored);
  for (const name of INTERNAL) headers.delete(name);
  headers.set("ETag", etag);
  headers.set("X-Cache", label);
  // A response the route marked no-store (never stored) keeps it: browsers must not keep it either.
  if (status < 500 && !/no-store/i.test(headers.get("Cache-Control") ?? "")) headers.set("Cache-Control", browserCacheControl(status, policy));
  return headers;
}

/**
 * Whether the reader's copy is current: If-None-Match when sent (it wins, RFC 9110
 * §13.2.2), else If-Modified-Since against the page's Last-Modified (whole seconds).
 */
export function notModified(request: Request, etag: string, lastModified: string | null): boolean {
  const ifNoneMatch = request.headers.get("If-None-Match");
  if (ifNoneMatch !== null) return etagMatches(ifNoneMatch, etag);
  const since = Date.parse(request.headers.get("If-Modified-Since") ?? "");
  const modified = Date.parse(lastModified ?? "");
  return Number.isFinite(since) && Number.isFinite(modified) && modified <= since;
}

/** The identity body's size: exact in memory, declared for a Cache API copy. */
function bodySize(entry: Entry, headers: Headers): number | null {
  return entry.body instanceof ArrayBuffer ? entry.body.byteLength : declaredLength(headers);
}

/** The response for a reader: 304 when their copy is current, no body for HEAD, compressed when it pays. */
export function answer(request: Request, entry: Entry, label: CacheLabel, policy: CachePolicy): Response {
  const headers = readerHeaders(entry.headers, entry.etag, entry.status, label, policy);
  negotiateHeaders(request, entry.status, headers, bodySize(entry, headers));
  if (entry.status < 400 && notModified(request, entry.etag, headers.get("Last-Modified"))) {
    for (const name of ["Content-Length", "Content-Type", "Content-Encoding"]) headers.delete(name);
    discard(entry);
    return new Response(null, { status: 304, headers });
  }
  if (request.method === "HEAD") discard(entry);
  return new Response(request.method === "HEAD" ? null : entry.body, { status: entry.status, headers });
}

/** Releases an unread streamed body (a 304, a HEAD, or a copy replaced by a fresh render). */
export function discard(entry: Entry): void {
  if (entry.body instanceof ReadableStream) entry.body.cancel().catch(() => undefined);
}

/** A Cache API entry, its body streamed straight through: a HIT never buffers a large page. */
export function fromCache(res: Response): Entry {
  const tags = tagsOf(res);
  return {
    status: res.status,
    headers: res.headers,
    body: res.body,
    etag: res.headers.get("ETag") ?? "",
    storedAt: Number(res.headers.get(STORED_AT) ?? 0),
    softTtl: Number(res.headers.get(SOFT_TTL) ?? 0),
    tags,
  };
}

/**
 * A page's Last-Modified is the newest change among what it shows (src/lib/last-modified.ts),
 * but a page also changes when something leaves it (an article unpublished or moved to
 * another category, a channel renamed in the header), and then its newest item can be
 * older than before: a client asking If-Modified-Since with the old date would be told
 * 304 and keep a list that still shows the article. Every such change purges the page's
 * tags, so the last purge of its tags is a time it surely changed: Last-Modified is raised
 * to it. (The purge times known are those of the last INVALIDATION_LIMITS.horizonMs.)
 */
export function raiseLastModified(headers: Headers, lastPurge: number | null): void {
  const declared = Date.parse(headers.get("Last-Modified") ?? "");
  if (lastPurge !== null && Number.isFinite(declared) && lastPurge > declared) headers.set("Last-Modified", httpDate(lastPurge));
}

/** What the Cache API stores: our bookkeeping headers, and a lifetime it keeps the copy for. */
export function storedHeaders(rendered: Headers, entry: Entry, policy: CachePolicy): Headers {
  const headers = new Headers(rendered);
  headers.set("ETag", entry.etag);
  headers.set(STORED_AT, String(entry.storedAt));
  headers.set(SOFT_TTL, String(entry.softTtl));
  // What the Cache API reads to keep the entry; readers get browserCacheControl instead.
  headers.set("Cache-Control", `public, max-age=${entry.softTtl + policy.staleIfError}`);
  for (const name of ["X-Request-Id", "Set-Cookie"]) headers.delete(name);
  return headers;
}
