/**
 * Which keys this isolate is rendering right now, as plain data (key → start time).
 *
 * Concurrent misses of one key must not all hit D1, but Workers forbid one request to
 * await another's promise: a request's I/O belongs to it, and a promise resolved from a
 * request that has finished is never delivered ("the Worker's code had hung"). So the
 * first miss takes a lease and renders; the others see the lease and poll with timers of
 * their own for the page it leaves in memory or in the Cache API, and render themselves
 * only when that takes longer than a bound. Nothing but numbers crosses requests.
 */

export type LeaseLimits = {
  /** A lease older than this is presumed lost (its request was cancelled) and can be taken over. */
  maxHoldMs: number;
  /** How long a waiting request polls before it renders the page itself. */
  maxWaitMs: number;
  /** Poll interval while waiting. */
  pollMs: number;
  /** Bound on the map; past it the oldest leases are dropped (their keys just render twice). */
  maxKeys: number;
};

export const LEASE_LIMITS: LeaseLimits = { maxHoldMs: 5_000, maxWaitMs: 1_000, pollMs: 10, maxKeys: 4_096 };

export class RenderLeases {
  private readonly held = new Map<string, number>();

  constructor(readonly limits: LeaseLimits = LEASE_LIMITS) {}

  /** Takes the lease for key, unless another request holds a live one. Returns the lease's id (its start). */
  tryAcquire(key: string, now: number): number | null {
    const since = this.held.get(key);
    if (since !== undefined && now - since < this.limits.maxHoldMs) return null;
    this.held.delete(key);
    this.held.set(key, now);
    for (const oldest of this.held.keys()) {
      if (this.held.size <= this.limits.maxKeys) break;
      this.held.delete(oldest);
    }
    return now;
  }

  isHeld(key: string, now: number): boolean {
    const since = this.held.get(key);
    return since !== undefined && now - since < this.limits.maxHoldMs;
  }

  /** Releases the lease if it is still the one taken at `id` (a taken-over lease stays with its new holder). */
  release(key: string, id: number): void {
    if (this.held.get(key) === id) this.held.delete(key);
  }
}

/** A timer of the calling request's own. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
