/**
 * Memory per share card, measured inside the isolate and proven against Workers' 128 MB
 * (which counts the JavaScript heap and WebAssembly memory). The built cards Worker runs in
 * workerd (capped-workerd.ts), one card at a time:
 *
 * 1. Measure, heap capped at 128 MB: a full GC before each card, then after it the V8 heap
 *    in use (garbage not yet collected included), ArrayBuffer backing stores and every
 *    WebAssembly memory (which only grow, so their size is their peak).
 * 2. Prove: the same cards again with the V8 heap capped at what 128 MB leaves after the
 *    largest WebAssembly and ArrayBuffer figures of step 1 (less a 3 MB image body that a
 *    GC may have freed before it was read). V8 refuses to grow the heap past the cap (the
 *    process dies, "Fatal JavaScript out of memory"), so every card drawn under it fits.
 * 3. Control: a cap far too small must fail, or the cap is not what bounds the heap.
 *
 * Run alone: `npx tsx scripts/bench/cards-memory.ts [--quick]`.
 */
import { createServer, type Server } from "node:http";
import path from "node:path";
import { encode } from "fast-png";
import { MAX_PIXELS } from "../../src/cards/image";
import { buildCardsWorker } from "../lib/cards-worker";
import { ROOT } from "../lib/env";
import { startCappedWorkerd, type CappedWorkerd } from "./capped-workerd";

const LIMIT_MB = 128;
const MB = 1024 * 1024;
/** The cards Worker reads at most this much of an article image (src/cards/image.ts). */
const IMAGE_BODY_MB = 3;
/** A cap no card can be drawn under: the control that shows the cap is enforced. */
const CONTROL_CAP_MB = 12;

const TITLES = [
  "长三角一体化示范区发布新政：跨省域统一企业登记标准，首批二十项政务服务事项实现“一网通办”",
  "中国太保聚焦主责主业 助力打赢疫情防控大战硬战",
  "東京で国際会議、各国首脳が集まる 😀",
  "서울시, 대중교통 요금 인상 계획 발표",
  "Central bank holds rates steady as inflation cools 📉",
];

/**
 * A PNG of the given size: a gradient with a coarse pattern, which compresses (resvg decodes
 * every pixel whatever the file size), and `noiseBytes` of noise rows at the top, which do
 * not: together the most pixels the cards Worker draws in the largest body it takes.
 */
function png(width: number, height: number, noiseBytes = 0): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  const noiseRows = Math.floor(noiseBytes / (width * 3));
  let seed = 7;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      if (y < noiseRows) {
        for (let k = 0; k < 3; k++) {
          seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
          data[i + k] = seed >>> 24;
        }
        continue;
      }
      const grain = ((x >> 4) * 7 + (y >> 4) * 13) & 15;
      data[i] = ((x * 255) / width + grain) & 255;
      data[i + 1] = ((y * 255) / height + grain) & 255;
      data[i + 2] = 128 + grain;
    }
  }
  return encode({ width, height, data, channels: 3, depth: 8 }, { zlib: { level: 9 } });
}

export type MemoryCase = { name: string; variant: "wide" | "square"; image: string | null };
export type CaseMemory = { name: string; runs: number; heldMedianMb: number; heldP99Mb: number; heldMaxMb: number; retainedMaxMb: number; wasmMaxMb: number };
export type CardMemory = {
  cases: CaseMemory[];
  /** The cases the proof run drew: those measured under the limit. */
  fitting: string[];
  /** The smallest V8 heap cap the heaviest fitting card was drawn under (2 MB steps); null when the proof failed. */
  heapNeededMb: number | null;
  images: Record<string, { width: number; height: number; bytes: number }>;
  /** Largest WebAssembly total over the fitting cases; largest ArrayBuffer total over all. */
  wasmMaxMb: number;
  backingMaxMb: number;
  proofCapMb: number;
  proofCards: number;
  proofPassed: boolean;
  proofError: string | null;
  controlFailed: boolean;
};

const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

function serveImages(images: Record<string, Uint8Array>): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const body = images[req.url ?? ""];
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": "image/png", "Content-Length": body.byteLength }).end(body);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({ server, origin: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}` });
    }),
  );
}

function modelFor(i: number, image: string | null) {
  return { title: `${TITLES[i % TITLES.length]} ${i}`, category: "财经要闻", date: "2024-05-01 10:00 +08:00", source: "证券时报", site: "edgewire 新闻", imageUrl: image };
}

/** Draws every case `runs` times; measures each card when `measure` is given. */
async function drawAll(w: CappedWorkerd, cases: MemoryCase[], runs: number, origin: string, measure?: (c: MemoryCase, sample: { held: number; retained: number; wasm: number; backing: number }) => void): Promise<number> {
  let drawn = 0;
  for (const c of cases) {
    for (let i = 0; i < runs; i++) {
      await w.collectGarbage();
      await w.render(c.variant, modelFor(i, c.image ? `${origin}${c.image}` : null));
      drawn++;
      if (!measure) continue;
      const heap = await w.heap();
      const wasm = await w.wasmBytes();
      const backing = heap.backingStorageSize ?? 0;
      await w.collectGarbage();
      const after = await w.heap();
      measure(c, { held: heap.usedSize + backing + wasm, retained: after.usedSize + (after.backingStorageSize ?? 0) + wasm, wasm, backing });
    }
  }
  return drawn;
}

export async function benchCardMemory(quick: boolean): Promise<CardMemory> {
  const dir = buildCardsWorker(path.join(ROOT, ".bench/cards-memory-dist"));
  const limitSide = [3000, 2000] as const; // MAX_PIXELS exactly
  if (limitSide[0] * limitSide[1] !== MAX_PIXELS) throw new Error("cards-memory: the limit case no longer matches MAX_PIXELS");
  const sizes: Record<string, readonly [number, number, number]> = {
    "/photo-1600.png": [1600, 1067, 0],
    "/limit-3mb.png": [limitSide[0], limitSide[1], 2.4 * MB],
    "/photo-12mp.png": [4032, 3024, 0],
    "/photo-24mp.png": [6000, 4000, 0],
  };
  const bodies: Record<string, Uint8Array> = {};
  const images: CardMemory["images"] = {};
  for (const [name, [width, height, noise]] of Object.entries(sizes)) {
    bodies[name] = png(width, height, noise);
    images[name] = { width, height, bytes: bodies[name].byteLength };
    if (bodies[name].byteLength > IMAGE_BODY_MB * MB) throw new Error(`${name} is over the cards Worker's image limit`);
  }
  const { server, origin } = await serveImages(bodies);
  const cases: MemoryCase[] = [
    { name: "wide, no image", variant: "wide", image: null },
    { name: "square, no image", variant: "square", image: null },
    { name: "wide, 1600×1067 image", variant: "wide", image: "/photo-1600.png" },
    // Largest last: WebAssembly memory never shrinks, so a case's figure includes every case before it.
    { name: `wide, 3000×2000 image in a ${fmt((bodies["/limit-3mb.png"]?.byteLength ?? 0) / MB)} MB file (the most pixels drawn, about the largest body)`, variant: "wide", image: "/limit-3mb.png" },
    { name: `wide, 4032×3024 image (12 MP: over ${MAX_PIXELS / 1e6} MP, left out)`, variant: "wide", image: "/photo-12mp.png" },
    { name: `wide, 6000×4000 image (24 MP: over ${MAX_PIXELS / 1e6} MP, left out)`, variant: "wide", image: "/photo-24mp.png" },
  ];
  const runs = quick ? 5 : 30;
  try {
    const samples = new Map<string, { held: number[]; retained: number[]; wasm: number[] }>();
    let wasmMax = 0;
    let backingMax = 0;
    const measured = await startCappedWorkerd(dir, LIMIT_MB);
    try {
      // The first card compiles the wasm and loads the first fonts: drawn, not counted.
      await measured.render("wide", modelFor(0, null));
      await drawAll(measured, cases, runs, origin, (c, s) => {
        const entry = samples.get(c.name) ?? { held: [], retained: [], wasm: [] };
        entry.held.push(s.held);
        entry.retained.push(s.retained);
        entry.wasm.push(s.wasm);
        samples.set(c.name, entry);
        wasmMax = Math.max(wasmMax, s.wasm);
        backingMax = Math.max(backingMax, s.backing);
      });
    } finally {
      await measured.stop();
    }
    const result: CaseMemory[] = cases.map((c) => {
      const s = samples.get(c.name) ?? { held: [], retained: [], wasm: [] };
      const held = [...s.held].sort((a, b) => a - b);
      return { name: c.name, runs: held.length, heldMedianMb: at(held, 0.5) / MB, heldP99Mb: at(held, 0.99) / MB, heldMaxMb: (held.at(-1) ?? 0) / MB, retainedMaxMb: Math.max(...s.retained) / MB, wasmMaxMb: Math.max(...s.wasm) / MB };
    });

    // The proof covers the cases that measured under the limit (a prefix: the figures only grow).
    const fitting = cases.filter((c) => (result.find((r) => r.name === c.name)?.heldMaxMb ?? Infinity) < LIMIT_MB);
    const fitWasm = Math.max(0, ...result.filter((r) => fitting.some((c) => c.name === r.name)).map((r) => r.wasmMaxMb));
    const proofCapMb = Math.floor(LIMIT_MB - fitWasm - backingMax / MB - IMAGE_BODY_MB);
    let proofCards = 0;
    let proofError: string | null = null;
    if (fitting.length === 0) proofError = "no card measured under the limit";
    else if (proofCapMb <= CONTROL_CAP_MB) proofError = `WebAssembly and ArrayBuffers alone leave ${proofCapMb} MB of the ${LIMIT_MB} MB for the V8 heap`;
    else {
      const capped = await startCappedWorkerd(dir, proofCapMb);
      try {
        proofCards = await drawAll(capped, fitting, runs, origin);
      } catch (err) {
        proofError = String(err);
      } finally {
        await capped.stop();
      }
    }

    // The smallest V8 heap cap (to 2 MB) the heaviest fitting card still draws under: what its
    // JS heap really needs at its peak, so peak ≤ that + WebAssembly + ArrayBuffers + image body.
    let lo = CONTROL_CAP_MB;
    let hi = proofError === null ? proofCapMb : lo;
    const heaviest = fitting.at(-1);
    while (heaviest && hi - lo > 2) {
      const mid = Math.floor((lo + hi) / 2);
      const probe = await startCappedWorkerd(dir, mid).catch(() => null);
      let ok = probe !== null;
      try {
        if (probe) await drawAll(probe, [heaviest], Math.min(runs, 10), origin);
      } catch {
        ok = false;
      } finally {
        await probe?.stop();
      }
      if (ok) hi = mid;
      else lo = mid;
    }
    const heapNeededMb = proofError === null ? hi : null;

    // The control starts (its heap holds the bundle) but must not draw a card.
    let controlFailed = false;
    const control = await startCappedWorkerd(dir, CONTROL_CAP_MB);
    try {
      await drawAll(control, cases.slice(0, 1), 3, origin);
    } catch {
      controlFailed = true;
    } finally {
      await control.stop();
    }
    return { cases: result, fitting: fitting.map((c) => c.name), heapNeededMb, images, wasmMaxMb: fitWasm, backingMaxMb: backingMax / MB, proofCapMb, proofCards, proofPassed: proofError === null, proofError, controlFailed };
  } finally {
    server.close();
  }
}

const fmt = (n: number, digits = 1) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function cardMemoryLines(m: CardMemory): string[] {
  const over = m.cases.filter((c) => !m.fitting.includes(c.name));
  const verdict = m.proofPassed && m.controlFailed
    ? `**${over.length === 0 ? "Every card fits" : `Cards ${m.fitting.map((n) => `"${n}"`).join(", ")} fit`} in ${LIMIT_MB} MB**: all ${m.proofCards} were drawn again with the V8 heap capped at ` +
      `${m.proofCapMb} MB (\`--max-heap-size\`), which with their largest WebAssembly memory (${fmt(m.wasmMaxMb)} MB), the largest ArrayBuffer total ` +
      `(${fmt(m.backingMaxMb)} MB) and a ${IMAGE_BODY_MB} MB image body makes ${LIMIT_MB} MB; the control, a ${CONTROL_CAP_MB} MB cap, killed the isolate as it should. ` +
      (m.heapNeededMb === null ? "" : `The heaviest still draws under a ${m.heapNeededMb} MB heap cap, so the memory it really needs at its peak is at most ` +
      `**${fmt(m.heapNeededMb + m.wasmMaxMb + m.backingMaxMb + IMAGE_BODY_MB)} MB** (cap + WebAssembly + ArrayBuffers + image body), ${fmt(LIMIT_MB - m.heapNeededMb - m.wasmMaxMb - m.backingMaxMb - IMAGE_BODY_MB)} MB under the limit; ` +
      `*held* can be higher because it counts garbage V8 has not needed to collect yet.`)
    : `**Not proven to fit in ${LIMIT_MB} MB**: ${m.proofError ?? "the proof run did not finish"}${m.controlFailed ? "" : `; and the ${CONTROL_CAP_MB} MB control cap did not fail, so the cap is not what bounds the heap`}.`;
  const overText = over.length === 0 ? "" :
    ` **Over the limit: ${over.map((c) => `"${c.name}" (${fmt(c.heldMaxMb)} MB)`).join(", ")}.** resvg decodes an embedded image at full size ` +
    `(about 7 bytes a pixel in its WebAssembly memory, which never shrinks), whatever the file's size: on Workers that isolate would be ` +
    `killed for exceeding its memory, so such an image must be refused or downscaled before it reaches the renderer.`;
  return [
    "### Memory per card (inside the isolate)",
    "",
    "| card | runs | held median MB | held p99 MB | held max MB | retained after GC, max MB | of which WebAssembly MB |",
    "|---|---|---|---|---|---|---|",
    ...m.cases.map((c) => `| ${c.name} | ${c.runs} | ${fmt(c.heldMedianMb)} | ${fmt(c.heldP99Mb)} | ${fmt(c.heldMaxMb)} | ${fmt(c.retainedMaxMb)} | ${fmt(c.wasmMaxMb)} |`),
    "",
    "The built cards Worker in the same workerd binary, started directly so V8 flags can be set (workerd itself enforces no " +
      "memory limit, cloudflare/workerd#49), one card at a time after a full GC. *Held* is what the isolate holds when the card is " +
      "answered: V8 heap in use (garbage not yet collected included) + ArrayBuffer backing stores (the inspector's `Runtime.getHeapUsage`) " +
      "+ every WebAssembly memory (read by a module evaluated before the bundle, since V8's figures leave wasm memory out; wasm " +
      "memory never shrinks, so that part is its peak). Images: " +
      Object.entries(m.images).map(([name, i]) => `${name.slice(1)} ${i.width}×${i.height}, ${fmt(i.bytes / MB)} MB PNG`).join("; ") +
      `, served on loopback; images over ${fmt(MAX_PIXELS / 1e6, 0)} megapixels are left out by the cards Worker before decoding ` +
      `(src/cards/image.ts), which is what keeps the last two cases small. ${verdict}${overText}`,
    "",
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchCardMemory(process.argv.includes("--quick"));
  console.log(cardMemoryLines(result).join("\n"));
}
