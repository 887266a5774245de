// Measures what the Customer Success day step adds to `baton demo`: the same seed with and
// without it, wall time and CPU time (the machine may be shared: CPU time is the fairer number).
import { mkdirSync, writeFileSync } from 'node:fs';
import { DEMO_DAY_STEPS } from '../src/demo/day-steps.ts';
import { generateDemo } from '../src/demo/generate-demo.ts';
import { simulateSuccess } from '../src/demo/simulate-success.ts';
import { openDatabase } from '../src/platform/db/open-database.ts';

const people = Number(process.argv[2] ?? 20000);
const rows: { run: string; people: number; wallS: number; cpuS: number }[] = [];
for (const withStep of [false, true]) {
  const saved = [...DEMO_DAY_STEPS];
  if (!withStep) DEMO_DAY_STEPS.splice(DEMO_DAY_STEPS.indexOf(simulateSuccess), 1);
  const dir = `/tmp/baton-bench-success-${process.pid}-${withStep}`;
  const database = await openDatabase({ dataDir: dir });
  const cpu = process.cpuUsage();
  const started = performance.now();
  await generateDemo(database.db, { seed: 42, people, months: 12, anchor: new Date('2026-11-01T00:00:00Z') });
  const used = process.cpuUsage(cpu);
  rows.push({
    run: withStep ? 'with success step' : 'without success step',
    people,
    wallS: Math.round((performance.now() - started) / 100) / 10,
    cpuS: Math.round((used.user + used.system) / 100_000) / 10,
  });
  await database.close();
  DEMO_DAY_STEPS.splice(0, DEMO_DAY_STEPS.length, ...saved);
}
console.table(rows);
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/success-demo-${people}.json`, `${JSON.stringify(rows, null, 2)}\n`);
