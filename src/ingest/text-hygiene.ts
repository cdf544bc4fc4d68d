/**
 * Text every stored field may hold: no control characters other than tab and newline
 * (a NUL or an ESC in a title ends up raw in `<title>`, feeds and JSON), and no lone
 * UTF-16 surrogates (they cannot be encoded as UTF-8, so D1, `encodeURIComponent` and
 * TextEncoder each do something different with them). Both are removed, not replaced:
 * they carry no text a reader could see.
 */

// C0 controls except \t (09) and \n (0a), DEL, and the C1 controls.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function cleanText(text: string): string {
  return text.replace(CONTROLS, "").replace(LONE_SURROGATE, "");
}

export function cleanOptional(text: string | null): string | null {
  return text === null ? null : cleanText(text);
}
