/**
 * The site's icons and default share image, drawn in the Worker on first request: the mark
 * is a white "e" (a ring with a gap at lower right, and a bar) on the brand red, as 2-bit
 * palette PNGs (four shades of antialiasing). Drawing costs a few milliseconds once per
 * isolate (then the bytes are kept, and the STATIC policy caches them at the edge); shipping
 * the PNGs inside the bundle would cost ~7 KB of the 200 KB budget.
 */

export const BRAND_RED = "#b3261e";
const RED = [0xb3, 0x26, 0x1e] as const;

type Png = { kind: "png"; width: number; height: number; mark: number };
type Ico = { kind: "ico"; sizes: readonly number[] };
type Svg = { kind: "svg" };

/** Path → what it is; `mark` is the radius of the "e" in pixels. */
export const IMAGES = {
  "/favicon.ico": { type: "image/x-icon", width: 32, height: 32, draw: { kind: "ico", sizes: [16, 32] } as Ico },
  "/icon.svg": { type: "image/svg+xml", width: 100, height: 100, draw: { kind: "svg" } as Svg },
  "/icon-192.png": { type: "image/png", width: 192, height: 192, draw: { kind: "png", width: 192, height: 192, mark: 65 } as Png },
  "/icon-512.png": { type: "image/png", width: 512, height: 512, draw: { kind: "png", width: 512, height: 512, mark: 174 } as Png },
  "/apple-touch-icon.png": { type: "image/png", width: 180, height: 180, draw: { kind: "png", width: 180, height: 180, mark: 61 } as Png },
  "/share-default.png": { type: "image/png", width: 1200, height: 630, draw: { kind: "png", width: 1200, height: 630, mark: 200 } as Png },
} as const;

export type ImagePath = keyof typeof IMAGES;

// The same mark in vector form: ring radius 34 of 100 with the gap at lower right, and the bar.
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" rx="18" fill="${BRAND_RED}"/><circle cx="50" cy="50" r="28.2" fill="none" stroke="#fff" stroke-width="11.6" stroke-dasharray="148.3 28.9" transform="rotate(48.7 50 50)"/><rect x="27.6" y="46.3" width="44.8" height="7.4" fill="#fff"/></svg>`;

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

/** Coverage 0..1 of the mark at a pixel centre, from distances to its edges (in pixels). */
function coverage(x: number, y: number, radius: number): number {
  const r = Math.hypot(x, y);
  let ring = clamp01(Math.min(radius - r, r - 0.66 * radius) + 0.5);
  if (ring > 0) {
    const angle = Math.atan2(y, x); // y grows downwards: the gap is lower right
    if (angle > 0.12 && angle < 0.85) ring = 0;
  }
  const bar = clamp01(Math.min(0.11 * radius - Math.abs(y), 0.66 * radius - Math.abs(x)) + 0.5);
  return Math.max(ring, bar);
}

let crcTable: Uint32Array | undefined;

function crc32(bytes: Uint8Array): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let c = 0xffffffff;
  for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

async function zlib(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data]).stream().pipeThrough(new CompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function drawPng({ width, height, mark }: Png): Promise<Uint8Array> {
  const rowBytes = Math.ceil(width / 4);
  const raw = new Uint8Array((rowBytes + 1) * height);
  const cx = width / 2;
  const cy = height / 2;
  // Only the mark's box needs drawing: everything else is palette entry 0, the red.
  for (let y = Math.max(0, Math.floor(cy - mark - 1)); y < Math.min(height, Math.ceil(cy + mark + 1)); y++) {
    for (let x = Math.max(0, Math.floor(cx - mark - 1)); x < Math.min(width, Math.ceil(cx + mark + 1)); x++) {
      const level = Math.round(coverage(x + 0.5 - cx, y + 0.5 - cy, mark) * 3);
      const at = y * (rowBytes + 1) + 1 + (x >> 2);
      raw[at] = (raw[at] ?? 0) | (level << (6 - 2 * (x & 3)));
    }
  }
  const palette = new Uint8Array(12);
  for (let i = 0; i < 4; i++) for (let ch = 0; ch < 3; ch++) palette[i * 3 + ch] = Math.round((RED[ch] ?? 0) * (1 - i / 3) + 255 * (i / 3));
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr[8] = 2; // bit depth
  ihdr[9] = 3; // palette
  const signature = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
  return concat([signature, chunk("IHDR", ihdr), chunk("PLTE", palette), chunk("IDAT", await zlib(raw)), chunk("IEND", new Uint8Array())]);
}

/** An ICO of PNG images, as every browser since IE 11 reads. */
async function drawIco({ sizes }: Ico): Promise<Uint8Array> {
  const pngs = await Promise.all(sizes.map((s) => drawPng({ kind: "png", width: s, height: s, mark: s * 0.4 })));
  const head = new Uint8Array(6 + 16 * sizes.length);
  const view = new DataView(head.buffer);
  view.setUint16(2, 1, true);
  view.setUint16(4, sizes.length, true);
  let offset = head.length;
  sizes.forEach((s, i) => {
    const e = 6 + 16 * i;
    head[e] = s;
    head[e + 1] = s;
    view.setUint16(e + 4, 1, true);
    view.setUint16(e + 6, 32, true);
    view.setUint32(e + 8, pngs[i]?.length ?? 0, true);
    view.setUint32(e + 12, offset, true);
    offset += pngs[i]?.length ?? 0;
  });
  return concat([head, ...pngs]);
}

export function drawImage(path: ImagePath): Promise<Uint8Array> {
  const draw: Png | Ico | Svg = IMAGES[path].draw;
  if (draw.kind === "svg") return Promise.resolve(new TextEncoder().encode(SVG));
  return draw.kind === "ico" ? drawIco(draw) : drawPng(draw);
}
