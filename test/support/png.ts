/** Decoded PNGs for card tests (fast-png, pure JS: runs in workerd and Node). */
import { decode } from "fast-png";

export type Pixels = { width: number; height: number; rgba: Uint8Array };

export function decodePng(bytes: ArrayBuffer | Uint8Array): Pixels {
  const img = decode(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  const channels = img.channels;
  const src = img.data as Uint8Array;
  const rgba = new Uint8Array(img.width * img.height * 4);
  for (let i = 0, j = 0; i < img.width * img.height; i++, j += channels) {
    rgba[i * 4] = src[j] ?? 0;
    rgba[i * 4 + 1] = src[j + (channels >= 3 ? 1 : 0)] ?? 0;
    rgba[i * 4 + 2] = src[j + (channels >= 3 ? 2 : 0)] ?? 0;
    rgba[i * 4 + 3] = channels === 4 || channels === 2 ? (src[j + channels - 1] ?? 255) : 255;
  }
  return { width: img.width, height: img.height, rgba };
}

export type Box = { x: number; y: number; w: number; h: number };

/** Pixels in `box` that differ from the background colour by more than a faint anti-alias edge. */
export function inkPixels(p: Pixels, background: [number, number, number], box: Box = { x: 0, y: 0, w: p.width, h: p.height }): number {
  let ink = 0;
  for (let y = box.y; y < box.y + box.h; y++) {
    for (let x = box.x; x < box.x + box.w; x++) {
      const i = (y * p.width + x) * 4;
      const d = Math.abs((p.rgba[i] ?? 0) - background[0]) + Math.abs((p.rgba[i + 1] ?? 0) - background[1]) + Math.abs((p.rgba[i + 2] ?? 0) - background[2]);
      if (d > 60) ink++;
    }
  }
  return ink;
}

/** Share of pixels whose colour differs by more than `threshold` (sum of RGB differences). */
export function differingShare(a: Pixels, b: Pixels, threshold = 60, box: Box = { x: 0, y: 0, w: a.width, h: a.height }): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differ = 0;
  for (let y = box.y; y < box.y + box.h; y++) {
    for (let x = box.x; x < box.x + box.w; x++) {
      const i = (y * a.width + x) * 4;
      const d = Math.abs((a.rgba[i] ?? 0) - (b.rgba[i] ?? 0)) + Math.abs((a.rgba[i + 1] ?? 0) - (b.rgba[i + 1] ?? 0)) + Math.abs((a.rgba[i + 2] ?? 0) - (b.rgba[i + 2] ?? 0));
      if (d > threshold) differ++;
    }
  }
  return differ / (box.w * box.h);
}

/** The colour at (x, y). */
export function pixel(p: Pixels, x: number, y: number): [number, number, number] {
  const i = (y * p.width + x) * 4;
  return [p.rgba[i] ?? 0, p.rgba[i + 1] ?? 0, p.rgba[i + 2] ?? 0];
}
