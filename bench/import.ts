/**
 * A HubSpot contacts export of ROWS lines (written to a temp file first), imported with
 * importPeople() exactly as `baton import hubspot-contacts` does (in a Node with the same heap
 * limit); reports time and peak RSS.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_import BENCH_ROWS=1000000 node --import tsx bench/import.ts
 */
import { createReadStream, createWriteStream, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IMPORT_HEAP_MB, relaunchWithFlags } from '../src/cli/relaunch.ts';

// As bin/baton.js does, before the app is loaded: this process then only waits.
await relaunchWithFlags([`--max-old-space-size=${IMPORT_HEAP_MB}`]);
const { importPeople } = await import('../src/capture/import-people.ts');
const { systemContext } = await import('../src/platform/context.ts');
const { openDatabase } = await import('../src/platform/db/open-database.ts');
const { consoleProgress } = await import('../src/platform/progress.ts');
const { createWorkspace } = await import('../src/workspace/create-workspace.ts');

const url = process.env.DATABASE_URL;
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const file = join(mkdtempSync(join(tmpdir(), 'baton-import-')), 'contacts.csv');
const out = createWriteStream(file);
const write = (s: string) => new Promise<void>((r) => (out.write(s) ? r() : out.once('drain', () => r())));
await write(
  'Record ID,First Name,Last Name,Email,Company Name,Job Title,Lifecycle Stage,Create Date,Became a Lead Date,Became a Marketing Qualified Lead Date,Became a Sales Qualified Lead Date,First Conversion\r\n',
);
const stages = ['lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'subscriber'];
for (let i = 0; i < ROWS; i++) {
  const s = stages[i % 4]!;
  await write(
    `${i},太郎${i % 97},山田${i % 89},person${i}@company${i % 20000}.example.co.jp,株式会社${i % 20000},部長,${s},2025-04-01 09:00,2025-04-01 09:00,${s === 'lead' || s === 'subscriber' ? '' : '2025-04-10 10:00'},${s === 'salesqualifiedlead' ? '2025-04-20 10:00' : ''},ウェビナー ${i % 12}\r\n`,
  );
}
await new Promise<void>((r) => out.end(r));

const database = await openDatabase(
  url ? { databaseUrl: url } : { dataDir: mkdtempSync(join(tmpdir(), 'baton-import-db-')) },
);
const { workspace } = await createWorkspace(
  database.db,
  { name: 'Import bench', slug: `import-${Date.now().toString(36)}` },
  { email: 'bench@example.co.jp', displayName: 'bench', password: 'bench-password-1234' },
);
let peak = process.memoryUsage().rss;
const timer = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 100);
const started = performance.now();
const cpuStart = process.cpuUsage();
const report = await importPeople(systemContext(database.db, workspace.id, 'cli'), {
  format: 'hubspot-contacts',
  open: () => createReadStream(file),
  progress: consoleProgress(),
  totalBytes: statSync(file).size,
});
clearInterval(timer);
const seconds = (performance.now() - started) / 1000;
// The importing process's own CPU time: steadier than wall time on a shared machine.
const cpu = process.cpuUsage(cpuStart);
const result = {
  database: database.kind,
  rows: ROWS,
  fileMb: Math.round(statSync(file).size / 1048576),
  seconds: Number(seconds.toFixed(1)),
  rowsPerSecond: Math.round(ROWS / seconds),
  nodeCpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
  // The larger of the sampled RSS and the kernel's high-water mark (kB) of this process.
  peakRssMb: Math.round(Math.max(peak, process.resourceUsage().maxRSS * 1024) / 1048576),
  heapLimitMb: IMPORT_HEAP_MB,
  created: report.created,
  historyRows: report.historyRows,
  loadAverage: (await import('node:os')).loadavg().map((l) => Number(l.toFixed(1))),
};
console.table([
  { measure: 'rows', value: ROWS },
  { measure: 'import time', value: `${result.seconds} s (${result.rowsPerSecond} rows/s)` },
  { measure: 'peak RSS', value: `${result.peakRssMb} MB` },
  { measure: 'Node CPU (importing process)', value: `${result.nodeCpuSeconds} s` },
]);
writeFileSync(`bench/results/import-${database.kind}-${ROWS}.json`, `${JSON.stringify(result, null, 2)}\n`);
await database.close();
