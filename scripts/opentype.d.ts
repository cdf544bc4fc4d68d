// The part of satori's font parser that scripts/gen-card-fonts.ts reads (it ships no types).
declare module "@shuding/opentype.js" {
  const opentype: { parse(buffer: ArrayBuffer): { tables: { cmap: unknown } } };
  export default opentype;
}
