/**
 * Wall time spent in each part of the simulated days, printed to stderr at the end when
 * BATON_DEMO_TIMINGS is set: the demo's cost is spread over a dozen use cases, and this
 * is the cheapest way to see which one a change moved.
 */
export function stepTimings(enabled = Boolean(process.env.BATON_DEMO_TIMINGS)) {
  const totals = new Map<string, number>();
  const add = (name: string, ms: number) => {
    if (enabled) totals.set(name, (totals.get(name) ?? 0) + ms);
  };
  return {
    add,
    async time<T>(name: string, work: () => Promise<T>): Promise<T> {
      if (!enabled) return work();
      const started = performance.now();
      try {
        return await work();
      } finally {
        add(name, performance.now() - started);
      }
    },
    report(): void {
      if (!enabled) return;
      for (const [name, ms] of [...totals].sort((a, b) => b[1] - a[1]))
        process.stderr.write(`${name.padEnd(24)} ${(ms / 1000).toFixed(1)} s\n`);
    },
  };
}
