/**
 * Where an admin command sends its requests. Everything goes through the admin API, so
 * the Worker does the work exactly as in production:
 * - with --url: that instance (the token from --token or EDGEWIRE_ADMIN_TOKEN);
 * - without: the local server on 127.0.0.1:8787 when it runs (so its edge cache is
 *   purged too), else the Worker started in-process on the same local D1.
 */
import path from "node:path";
import { readDevVars } from "./env";
import { applyLocalMigrations, PERSIST_TO, startLocalWorker } from "./local-worker";

export const LOCAL_SERVER = "http://127.0.0.1:8787";

export class UsageError extends Error {}

export type AdminTarget = {
  label: string;
  /** POST to an admin route ("/api/v1/admin/…"), JSON body when given. */
  post: (route: string, body?: string) => Promise<Response>;
  close: () => Promise<void>;
};

async function localServerAnswers(): Promise<boolean> {
  try {
    const res = await fetch(`${LOCAL_SERVER}/healthz`, { signal: AbortSignal.timeout(500) });
    const body = (await res.json()) as { status?: string };
    return res.ok && body.status === "ok";
  } catch {
    return false;
  }
}

function headers(token: string, body?: string): Record<string, string> {
  return { Authorization: `Bearer ${token}`, ...(body !== undefined ? { "Content-Type": "application/json" } : {}) };
}

function httpTarget(base: string, token: string, label: string): AdminTarget {
  return {
    label,
    post: (route, body) => fetch(new URL(route, base), { method: "POST", headers: headers(token, body), ...(body !== undefined ? { body } : {}) }),
    close: async () => undefined,
  };
}

export async function chooseAdminTarget(url: string | undefined, token: string | undefined): Promise<AdminTarget> {
  if (url) {
    const bearer = token ?? process.env.EDGEWIRE_ADMIN_TOKEN;
    if (!bearer) throw new UsageError("--url needs --token <admin token> (or EDGEWIRE_ADMIN_TOKEN in the environment).");
    return httpTarget(url, bearer, url);
  }
  const devToken = readDevVars().ADMIN_TOKEN;
  // The running dev server owns .wrangler/state; a run aimed at another state folder never uses it.
  if (devToken && !process.env.EDGEWIRE_PERSIST_TO && (await localServerAnswers())) {
    return httpTarget(LOCAL_SERVER, devToken, `the local server at ${LOCAL_SERVER}`);
  }
  applyLocalMigrations();
  const oneRunToken = crypto.randomUUID();
  const worker = await startLocalWorker({ bindings: { ADMIN_TOKEN: oneRunToken, ADMIN_TOKEN_NEXT: "" } });
  return {
    label: `the local D1 (${path.relative(process.cwd(), PERSIST_TO) || "."})`,
    post: async (route, body) => {
      const res = await worker.mf.dispatchFetch(`http://127.0.0.1${route}`, {
        method: "POST",
        headers: headers(oneRunToken, body),
        ...(body !== undefined ? { body } : {}),
      });
      // Miniflare's Response is undici's; re-wrap so callers see the global type.
      return new Response(await res.text(), { status: res.status, headers: Object.fromEntries(res.headers) });
    },
    close: () => worker.dispose(),
  };
}
