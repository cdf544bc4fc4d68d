/** A bounded autocannon run against 127.0.0.1, reduced to the figures BENCHMARKS.md shows. */
import autocannon from "autocannon";

export type LoadResult = {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
  /** What the errors were: autocannon's error message, or the status of a non-2xx answer, with counts. */
  errorKinds: Record<string, number>;
};

export type LoadOptions = {
  url: string;
  seconds: number;
  connections: number;
  /** Paths to cycle through (each request takes the next); one fixed path when omitted. */
  paths?: string[];
  /** Stop after this many requests instead of after `seconds` (each path once for cache misses). */
  amount?: number;
};

export async function load(options: LoadOptions): Promise<LoadResult> {
  let next = 0;
  const paths = options.paths;
  const kinds: Record<string, number> = {};
  const count = (kind: string) => (kinds[kind] = (kinds[kind] ?? 0) + 1);
  const run = {
    url: options.url,
    connections: options.connections,
    // autocannon notices the end of a run only on this tick; its 1 s default rounds a short
    // fixed-amount run up to whole seconds, which skewed a 3 s floor by up to a third.
    sampleInt: 50,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds }),
    ...(paths
      ? {
          requests: [
            {
              setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] ?? "/" }),
            },
          ],
        }
      : {}),
  } satisfies autocannon.Options;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(run, (err: Error | null, done: autocannon.Result) => (err ? reject(err) : resolve(done)));
    instance.on("reqError", (err: Error) => count(err.message || err.name));
    instance.on("response", (_client: unknown, status: number) => {
      if (status < 200 || status > 299) count(`HTTP ${status}`);
    });
  });
  return {
    // Measured over the run's real duration: autocannon's per-second average is coarse for short runs.
    rps: result.duration > 0 ? result.requests.total / result.duration : 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
    errorKinds: kinds,
  };
}

/**
 * Two targets measured in turns, ABBA order (A B B A A B …), `slices` turns each, so both
 * see the same machine: on a shared machine the load of the minute moves a ratio of two
 * runs measured one after the other more than most code changes do. Rates are over the
 * summed time; p50 is the median of the turns', p99 the worst turn's (never better than
 * one long run would show).
 */
export async function alternate(a: LoadOptions, b: LoadOptions, slices: number): Promise<[LoadResult, LoadResult]> {
  const turnsA: LoadResult[] = [];
  const turnsB: LoadResult[] = [];
  const turn = async (options: LoadOptions, into: LoadResult[]) => into.push(await load({ ...options, seconds: options.seconds / slices }));
  for (let i = 0; i < slices; i++) {
    if (i % 2 === 0) {
      await turn(a, turnsA);
      await turn(b, turnsB);
    } else {
      await turn(b, turnsB);
      await turn(a, turnsA);
    }
  }
  return [combine(turnsA), combine(turnsB)];
}

function combine(turns: LoadResult[]): LoadResult {
  const sum = (pick: (r: LoadResult) => number) => turns.reduce((n, r) => n + pick(r), 0);
  // Each turn's duration is requests / rps; the whole rate is all requests over all of them.
  const seconds = sum((r) => (r.rps > 0 ? r.requests / r.rps : 0));
  const p50s = turns.map((r) => r.p50).sort((x, y) => x - y);
  return {
    rps: seconds > 0 ? sum((r) => r.requests) / seconds : 0,
    p50: p50s[Math.floor((p50s.length - 1) / 2)] ?? 0,
    p99: Math.max(...turns.map((r) => r.p99)),
    errors: sum((r) => r.errors),
    non2xx: sum((r) => r.non2xx),
    requests: sum((r) => r.requests),
    errorKinds: turns.reduce<Record<string, number>>((all, r) => {
      for (const [kind, n] of Object.entries(r.errorKinds)) all[kind] = (all[kind] ?? 0) + n;
      return all;
    }, {}),
  };
}
