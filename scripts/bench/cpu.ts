/** Render CPU: pure renders from fixed data, in-process, timed one by one. */
export type CpuResult = { name: string; median: number; p99: number; bytes: number };

export async function timeRender(name: string, render: () => string | Promise<string>, runs: number): Promise<CpuResult> {
  let bytes = 0;
  for (let i = 0; i < 50; i++) bytes = (await render()).length; // warm the JIT first
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await render();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { name, median: at(0.5), p99: at(0.99), bytes };
}
