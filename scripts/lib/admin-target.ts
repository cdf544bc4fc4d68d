/**
 * Where an admin command sends its requests. Everything goes through the admin API, so
 * the Worker does the work exactly as in production:
 * - with --url: that instance (the token from --token or EDGEWIRE_ADMIN_TOKEN);
 * - without: the local server `npm start` runs (port from .wrangler/dev-server.json, else
 *   8787) when its /healthz says it is edgewire (so its edge cache is purged too), else
 *   the Worker started in-process on the same local D1, which is said in one line on
 *   stderr. Anything else answering on that port is named and never sent posts.
 *
 * A server of this checkout that is running but too busy to answer is waited for, never
 * written around: the in-process Worker would write the D1 behind its back, and its edge
 * cache would keep serving what the import changed. Past SERVER_WAIT_MS the command stops.
 */
import path from "node:path";
import { devServerPort, probeLocalServer, runningDevServerPort } from "./dev-server";
import { readDevVars } from "./env";
import { applyLocalMigrations, PERSIST_TO, startLocalWorker } from "./local-worker";

export class UsageError extends Error {}

export type AdminTarget = {
  label: string;
  /** POST to an admin route ("/api/v1/admin/…"), JSON body when given. */
  post: (route: string, body?: string) => Promise<Response>;
  /** Any method on an admin route (GET, PUT, DELETE), JSON body when given. */
  request: (method: string, route: string, body?: string) => Promise<Response>;
  close: () => Promise<void>;
};

/** How long a busy local server of this checkout is waited for, and each probe's own wait. */
export const SERVER_WAIT_MS = 60_000;
const PROBE_MS = 5_000;

/**
 * The local dev server's base URL when it is this project's; null when there is none (the
 * caller says so on stderr). Throws when this checkout's server runs but stays silent.
 */
async function localServer(waitMs = SERVER_WAIT_MS): Promise<string | null> {
  const port = devServerPort();
  const base = `http://127.0.0.1:${port}`;
  let found = await probeLocalServer(port);
  if (found.state === "slow" && runningDevServerPort() === port) {
    console.error(`note: the local server at ${base} is busy; waiting up to ${waitMs / 1000} s for it to answer (its D1 is not written behind its back).`);
    const deadline = Date.now() + waitMs;
    while (found.state === "slow" && Date.now() < deadline) found = await probeLocalServer(port, Math.min(PROBE_MS, Math.max(1, deadline - Date.now())));
    if (found.state === "slow") {
      throw new UsageError(`the local server at ${base} (npm start) runs but did not answer /healthz in ${waitMs / 1000} s; nothing was imported. Run the command again once it answers, or stop the server.`);
    }
  }
  if (found.state === "edgewire") return base;
  if (found.state === "other") console.error(`note: ${base} is not this project's server (${found.why}).`);
  return null;
}

/** How often one request is sent again after a 429 or a 503 that says when to come back. */
const MAX_RETRIES = 30;
const MAX_WAIT_S = 60;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type Send = (method: string, route: string, body?: string) => Promise<Response>;

/**
 * Every command's requests honour Retry-After: the per-token request limit (429: a large
 * archive sends more than 60 requests a minute) and a briefly unavailable ingest Worker
 * (503 before anything was written) are waited out and the same request sent again, each
 * wait said on stderr. A 503 that carries per-post results is an answer (some posts landed),
 * left to the caller.
 */
export function honouringRetryAfter(label: string, send: Send): Send {
  return async (method, route, body) => {
    for (let attempt = 0; ; attempt++) {
      const res = await send(method, route, body);
      const retryAfter = Number(res.headers.get("Retry-After"));
      if ((res.status !== 429 && res.status !== 503) || !Number.isFinite(retryAfter) || attempt >= MAX_RETRIES) return res;
      const text = await res.text();
      if (res.status === 503 && text.includes('"results"')) return new Response(text, { status: res.status, headers: res.headers });
      const wait = Math.min(Math.max(retryAfter, 1), MAX_WAIT_S);
      console.error(`note: ${label} answered ${res.status}${res.status === 429 ? " (request limit)" : ""}; sending ${method} ${route.split("?")[0]} again in ${wait} s`);
      await sleep(wait * 1000);
    }
  };
}

function headers(token: string, body?: string): Record<string, string> {
  return { Authorization: `Bearer ${token}`, ...(body !== undefined ? { "Content-Type": "application/json" } : {}) };
}

function httpTarget(base: string, token: string, label: string): AdminTarget {
  const request = honouringRetryAfter(label, (method, route, body) =>
    fetch(new URL(route, base), { method, headers: headers(token, body), ...(body !== undefined ? { body } : {}) }));
  return { label, request, post: (route, body) => request("POST", route, body), close: async () => undefined };
}

export async function chooseAdminTarget(url: string | undefined, token: string | undefined): Promise<AdminTarget> {
  if (url) {
    const bearer = token ?? process.env.EDGEWIRE_ADMIN_TOKEN;
    if (!bearer) throw new UsageError("--url needs --token <admin token> (or EDGEWIRE_ADMIN_TOKEN in the environment).");
    return httpTarget(url, bearer, url);
  }
  const devToken = readDevVars().ADMIN_TOKEN;
  // The running dev server owns .wrangler/state; a run aimed at another state folder never uses it.
  const server = devToken && !process.env.EDGEWIRE_PERSIST_TO ? await localServer() : null;
  if (server && devToken) return httpTarget(server, devToken, `the local server at ${server}`);
  const where = path.relative(process.cwd(), PERSIST_TO) || ".";
  // A fallback is one line: a running server's edge cache is not purged by this kind of
  // write. A state folder named on purpose (EDGEWIRE_PERSIST_TO: tests, benchmarks) is no
  // fallback, and no server can own it, so nothing is said.
  if (!process.env.EDGEWIRE_PERSIST_TO) {
    console.error(`note: no local server answers on http://127.0.0.1:${devServerPort()}; writing the local D1 (${where}) directly with the Worker started in-process.`);
  }
  applyLocalMigrations();
  const oneRunToken = crypto.randomUUID();
  const worker = await startLocalWorker({ bindings: { ADMIN_TOKEN: oneRunToken, ADMIN_TOKEN_NEXT: "" } });
  const request = honouringRetryAfter(`the local D1 (${where})`, async (method, route, body) => {
    const res = await worker.mf.dispatchFetch(`http://127.0.0.1${route}`, {
      method,
      headers: headers(oneRunToken, body),
      ...(body !== undefined ? { body } : {}),
    });
    // Miniflare's Response is undici's; re-wrap so callers see the global type.
    return new Response(await res.text(), { status: res.status, headers: Object.fromEntries(res.headers) });
  });
  return {
    label: `the local D1 (${where})`,
    request,
    post: (route, body) => request("POST", route, body),
    close: () => worker.dispose(),
  };
}
