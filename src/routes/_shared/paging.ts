/**
 * Paging shared by the HTML lists, the feeds and search: keyset cursors in `?before=`
 * and "one row more than the page" instead of a COUNT query.
 */
import type { Context } from "hono";
import { decodeCursor, encodeCursor, type ListCursor } from "../../db/articles";
import type { AppEnv } from "../../env";

/** Articles per page on the home, category and tag pages. */
export const PAGE_SIZE = 20;

/** `?before=`: undefined on the first page, null for a cursor that does not parse (a 404, never page one). */
export function cursorParam(c: Context<AppEnv>): ListCursor | undefined | null {
  const raw = c.req.query("before");
  if (raw === undefined) return undefined;
  return decodeCursor(raw) ?? null;
}

export type Paged<T> = { items: T[]; more: boolean };

/**
 * Reads `size + 1` rows through `read` and keeps `size`: the extra row tells whether
 * another page exists, without a COUNT query.
 */
export async function fetchPage<T>(size: number, read: (limit: number) => Promise<T[]>): Promise<Paged<T>> {
  const rows = await read(size + 1);
  return { items: rows.slice(0, size), more: rows.length > size };
}

/** The cursor of the page after this one, or null on the last page. */
export function nextCursor(page: Paged<ListCursor>): string | null {
  const last = page.items.at(-1);
  return page.more && last ? encodeCursor(last) : null;
}
