/**
 * SVG with satori (text laid out and drawn as paths from the fonts given), then PNG with
 * resvg: both WebAssembly modules bundled with the cards Worker and compiled once per
 * isolate (workerd forbids compiling wasm from bytes at run time, so they are imported as
 * wasm modules, never fetched or inlined).
 */
import { initWasm, Resvg } from "@resvg/resvg-wasm";
import resvgWasm from "@resvg/resvg-wasm/index_bg.wasm";
import satori, { init as initSatori } from "satori/standalone";
import yogaWasm from "satori/yoga.wasm";
import type { SatoriNode } from "./elements";
import type { LoadedFont } from "./fonts";

let ready = false;

// Initialising twice in one isolate throws ("Already initialized"), so this runs once; a
// rejected init leaves `ready` false and the next request tries again.
async function ensureWasm(): Promise<void> {
  if (ready) return;
  await Promise.all([initSatori(yogaWasm), initWasm(resvgWasm).catch((err: unknown) => {
    if (!String(err).includes("Already initialized")) throw err;
  })]);
  ready = true;
}

/** `outputWidth`: the PNG's width when it is the layout scaled down (height follows, rounded up by resvg). */
export type RenderOptions = { width: number; height: number; fonts: readonly LoadedFont[]; outputWidth?: number };

export async function renderSvg(node: SatoriNode, options: RenderOptions): Promise<string> {
  await ensureWasm();
  // satori's types want a ReactNode; the element tree has the same shape (src/cards/elements.ts).
  return satori(node as unknown as Parameters<typeof satori>[0], {
    width: options.width,
    height: options.height,
    fonts: options.fonts.map((f) => ({ ...f })),
  });
}

export async function renderPng(node: SatoriNode, options: RenderOptions): Promise<Uint8Array> {
  const svg = await renderSvg(node, options);
  const fitTo = options.outputWidth ? { mode: "width" as const, value: options.outputWidth } : { mode: "original" as const };
  const resvg = new Resvg(svg, { fitTo, font: { loadSystemFonts: false } });
  try {
    return resvg.render().asPng();
  } finally {
    resvg.free();
  }
}
