/**
 * The local dev server as other commands see it: which port `npm start` serves on (it
 * writes .wrangler/dev-server.json while it runs), whether that port is free, and whether
 * what answers there is this project (its /healthz says `"service": "edgewire"`).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { ROOT } from "./env";

export const DEFAULT_PORT = 8787;
const RUNTIME_FILE = path.join(ROOT, ".wrangler/dev-server.json");

/** `--port N` / `--port=N`, else PORT, else 8787; null when the value is not a port. */
export function choosePort(argv: string[], env: Record<string, string | undefined> = process.env): number | null {
  let raw: string | undefined = env.PORT;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? "";
    if (arg === "--port") raw = argv[i + 1];
    else if (arg.startsWith("--port=")) raw = arg.slice("--port=".length);
  }
  if (raw === undefined || raw === "") return DEFAULT_PORT;
  const port = Number(raw);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : null;
}

/** Whether 127.0.0.1:port can be bound now (checked by binding it and letting go). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen({ port, host: "127.0.0.1", exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

export function recordDevServer(port: number): void {
  writeFileSync(RUNTIME_FILE, JSON.stringify({ port, pid: process.pid }) + "\n");
}

export function forgetDevServer(): void {
  rmSync(RUNTIME_FILE, { force: true });
}

/** The port of this checkout's `npm start`, if one is running (its process still exists); else null. */
export function runningDevServerPort(): number | null {
  if (!existsSync(RUNTIME_FILE)) return null;
  try {
    const { port, pid } = JSON.parse(readFileSync(RUNTIME_FILE, "utf8")) as { port?: unknown; pid?: unknown };
    if (typeof port !== "number" || typeof pid !== "number") return null;
    process.kill(pid, 0); // throws when the process is gone
    return port;
  } catch {
    return null;
  }
}

/** The port `npm start` said it serves on, if that process still runs; else the default. */
export function devServerPort(): number {
  return runningDevServerPort() ?? DEFAULT_PORT;
}

/** `slow`: something accepted the connection but /healthz did not answer within the wait. */
export type LocalServer = { state: "edgewire" } | { state: "none" } | { state: "slow" } | { state: "other"; why: string };

/** What answers on 127.0.0.1:port: this project's server, nothing, a server too busy to answer, or something else. */
export async function probeLocalServer(port: number, timeoutMs = 1000): Promise<LocalServer> {
  let res: Response;
  try {
    res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
    return { state: timedOut ? "slow" : "none" };
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return { state: "other", why: `its /healthz answered ${res.status} without JSON` };
  }
  const service = typeof body === "object" && body !== null ? (body as { service?: unknown }).service : undefined;
  if (service !== "edgewire") return { state: "other", why: `its /healthz does not say "service": "edgewire"` };
  if (!res.ok) return { state: "other", why: `edgewire answers but reports ${res.status} (database unreachable?)` };
  return { state: "edgewire" };
}
