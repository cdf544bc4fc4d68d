/**
 * npm run search:reindex -- [--url <base> --token <token>] [--all]
 *
 * Builds the search index for articles that have none or an outdated one: after the
 * search migration on a database that already holds articles, or after a tokenizer
 * change (--all rebuilds every row). Tokenizing is JavaScript, so the work runs in the
 * Worker through POST /api/v1/admin/search/reindex, one batch per call, until done:
 * - with --url: the deployed (or any) instance;
 * - without: the local server on 127.0.0.1:8787 when it runs, else the Worker started
 *   in-process on the local D1 (.wrangler/state), as `npm run import` does.
 */
import { parseArgs } from "node:util";
import path from "node:path";
import { readDevVars, ROOT } from "./lib/env";
import { applyLocalMigrations, PERSIST_TO, startLocalWorker } from "./lib/local-worker";

const USAGE = "usage: npm run search:reindex -- [--url <base URL> --token <admin token>] [--all]";
const LOCAL_SERVER = "http://127.0.0.1:8787";

type Send = (route: string) => Promise<Response>;
type Target = { label: string; send: Send; close?: () => Promise<void> };

class UsageError extends Error {}

function httpTarget(base: string, token: string): Target {
  return {
    label: base,
    send: (route) => fetch(new URL(route, base), { method: "POST", headers: { Authorization: `Bearer ${token}` } }),
  };
}

async function localServerAnswers(): Promise<boolean> {
  try {
    const res = await fetch(`${LOCAL_SERVER}/healthz`, { signal: AbortSignal.timeout(500) });
    return res.ok;
  } catch {
    return false;
  }
}

async function chooseTarget(url: string | undefined, token: string | undefined): Promise<Target> {
  if (url) {
    const bearer = token ?? process.env.EDGEWIRE_ADMIN_TOKEN;
    if (!bearer) throw new UsageError(`--url needs --token <admin token> (or EDGEWIRE_ADMIN_TOKEN).\n${USAGE}`);
    return httpTarget(url, bearer);
  }
  const devToken = readDevVars().ADMIN_TOKEN;
  if (devToken && !process.env.EDGEWIRE_PERSIST_TO && (await localServerAnswers())) return httpTarget(LOCAL_SERVER, devToken);
  applyLocalMigrations();
  const oneRunToken = crypto.randomUUID();
  const worker = await startLocalWorker({ bindings: { ADMIN_TOKEN: oneRunToken, ADMIN_TOKEN_NEXT: "" } });
  return {
    label: `the local D1 (${path.relative(ROOT, PERSIST_TO) || "."})`,
    send: async (route) => {
      const res = await worker.mf.dispatchFetch(`http://127.0.0.1${route}`, { method: "POST", headers: { Authorization: `Bearer ${oneRunToken}` } });
      // Miniflare's Response is undici's; re-wrap so callers see the global type.
      return new Response(await res.text(), { status: res.status, headers: Object.fromEntries(res.headers) });
    },
    close: worker.dispose,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { url: { type: "string" }, token: { type: "string" }, all: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const target = await chooseTarget(values.url, values.token);
  let after = 0;
  let total = 0;
  try {
    for (;;) {
      const res = await target.send(`/api/v1/admin/search/reindex?after=${after}${values.all ? "&all=1" : ""}`);
      const text = await res.text();
      if (!res.ok) throw new Error(`${target.label} answered ${res.status}: ${text}`);
      const body = JSON.parse(text) as { indexed: number; next: number | null };
      total += body.indexed;
      if (body.next === null) break;
      after = body.next;
    }
  } finally {
    await target.close?.();
  }
  console.log(`search:reindex: ${total} article(s) indexed in ${target.label}`);
}

main().catch((err: unknown) => {
  console.error(`search:reindex: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(err instanceof UsageError ? 2 : 1);
});
