/**
 * Where an admin command sends its requests. Everything goes through the admin API, so
 * the Worker does the work exactly as in production:
 * - with --url: that instance (the token from --token or EDGEWIRE_ADMIN_TOKEN);
 * - without: the local server `npm start` runs (port from .wrangler/dev-server.json, else
 *   8787) when its /healthz says it is edgewire (so its edge cache is purged too), else
 *   the Worker started in-process on the same local D1. Anything else answering on that
 *   port is named and never sent posts.
 */
import path from "node:path";
import { devServerPort, probeLocalServer } from "./dev-server";
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

/** The local dev server's base URL when it is this project's; a note on stderr when not. */
async function localServer(): Promise<string | null> {
  const port = devServerPort();
  const base = `http://127.0.0.1:${port}`;
  const found = await probeLocalServer(port);
  if (found.state === "edgewire") return base;
  if (found.state === "other") console.error(`note: ${base} is not this project's server (${found.why}); using the local D1 directly.`);
  return null;
}

function headers(token: string, body?: string): Record<string, string> {
  return { Authorization: `Bearer ${token}`, ...(body !== undefined ? { "Content-Type": "application/json" } : {}) };
}

function httpTarget(base: string, token: string, label: string): AdminTarget {
  const request = (method: string, route: string, body?: string): Promise<Response> =>
    fetch(new URL(route, base), { method, headers: headers(token, body), ...(body !== undefined ? { body } : {}) });
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
  applyLocalMigrations();
  const oneRunToken = crypto.randomUUID();
  const worker = await startLocalWorker({ bindings: { ADMIN_TOKEN: oneRunToken, ADMIN_TOKEN_NEXT: "" } });
  const request = async (method: string, route: string, body?: string): Promise<Response> => {
    const res = await worker.mf.dispatchFetch(`http://127.0.0.1${route}`, {
      method,
      headers: headers(oneRunToken, body),
      ...(body !== undefined ? { body } : {}),
    });
    // Miniflare's Response is undici's; re-wrap so callers see the global type.
    return new Response(await res.text(), { status: res.status, headers: Object.fromEntries(res.headers) });
  };
  return {
    label: `the local D1 (${path.relative(process.cwd(), PERSIST_TO) || "."})`,
    request,
    post: (route, body) => request("POST", route, body),
    close: () => worker.dispose(),
  };
}
