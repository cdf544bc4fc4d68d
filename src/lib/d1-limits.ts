/**
 * D1's platform limits (https://developers.cloudflare.com/d1/platform/limits/, read
 * 2026-12-01): "Maximum string, BLOB or table row size: 2,000,000 bytes (2 MB)",
 * "Maximum SQL statement length: 100,000 bytes (100 KB)", "Maximum bound parameters per
 * query: 100". Writes are checked against these before anything is sent, so a post that
 * cannot fit is refused for what it is (413) instead of failing its batch with
 * SQLITE_TOOBIG, which a retry can never fix.
 */
export const D1_MAX_ROW_BYTES = 2_000_000;
export const D1_MAX_STATEMENT_BYTES = 100_000;
export const D1_MAX_BOUND_PARAMETERS = 100;



/** UTF-8 size of a string, without encoding when its length alone already says it is too big. */
export function utf8Bytes(text: string): number {
  // Each UTF-16 unit is 1 to 3 UTF-8 bytes; encodeInto-free count keeps memory flat.
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


