/**
 * View counting without one D1 write per view. Each isolate keeps a small buffer of
 * increments keyed (info code, site day, app) and writes it as one UPSERT statement
 * (src/db/article-views.ts) when FLUSH_AT views are pending or FLUSH_AFTER_MS after the
 * first pending view, whichever comes first. A viral article therefore costs one write
 * per FLUSH_AT views (or per window, when quieter), not one per view; and one write
 * covers every article and app in the buffer. The flush runs in waitUntil, so the pixel
 * answers at once.
 *
 * What can be lost: views buffered in an isolate that is evicted before its window ends
 * (at most FLUSH_AT per isolate). That is the price of batching, and small for editors
 * reading trends. Where the ANALYTICS binding (Workers Analytics Engine) is configured,
 * every view is also written there as a data point, unbatched and unsampled by us, for
 * ad-hoc queries through its SQL API; /api/v1/admin/stats reads D1, which works
 * everywhere, locally too.
 */
import { addViews, type Increment } from "../db/article-views";
import type { App } from "../db/types";
import { logError } from "../lib/log";
import { SITE_OFFSET_MIN } from "../lib/config";

export const FLUSH_AT = 100;
export const FLUSH_AFTER_MS = 5_000;
/** Distinct keys kept when D1 keeps failing; beyond this new keys are dropped, not queued. */
export const MAX_PENDING_KEYS = 10_000;

/**
 * The site's calendar day is China Standard Time (UTC+8, no daylight saving): the
 * editors and most readers live in it, and a day boundary at 16:00 local would split
 * their evening peak across two "days".
 */
export const SITE_DAY_OFFSET_MIN = SITE_OFFSET_MIN;

export function siteDay(instantMs: number): string {
  return new Date(instantMs + SITE_DAY_OFFSET_MIN * 60_000).toISOString().slice(0, 10);
}

/** The Workers Analytics Engine binding, typed by shape (absent from the local bindings). */
export type AnalyticsDataset = { writeDataPoint(point: { indexes?: string[]; blobs?: string[]; doubles?: number[] }): void };

export type View = { infoCode: string; day: string; app: App };
export type Sinks = { db: D1Database; analytics?: AnalyticsDataset };
export type WaitUntil = (promise: Promise<unknown>) => void;

let pending = new Map<string, Increment>();
let pendingViews = 0;
let db: D1Database | null = null;
let flushWindow: { release: () => void } | null = null;

function keyOf(view: View): string {
  return `${view.infoCode}|${view.day}|${view.app}`;
}

function add(increment: Increment): boolean {
  const key = keyOf(increment);
  const current = pending.get(key);
  if (current) current.views += increment.views;
  else if (pending.size >= MAX_PENDING_KEYS) return false;
  else pending.set(key, { ...increment });
  pendingViews += increment.views;
  return true;
}

/**
 * Ends the window early. The timer is left to fire into a resolved promise: it belongs to
 * the request that opened the window, and timer ids are not meant to cross requests.
 */
function closeWindow(): void {
  if (!flushWindow) return;
  const { release } = flushWindow;
  flushWindow = null;
  release();
}

/** Opens the flush window: a timer whose end, or an earlier flush, releases it. */
function openWindow(): Promise<unknown> {
  const ended = new Promise<void>((release) => {
    setTimeout(release, FLUSH_AFTER_MS);
    flushWindow = { release };
  });
  return ended.then(() => flushViews());
}

export function recordView(view: View, sinks: Sinks, waitUntil: WaitUntil): void {
  try {
    sinks.analytics?.writeDataPoint({ indexes: [view.infoCode], blobs: [view.infoCode, view.app, view.day], doubles: [1] });
  } catch (err) {
    logError("analytics_engine_failed", { error: String(err) });
  }
  db = sinks.db;
  if (!add({ ...view, views: 1 })) {
    logError("view_dropped", { reason: "buffer_full" });
    return;
  }
  if (pendingViews >= FLUSH_AT) waitUntil(flushViews());
  else if (!flushWindow) waitUntil(openWindow());
}

/** Views waiting in this isolate's buffer. */
export function pendingViewCount(): number {
  return pendingViews;
}

/**
 * Writes everything buffered now and ends the current window. Safe to call at any time
 * and concurrently: the buffer is swapped out before the write, so no view is written
 * twice; a failed write puts its counts back for the next flush. Resolves to the number
 * of views written.
 */
export async function flushViews(): Promise<number> {
  closeWindow();
  if (pending.size === 0 || !db) return 0;
  const batch = [...pending.values()];
  const views = pendingViews;
  pending = new Map();
  pendingViews = 0;
  try {
    await addViews(db, batch);
    return views;
  } catch (err) {
    logError("views_flush_failed", { keys: batch.length, error: String(err) });
    for (const increment of batch) add(increment);
    return 0;
  }
}
