/**
 * A D1 binding that retries what is safe to retry. D1 documents a few transient errors
 * (network connection lost, object reset, transient resolution failures); a read can be
 * sent again without harm, a write might have committed, so only statements that read
 * (SELECT / WITH … SELECT) are retried, with exponential backoff and jitter. "Overloaded"
 * is not retried here: it becomes a 503 with Retry-After so the client backs off instead.
 */
import { AppError } from "../lib/errors";

const TRANSIENT = [
  /network connection lost/i,
  /storage caused object to be reset/i,
  /object to be reset/i,
  /reset because its code was updated/i,
  /transient issue/i,
  /internal error/i,
];
const OVERLOADED = /overloaded/i;

export const RETRY = { attempts: 3, baseDelayMs: 20 } as const;

export function isTransientD1Error(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return TRANSIENT.some((re) => re.test(message));
}

export function isOverloaded(err: unknown): boolean {
  return OVERLOADED.test(err instanceof Error ? err.message : String(err));
}

export function isReadOnly(sql: string): boolean {
  return /^\s*(select|with\b[\s\S]*\bselect)\b/i.test(sql) && !/\b(insert|update|delete|replace)\b/i.test(sql);
}

function overloaded(cause: unknown): AppError {
  return new AppError("service_unavailable", "The database is busy; retry in a few seconds.", {}, { "Retry-After": "5" }, cause);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function attempt<T>(run: () => Promise<T>, retryable: boolean): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await run();
    } catch (err) {
      if (isOverloaded(err)) throw overloaded(err);
      if (!retryable || i + 1 >= RETRY.attempts || !isTransientD1Error(err)) throw err;
      await sleep(RETRY.baseDelayMs * 2 ** i * (1 + Math.random()));
    }
  }
}

const unwrapped = new WeakMap<object, D1PreparedStatement>();

function wrapStatement(stmt: D1PreparedStatement, sql: string): D1PreparedStatement {
  const retryable = isReadOnly(sql);
  const wrapper = {
    bind: (...values: unknown[]) => wrapStatement(stmt.bind(...values), sql),
    first: (column?: string) => attempt(() => (column === undefined ? stmt.first() : stmt.first(column)), retryable),
    all: () => attempt(() => stmt.all(), retryable),
    run: () => attempt(() => stmt.run(), retryable),
    raw: (options?: { columnNames?: boolean }) =>
      // The overloads of raw() differ only in the tuple shape; forward the options as given.
      attempt(() => (options?.columnNames ? stmt.raw({ columnNames: true }) : stmt.raw()), retryable),
  } as unknown as D1PreparedStatement; // structural stand-in: D1PreparedStatement is a class type
  unwrapped.set(wrapper, stmt);
  return wrapper;
}

export function resilientD1(db: D1Database): D1Database {
  return {
    prepare: (sql: string) => wrapStatement(db.prepare(sql), sql),
    // A batch may write: never retried, but "overloaded" still becomes a 503.
    batch: (statements: D1PreparedStatement[]) =>
      attempt(() => db.batch(statements.map((s) => unwrapped.get(s) ?? s)), false),
    exec: (sql: string) => attempt(() => db.exec(sql), false),
    dump: () => db.dump(),
    withSession: (constraint?: string) => db.withSession(constraint),
  } as unknown as D1Database; // structural stand-in for the binding class
}
