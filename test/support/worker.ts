/**
 * Calling the Worker's own fetch (edge cache + app) with a chosen D1 binding. The counting
 * binding wraps the real local D1 and only observes; the failing one injects a fault.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import worker from "../../src/index";

export type Counter = { reads: number };

export function countingD1(db: D1Database, counter: Counter): D1Database {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") {
        return (sql: string) => {
          if (/^\s*(select|with)/i.test(sql)) counter.reads += 1;
          return target.prepare(sql);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Observes only: the SQL of every statement prepared, in order, into `statements`. */
export function recordingD1(db: D1Database, statements: string[]): D1Database {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => (statements.push(sql), target.prepare(sql));
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Fault injection: every statement fails as D1 does when it is unreachable. */
export function failingD1(db: D1Database): D1Database {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare" || prop === "batch") {
        return () => {
          throw new Error("D1_ERROR: Network connection lost.");
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export async function callWorker(url: string, init: RequestInit = {}, db: D1Database = env.DB): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(url, init) as Request<unknown, IncomingRequestCfProperties>, { ...env, DB: db }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}
