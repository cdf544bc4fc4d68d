/**
 * A micro-cache of hot pages in isolate memory, in front of the Cache API. A share page
 * that goes round a chat app is asked for many times a second; each of those would
 * otherwise be a Cache API lookup. Here the bytes are held for one second, so a busy
 * isolate serves a hot page from memory and asks the Cache API about once a second.
 *
 * The cost is bounded staleness: a purge clears this isolate's copies at once (the purger
 * forgets them here by tag), but another isolate may show its copy for up to one second
 * more. Memory is bounded by bytes and by entries, least recently used out first.
 *
 * A held page can also keep its gzip bytes (made once, in the background, by the first
 * request that wants them): most readers take gzip, and compressing a page for every one
 * of them cost more than everything else a hit does. The compressed copy counts against
 * the same byte budget and goes with the page.
 */
import { negotiateFor, type Encoding } from "./encoding";

export type HotPage = {
  status: number;
  /** As a reader gets them on a HIT (made once, when the page is held). */
  headers: [string, string][];
  body: ArrayBuffer;
  etag: string;
  /** When the page's render began (ms): its freshness, and whether a purge overtook it, are judged by it. */
  storedAt: number;
  softTtl: number;
  /** Its cache tags, from the Cache-Tag header. */
  tags: readonly string[];
  /** The body gzipped, once attachGzip gave it (only ever set on a held page). */
  gzip?: ArrayBuffer;
  /** The answer's headers per Accept-Encoding value, made once (see answerHeaders). */
  answers?: Map<string, HeldAnswer>;
};

/** How a held page is answered to one Accept-Encoding: the final headers, and the encoding they name. */
export type HeldAnswer = { headers: [string, string][]; encoding: Encoding | null };

/**
 * Distinct Accept-Encoding values whose answer headers a page keeps. Cloudflare hands the
 * Worker one normalized value, so one is the rule; the bound only stops odd clients of a
 * runtime that passes theirs through from growing a held page.
 */
const MAX_ANSWERS_PER_PAGE = 4;

/**
 * The headers a held page is answered with for this Accept-Encoding (Vary, and
 * Content-Encoding with its ETag when compressed), made once per page and value: building
 * and editing a Headers object was most of what a hit cost in the Worker. The arrays are
 * plain strings, read by every request and changed by none.
 */
export function answerHeaders(page: HotPage, acceptEncoding: string | null): HeldAnswer {
  const memoKey = acceptEncoding ?? "";
  const known = page.answers?.get(memoKey);
  if (known) return known;
  const headers = new Headers(page.headers);
  const encoding = negotiateFor(acceptEncoding, page.status, headers, page.body.byteLength);
  const made: HeldAnswer = { headers: [...headers], encoding };
  page.answers ??= new Map();
  if (page.answers.size < MAX_ANSWERS_PER_PAGE) page.answers.set(memoKey, made);
  return made;
}

type Held = { page: HotPage; tags: ReadonlySet<string>; heldAt: number };

export type HotPagesLimits = { ttlMs: number; maxBytes: number; maxEntries: number };

export const HOT_PAGES_LIMITS: HotPagesLimits = { ttlMs: 1_000, maxBytes: 8 * 1024 * 1024, maxEntries: 256 };

export class HotPages {
  private readonly held = new Map<string, Held>();
  /** Keys whose gzip bytes a request is making: one compression per held page. */
  private readonly compressing = new Set<string>();
  private bytes = 0;

  constructor(private readonly limits: HotPagesLimits = HOT_PAGES_LIMITS) {}

  get(key: string, now: number): HotPage | undefined {
    const entry = this.held.get(key);
    if (!entry) return undefined;
    if (now - entry.heldAt >= this.limits.ttlMs || now < entry.heldAt) {
      this.delete(key);
      return undefined;
    }
    // Map order is the LRU order: a read moves the key to the young end.
    this.held.delete(key);
    this.held.set(key, entry);
    return entry.page;
  }

  /** Whether a page of this Content-Length may be held: no more than an eighth of the budget. */
  fits(contentLength: string | null): boolean {
    const n = Number(contentLength);
    return contentLength !== null && this.limits.ttlMs > 0 && Number.isFinite(n) && n <= this.limits.maxBytes / 8;
  }

  set(key: string, page: HotPage, now: number): void {
    this.delete(key);
    // A large page (a long feed) is not held; it streams from the Cache API instead.
    if (page.body.byteLength > this.limits.maxBytes / 8) return;
    this.held.set(key, { page, tags: new Set(page.tags), heldAt: now });
    this.bytes += sizeOf(page);
    this.evict();
  }

  /**
   * Whether the caller should make this held page's gzip bytes: true once per held page, and
   * only while nobody else is at it. The caller hands them over with attachGzip, or calls
   * attachGzip with null when compression failed.
   */
  claimGzip(key: string, page: HotPage): boolean {
    if (page.gzip || this.compressing.has(key) || this.held.get(key)?.page !== page) return false;
    this.compressing.add(key);
    return true;
  }

  /** Keeps the gzip bytes with the page, if the page is still the one held under its key. */
  attachGzip(key: string, page: HotPage, gzip: ArrayBuffer | null): void {
    this.compressing.delete(key);
    if (!gzip || page.gzip || this.held.get(key)?.page !== page) return;
    page.gzip = gzip;
    this.bytes += gzip.byteLength;
    this.evict();
  }

  delete(key: string): void {
    const entry = this.held.get(key);
    if (!entry) return;
    this.held.delete(key);
    this.bytes -= sizeOf(entry.page);
  }

  private evict(): void {
    for (const [oldest, entry] of this.held) {
      if (this.bytes <= this.limits.maxBytes && this.held.size <= this.limits.maxEntries) break;
      this.held.delete(oldest);
      this.bytes -= sizeOf(entry.page);
    }
  }

  /**
   * Forgets every page carrying one of these cache tags, to free the memory at once (the
   * edge cache would not serve them anyway: it checks each page against the purges).
   */
  deleteTagged(tags: readonly string[]): void {
    for (const [key, entry] of this.held) {
      if (tags.some((tag) => entry.tags.has(tag))) this.delete(key);
    }
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.held.size, bytes: this.bytes };
  }
}

const sizeOf = (page: HotPage) => page.body.byteLength + (page.gzip?.byteLength ?? 0);
