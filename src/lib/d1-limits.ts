/**
 * D1's platform limits (https://developers.cloudflare.com/d1/platform/limits/, read
 * 2026-12-01): "Maximum string, BLOB or table row size: 2,000,000 bytes (2 MB)",
 * "Maximum SQL statement length: 100,000 bytes (100 KB)", "Maximum bound parameters per
 * query: 100". The row limit is the one a post can hit: every article write is checked
 * against it before anything is sent, so a post that cannot fit is refused for what it is
 * (413) instead of failing its batch with SQLITE_TOOBIG, which a retry can never fix. The
 * statement limit is on SQL text, and ours is fixed and under 2 KB (values are bound, not
 * spliced in); the writer binds at most 20 parameters per statement.
 */
export const D1_MAX_ROW_BYTES = 2_000_000;

/** UTF-8 size of a string, counted without encoding it (no copy of a 2 MB body). */
export function utf8Bytes(text: string): number {
  // Each UTF-16 unit is 1 to 3 UTF-8 bytes, a surrogate pair 4; a lone surrogate becomes U+FFFD (3).
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
