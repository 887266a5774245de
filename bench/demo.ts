/**
 * `baton demo` at its default size (20,000 people, 12 months) on PGlite, as a user runs it:
 * the CLI in a fresh Node process and a new data directory each time. Prints each run's
 * seconds (the CLI's own "events in" figure: generating and writing the workspace) and the
 * process's wall time (with start-up, database creation, migrations and the final
 * checkpoint), then the median; records them in bench/results/demo.json. The same code
 * varies by ±15 % from run to run on this machine, so one run proves little.
 *
 *   node --import tsx bench/demo.ts            # BENCH_RUNS=3
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './stats.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const bin = new URL('../bin/baton.js', import.meta.url).pathname;

interface Run {
  run: number;
  demoSeconds: number;
  processSeconds: number;
  events: number;
  people: number;
}
const runs: Run[] = [];
for (let run = 1; run <= RUNS; run++) {
  const dir = mkdtempSync(join(tmpdir(), 'baton-bench-demo-'));
  const started = performance.now();
  const child = spawnSync(process.execPath, [bin, 'demo', '--data-dir', dir], { encoding: 'utf8' });
  const processSeconds = (performance.now() - started) / 1000;
  rmSync(dir, { recursive: true, force: true });
  const line = /(\d+) people, .* (\d+) events in ([\d.]+) s/.exec(child.stdout);
  if (child.status !== 0 || !line)
    throw new Error(`baton demo failed (${child.status}):\n${child.stdout}${child.stderr}`);
  runs.push({
    run,
    demoSeconds: Number(line[3]),
    processSeconds: Number(processSeconds.toFixed(1)),
    events: Number(line[2]),
    people: Number(line[1]),
  });
  console.table([runs.at(-1)]);
}

const result = {
  database: 'pglite',
  runs,
  medianDemoSeconds: median(runs.map((r) => r.demoSeconds)),
  medianProcessSeconds: median(runs.map((r) => r.processSeconds)),
  loadAverage: loadavg().map((l) => Number(l.toFixed(1))),
};
console.table(runs);
console.table([
  { measure: 'baton demo, median of runs (generate + write)', value: `${result.medianDemoSeconds} s` },
  { measure: 'whole process, median', value: `${result.medianProcessSeconds} s` },
]);
writeFileSync('bench/results/demo.json', `${JSON.stringify(result, null, 2)}\n`);
