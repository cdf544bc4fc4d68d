/** A bounded autocannon run against 127.0.0.1, reduced to the figures BENCHMARKS.md shows. */
import autocannon from "autocannon";

export type LoadResult = { rps: number; p50: number; p99: number; errors: number; non2xx: number; requests: number };

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
  const result = await autocannon({
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
  });
  return {
    // Measured over the run's real duration: autocannon's per-second average is coarse for short runs.
    rps: result.duration > 0 ? result.requests.total / result.duration : 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
  };
}
