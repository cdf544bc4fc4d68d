/**
 * One view per reader per article per half hour, in each isolate. A reload, a chat app
 * that loads the page twice, or a script looping on the beacon from one address counts
 * once, not once per request. Counts stay estimates: other isolates and locations keep
 * their own memory, so a determined forger spreading requests over many addresses is not
 * stopped, only slowed to one count per address and article per window per isolate.
 *
 * A reader is the client address: the User-Agent is the client's to choose, so keying on
 * it let one address count again with every new UA string. Readers behind one address (an
 * office, a carrier NAT) count once per article per window: an undercount we accept.
 *
 * The reader is never held as such: the key is a SHA-256 of the address and the article
 * under a random salt made when the isolate starts, kept in memory for the window and
 * never written anywhere. Without a client address (local runs, tests) every view counts.
 */

export const REPEAT_WINDOW_MS = 30 * 60_000;
export const MAX_READERS = 50_000;

// Made on first use: Workers may refuse random values while a script is being loaded.
let salt: Uint8Array | null = null;

export class RecentViews {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs = REPEAT_WINDOW_MS,
    private readonly maxEntries = MAX_READERS,
  ) {}

  /** True for the first view of this key in the window (and records it), false for a repeat. */
  firstIn(key: string, now: number): boolean {
    const at = this.seen.get(key);
    if (at !== undefined && now - at < this.windowMs && now >= at) return false;
    this.seen.delete(key);
    this.seen.set(key, now);
    // Insertion order is time order: the oldest go first when memory is full.
    for (const oldest of this.seen.keys()) {
      if (this.seen.size <= this.maxEntries) break;
      this.seen.delete(oldest);
    }
    return true;
  }

  get size(): number {
    return this.seen.size;
  }
}

/** The salted digest a reader's view is remembered by. */
export async function readerKey(address: string, infoCode: string): Promise<string> {
  salt ??= crypto.getRandomValues(new Uint8Array(16));
  const text = new TextEncoder().encode(`${address}\n${infoCode}`);
  const data = new Uint8Array(salt.length + text.length);
  data.set(salt);
  data.set(text, salt.length);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", data));
  return btoa(String.fromCharCode(...digest.slice(0, 16)));
}

/** The isolate's memory of recent views. */
export const recentViews = new RecentViews();
