/**
 * Runs the real Worker (and the cards and ingest Workers it binds) in workerd through the
 * Miniflare API, with wrangler.toml's bindings and the same persisted state as `wrangler dev` (.wrangler/state/v3), so the
 * import command, benchmarks and browser tests exercise exactly what `npm start` serves.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { buildCardsWorker, cardsWorkerOptions } from "./cards-worker";
import { buildIngestWorker, ingestWorkerOptions } from "./ingest-worker";
import { ROOT, readDevVars } from "./env";
import { dryRunBuild, WRANGLER } from "./wrangler-build";

/**
 * Where local state lives: wrangler dev's own folder, unless EDGEWIRE_PERSIST_TO names
 * another (benchmarks import into an empty one). The same value is wrangler's --persist-to.
 */
export const PERSIST_TO = process.env.EDGEWIRE_PERSIST_TO ? path.resolve(process.env.EDGEWIRE_PERSIST_TO) : path.join(ROOT, ".wrangler/state");
export const STATE_DIR = path.join(PERSIST_TO, "v3");
const DIST_DIR = path.join(ROOT, ".wrangler/dist");

/** `wrangler d1 migrations apply` on the local D1 in PERSIST_TO. */
export function applyLocalMigrations(): void {
  execFileSync(process.execPath, [WRANGLER, "d1", "migrations", "apply", "DB", "--local", "--persist-to", PERSIST_TO], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/**
 * Bundles the Worker exactly as `wrangler deploy` would, without deploying; `entry` builds
 * another entry point with the same configuration (the benchmark's variants).
 */
export function buildWorker(outdir = DIST_DIR, entry?: string): string {
  dryRunBuild(outdir, entry ? [entry] : []);
  return path.join(outdir, `${path.basename(entry ?? "index.ts", ".ts")}.js`);
}

export type LocalWorkerOptions = {
  /** Serve on this 127.0.0.1 port; omit for in-process dispatch only. */
  port?: number;
  /** Extra or overriding string bindings (vars and secrets). */
  bindings?: Record<string, string>;
  /** Persist D1 and cache under .wrangler/state (default) or in memory (false). */
  persist?: boolean;
  /** An already built bundle; else EDGEWIRE_WORKER_BUNDLE (the benchmark's), else built fresh. */
  scriptPath?: string;
  /** An already built cards Worker folder (buildCardsWorker); else EDGEWIRE_CARDS_DIR (the benchmark's), else built fresh. */
  cardsDir?: string;
  /** An already built ingest Worker (buildIngestWorker); else EDGEWIRE_INGEST_BUNDLE (the benchmark's), else built fresh. */
  ingestScript?: string;
  /** Each line workerd prints (logs, warnings), instead of passing it straight through. */
  onRuntimeLine?: (line: string, stream: "stdout" | "stderr") => void;
};

/** Hands each line of the runtime's output to `onLine`, and still shows it. */
function lines(stream: NodeJS.ReadableStream, name: "stdout" | "stderr", onLine: (line: string, stream: "stdout" | "stderr") => void): void {
  let pending = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    (name === "stdout" ? process.stdout : process.stderr).write(chunk);
    const parts = (pending + chunk).split("\n");
    pending = parts.pop() ?? "";
    for (const line of parts) onLine(line, name);
  });
}

export type LocalWorker = {
  mf: Miniflare;
  url: URL;
  dispose: () => Promise<void>;
};

export async function startLocalWorker(options: LocalWorkerOptions = {}): Promise<LocalWorker> {
  const scriptPath = options.scriptPath ?? process.env.EDGEWIRE_WORKER_BUNDLE ?? buildWorker();
  const { workerOptions } = unstable_getMiniflareWorkerOptions(path.join(ROOT, "wrangler.toml"));
  const persist = options.persist ?? true;
  const mf = new Miniflare({
    // The app first (dispatchFetch and the port serve it), then the cards and ingest Workers its
    // CARDS and INGEST bindings name.
    workers: [
      {
        ...workerOptions,
        name: "edgewire",
        modules: true,
        scriptPath,
        bindings: { ...workerOptions.bindings, ...readDevVars(), ...options.bindings },
      },
      cardsWorkerOptions(options.cardsDir ?? process.env.EDGEWIRE_CARDS_DIR ?? buildCardsWorker()),
      ingestWorkerOptions(options.ingestScript ?? process.env.EDGEWIRE_INGEST_BUNDLE ?? buildIngestWorker()),
    ],
    host: "127.0.0.1",
    ...(options.port !== undefined ? { port: options.port } : {}),
    d1Persist: persist ? path.join(STATE_DIR, "d1") : false,
    cachePersist: persist ? path.join(STATE_DIR, "cache") : false,
    r2Persist: persist ? path.join(STATE_DIR, "r2") : false,
    ...(options.onRuntimeLine ? { handleRuntimeStdio: (out: NodeJS.ReadableStream, err: NodeJS.ReadableStream) => {
      const onLine = options.onRuntimeLine;
      if (!onLine) return;
      lines(out, "stdout", onLine);
      lines(err, "stderr", onLine);
    } } : {}),
  });
  const url = await mf.ready;
  return { mf, url, dispose: () => mf.dispose() };
}
