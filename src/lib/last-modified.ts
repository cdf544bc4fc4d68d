/**
 * Last-Modified from the content, never the clock: the article's last change, or the
 * newest change in a list or feed. The edge cache answers If-Modified-Since from it
 * (src/cache/entry.ts notModified); If-None-Match wins when both are sent.
 */
import type { Context } from "hono";
import type { AppEnv } from "../env";

type Dated = { publishedAt: number; updatedAt: number };

/** When the item last changed: a partner `updated` earlier than `date` is a typo. */
export function changedAt(item: Dated): number {
  return Math.max(item.publishedAt, item.updatedAt);
}

/** The newest change among the items; null for none. */
export function newestChange(items: readonly Dated[]): number | null {
  let newest: number | null = null;
  for (const item of items) newest = Math.max(newest ?? 0, changedAt(item));
  return newest;
}

/** An HTTP-date (IMF-fixdate), whole seconds as the header carries them. */
export function httpDate(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toUTCString();
}

/** Sets Last-Modified when there is a date to give (an empty list has none). */
export function setLastModified(c: Context<AppEnv>, ms: number | null | undefined): void {
  if (ms !== null && ms !== undefined && ms > 0) c.header("Last-Modified", httpDate(ms));
}
