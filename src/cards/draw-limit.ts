/**
 * How many cards one isolate of the cards Worker draws at once, and how long a request waits
 * for its turn. A draw is 40–100 ms of CPU (BENCHMARKS.md §9) plus up to 3 s waiting on the
 * article's image; locally every Worker shares one workerd process, so an unbounded burst of
 * first requests for cards (a crawler walking a sitemap, a chat app unfurling a feed) would
 * hold the readers' pages behind it.
 *
 * Past the limit a request waits in line, briefly: unfurlers (Facebook, X, Slack, Telegram)
 * fetch og:image once, wait several seconds for it and do not come back soon, so a short wait
 * that ends in the real card serves them best. A card without its image would cost the same
 * CPU (the image is not what is slow to draw), so that is no relief. Only past the line's
 * length or its wait does the request get 503 with Retry-After (never cached): crawlers that
 * do retry (Googlebot, Bingbot) honour it, and the next try finds the card drawn or a free turn.
 */
export const DRAW_LIMITS = { inFlight: 2, waiting: 16, waitMs: 2000, retryAfterS: 5 } as const;

export type DrawLimits = { inFlight: number; waiting: number; waitMs: number };

/** A counting semaphore with a bounded, timed, first-come line. */
export class DrawLimit {
  private active = 0;
  private readonly line: (() => void)[] = [];

  constructor(private readonly limits: DrawLimits = DRAW_LIMITS) {}

  /** Draws in flight now (for logs and tests). */
  get inFlight(): number {
    return this.active;
  }

  /** A release function once a turn is free, or null when the line is full or the wait ran out. */
  async acquire(): Promise<(() => void) | null> {
    if (this.active < this.limits.inFlight) return this.take();
    if (this.line.length >= this.limits.waiting) return null;
    return new Promise((resolve) => {
      const turn = () => {
        clearTimeout(timer);
        resolve(this.take());
      };
      const timer = setTimeout(() => {
        const at = this.line.indexOf(turn);
        if (at >= 0) this.line.splice(at, 1);
        resolve(null);
      }, this.limits.waitMs);
      this.line.push(turn);
    });
  }

  private take(): () => void {
    this.active += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      // The turn passes straight to the next in line, so the count never dips below a waiter.
      this.line.shift()?.();
    };
  }
}
