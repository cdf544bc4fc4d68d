/**
 * Draws the site's icons and default share image and writes them, base64, into
 * src/assets/images.ts (generated: edit this script, not that file). Run with
 * `npx tsx scripts/make-icons.ts`.
 *
 * The mark is a white "e" (a ring with a gap and a bar) on the brand red. Images are 2-bit
 * palette PNGs (four shades of antialiasing): a few KB each, so the Worker bundle stays in
 * its budget. favicon.ico holds 16 and 32 px PNGs, as every browser since IE 11 reads.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";

const RED = [0xb3, 0x26, 0x1e] as const;
const WHITE = [0xff, 0xff, 0xff] as const;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Whether a point is inside the "e", in units of the mark's radius (centre 0,0). */
function inMark(x: number, y: number): boolean {
  const r = Math.hypot(x, y);
  const bar = Math.abs(y) <= 0.11 && x >= -0.66 && x <= 0.66;
  const angle = Math.atan2(y, x); // y grows downwards: the gap is lower right
  const ring = r <= 1 && r >= 0.66 && !(angle > 0.12 && angle < 0.85);
  return ring || bar;
}

/** A 2-bit palette PNG: background, two blends, white. */
function drawPng(width: number, height: number, markRadius: number, cx = width / 2, cy = height / 2): Buffer {
  const palette = Buffer.alloc(12);
  for (let i = 0; i < 4; i++) {
    const t = i / 3;
    for (let ch = 0; ch < 3; ch++) palette[i * 3 + ch] = Math.round((RED[ch] ?? 0) * (1 - t) + (WHITE[ch] ?? 0) * t);
  }
  const rowBytes = Math.ceil(width / 4);
  const raw = Buffer.alloc((rowBytes + 1) * height);
  const SS = 4;
  for (let y = 0; y < height; y++) {
    raw[y * (rowBytes + 1)] = 0;
    for (let x = 0; x < width; x++) {
      let hits = 0;
      for (let sy = 0; sy < SS; sy++)
        for (let sx = 0; sx < SS; sx++) {
          if (inMark((x + (sx + 0.5) / SS - cx) / markRadius, (y + (sy + 0.5) / SS - cy) / markRadius)) hits++;
        }
      const level = Math.round((hits / (SS * SS)) * 3);
      const at = y * (rowBytes + 1) + 1 + (x >> 2);
      raw[at] = (raw[at] ?? 0) | (level << (6 - 2 * (x & 3)));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 2; // bit depth
  ihdr[9] = 3; // palette
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", ihdr), chunk("PLTE", palette), chunk("IDAT", deflateSync(raw, { level: 9 })), chunk("IEND", new Uint8Array())]);
}

function drawIco(sizes: readonly number[]): Buffer {
  const pngs = sizes.map((s) => drawPng(s, s, s * 0.4));
  const head = Buffer.alloc(6 + 16 * sizes.length);
  head.writeUInt16LE(1, 2);
  head.writeUInt16LE(sizes.length, 4);
  let offset = head.length;
  sizes.forEach((s, i) => {
    const e = 6 + 16 * i;
    head[e] = s >= 256 ? 0 : s;
    head[e + 1] = s >= 256 ? 0 : s;
    head.writeUInt16LE(1, e + 4); // planes
    head.writeUInt16LE(32, e + 6); // bit count
    head.writeUInt32LE(pngs[i]?.length ?? 0, e + 8);
    head.writeUInt32LE(offset, e + 12);
    offset += pngs[i]?.length ?? 0;
  });
  return Buffer.concat([head, ...pngs]);
}

// The same mark in vector form: ring (radius 34, 34% of the tile) with the gap at lower right, and the bar.
const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" rx="18" fill="#b3261e"/><circle cx="50" cy="50" r="28.2" fill="none" stroke="#fff" stroke-width="11.6" stroke-dasharray="148.3 28.9" transform="rotate(48.7 50 50)"/><rect x="27.6" y="46.3" width="44.8" height="7.4" fill="#fff"/></svg>`;

type Asset = { type: string; width: number; height: number; bytes: Buffer };
const assets: Record<string, Asset> = {
  "/favicon.ico": { type: "image/x-icon", width: 32, height: 32, bytes: drawIco([16, 32]) },
  "/icon.svg": { type: "image/svg+xml", width: 100, height: 100, bytes: Buffer.from(svg) },
  "/icon-192.png": { type: "image/png", width: 192, height: 192, bytes: drawPng(192, 192, 192 * 0.34) },
  "/icon-512.png": { type: "image/png", width: 512, height: 512, bytes: drawPng(512, 512, 512 * 0.34) },
  "/apple-touch-icon.png": { type: "image/png", width: 180, height: 180, bytes: drawPng(180, 180, 180 * 0.34) },
  "/share-default.png": { type: "image/png", width: 1200, height: 630, bytes: drawPng(1200, 630, 200) },
};

const lines = [
  "// Generated by scripts/make-icons.ts: do not edit by hand.",
  "/** The site's icons and default share image: path → type, size and base64 bytes. */",
  "export const IMAGES = {",
  ...Object.entries(assets).map(([p, a]) => `  ${JSON.stringify(p)}: { type: ${JSON.stringify(a.type)}, width: ${a.width}, height: ${a.height}, base64: ${JSON.stringify(a.bytes.toString("base64"))} },`),
  "} as const;",
  "",
];
const out = path.resolve(import.meta.dirname, "../src/assets/images.ts");
writeFileSync(out, lines.join("\n"));
for (const [p, a] of Object.entries(assets)) console.log(`${p}: ${a.bytes.length} bytes`);
