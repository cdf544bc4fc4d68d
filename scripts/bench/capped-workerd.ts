/**
 * The built cards Worker in the very workerd binary the tests and Miniflare use, started
 * directly (`workerd serve`) so V8 flags can be set: Miniflare has no option for them, and
 * workerd enforces no isolate memory limit of its own (cloudflare/workerd#49). With
 * `--max-heap-size` the isolate's V8 heap is capped; the V8 inspector (Chrome DevTools
 * Protocol, `Runtime.getHeapUsage`) reads the isolate's heap and its ArrayBuffer backing
 * stores (WebAssembly memories among them) from inside, which the process's resident size
 * cannot tell apart.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fetch as mfFetch } from "miniflare";
import { ROOT } from "../lib/env";

const WORKERD = path.join(ROOT, "node_modules/@cloudflare/workerd-linux-64/bin/workerd");

/** What V8 reports for the isolate (bytes): its heap, and memory outside it that it owns. */
export type HeapUsage = { usedSize: number; totalSize: number; embedderHeapUsedSize?: number; backingStorageSize?: number };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * V8's heap usage leaves WebAssembly memories out (checked: a 50 MB WebAssembly.Memory adds
 * nothing to usedSize or backingStorageSize), so a module evaluated before the bundle notes
 * every memory the bundle's wasm instances export or create. The bundle itself is untouched.
 */
const PATCH = `const memories = (globalThis.__benchWasmMemories = []);
const note = (m) => { if (m instanceof WebAssembly.Memory && !memories.includes(m)) memories.push(m); };
const noteInstance = (i) => { for (const v of Object.values(i.exports)) note(v); };
const instantiate = WebAssembly.instantiate;
WebAssembly.instantiate = async (...args) => { const r = await instantiate.apply(WebAssembly, args); noteInstance(r.instance ?? r); return r; };
WebAssembly.Instance = new Proxy(WebAssembly.Instance, { construct(t, a, n) { const i = Reflect.construct(t, a, n); noteInstance(i); return i; } });
WebAssembly.Memory = new Proxy(WebAssembly.Memory, { construct(t, a, n) { const m = Reflect.construct(t, a, n); note(m); return m; } });
`;

/** The bench's entry: /__gc (a full GC, --expose-gc) and /__wasm (each memory's size), else the cards Worker. */
const ENTRY = `import "./memory-bench-patch.js";
import worker from "./worker.js";
export default {
  async fetch(request, env, ctx) {
    const path = new URL(request.url).pathname;
    if (path === "/__gc") { gc(); return new Response("ok"); }
    if (path === "/__wasm") return Response.json(globalThis.__benchWasmMemories.map((m) => m.buffer.byteLength));
    return worker.fetch(request, env, ctx);
  },
};
`;

/** workerd's text config: the bundle's modules one by one, loopback-only outbound, the V8 flags. */
function writeConfig(dir: string, port: number, v8Flags: string[]): string {
  writeFileSync(path.join(dir, "memory-bench-patch.js"), PATCH);
  writeFileSync(path.join(dir, "memory-bench-entry.js"), ENTRY);
  const modules = [
    `(name = "memory-bench-entry.js", esModule = embed "memory-bench-entry.js")`,
    `(name = "memory-bench-patch.js", esModule = embed "memory-bench-patch.js")`,
    `(name = "worker.js", esModule = embed "worker.js")`,
  ];
  for (const file of readdirSync(dir).sort()) {
    if (file.endsWith(".woff")) modules.push(`(name = "${file}", data = embed "${file}")`);
    else if (file.endsWith(".wasm")) modules.push(`(name = "${file}", wasm = embed "${file}")`);
  }
  const config = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "cards", worker = (
      modules = [${modules.join(", ")}],
      compatibilityDate = "2026-04-26",
      compatibilityFlags = ["nodejs_compat"],
      globalOutbound = "loopback",
    )),
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "cards")],
  v8Flags = [${v8Flags.map((f) => JSON.stringify(f)).join(", ")}],
);
`;
  const file = path.join(dir, "memory-bench.capnp");
  writeFileSync(file, config);
  return file;
}

type Cdp = { send: (method: string) => Promise<unknown>; close: () => void };

/** One DevTools Protocol session with the isolate, through Miniflare's WebSocket client. */
async function connectInspector(port: number): Promise<Cdp> {
  let targets: { webSocketDebuggerUrl?: string }[] = [];
  for (let i = 0; i < 50 && targets.length === 0; i++) {
    try {
      targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as typeof targets;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error("workerd's inspector lists no isolate");
  const res = await mfFetch(url.replace(/^ws:/, "http:"), { headers: { Upgrade: "websocket" } });
  const ws = res.webSocket;
  if (!ws) throw new Error(`inspector answered ${res.status} without a WebSocket`);
  ws.accept();
  let next = 1;
  const waiting = new Map<number, (value: unknown) => void>();
  ws.addEventListener("message", (event) => {
    const msg = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: unknown };
    if (msg.id === undefined) return;
    waiting.get(msg.id)?.(msg.error ? Promise.reject(new Error(JSON.stringify(msg.error))) : msg.result);
    waiting.delete(msg.id);
  });
  return {
    send: (method) =>
      new Promise((resolve) => {
        const id = next++;
        waiting.set(id, resolve);
        ws.send(JSON.stringify({ id, method }));
      }),
    close: () => ws.close(),
  };
}

export type CappedWorkerd = {
  /** POSTs a card model to /render; resolves to the PNG's size, or rejects when the isolate died. */
  render: (variant: string, model: unknown) => Promise<number>;
  heap: () => Promise<HeapUsage>;
  /** Bytes of every WebAssembly memory (they only grow: this is each one's high-water mark). */
  wasmBytes: () => Promise<number>;
  /** A full, synchronous GC inside the isolate (the inspector's HeapProfiler.collectGarbage gets no answer from workerd). */
  collectGarbage: () => Promise<void>;
  /** True once workerd has exited (a V8 heap limit reached is fatal: "Fatal JavaScript out of memory"). */
  exited: () => boolean;
  stop: () => Promise<void>;
};

export async function startCappedWorkerd(dir: string, maxHeapMb: number): Promise<CappedWorkerd> {
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const config = writeConfig(dir, port, [`--max-heap-size=${maxHeapMb}`, "--expose-gc"]);
  const child: ChildProcess = spawn(WORKERD, ["serve", config, `--inspector-addr=127.0.0.1:${inspectorPort}`], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  let exited = false;
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const gone = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));
  const cdp = await connectInspector(inspectorPort);
  // The inspector can be up before the HTTP socket listens.
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/__wasm`)).ok) break;
    } catch (err) {
      if (i >= 100 || exited) throw new Error(`workerd did not start: ${stderr.trim() || String(err)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    render: async (variant, model) => {
      let res: Response;
      try {
        res = await fetch(`http://127.0.0.1:${port}/render?variant=${variant}`, { method: "POST", body: JSON.stringify(model) });
      } catch (err) {
        throw new Error(`workerd died (heap cap ${maxHeapMb} MB): ${stderr.trim().split("\n").slice(-2).join(" / ") || String(err)}`);
      }
      const bytes = (await res.arrayBuffer()).byteLength;
      if (res.status !== 200) throw new Error(`card render answered ${res.status}`);
      return bytes;
    },
    heap: async () => (await cdp.send("Runtime.getHeapUsage")) as HeapUsage,
    wasmBytes: async () => ((await (await fetch(`http://127.0.0.1:${port}/__wasm`)).json()) as number[]).reduce((a, b) => a + b, 0),
    collectGarbage: async () => void (await (await fetch(`http://127.0.0.1:${port}/__gc`)).text()),
    exited: () => exited,
    stop: async () => {
      cdp.close();
      if (!exited) child.kill("SIGTERM");
      await gone;
    },
  };
}
