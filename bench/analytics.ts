// Analytics benchmark: report latency (p50/p95) on a large synthetic workspace, beside the raw recomputation.
// node --import tsx bench/analytics.ts --driver postgres|pglite --people N --events N --opportunities N [--runs 30]
// BENCH_KEEP=1 keeps the database; --reuse then times the reports again on it (after new migrations).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { getFunnel } from '../src/analytics/get-funnel.ts';
import { rebuildRollups } from '../src/analytics/rebuild-rollups.ts';
import { REPORTS } from '../src/analytics/run-report.ts';
import { scanHistoryFlows, workspaceCalendar } from '../src/analytics/store.ts';
import { systemContext } from '../src/platform/context.ts';
import { openDatabase } from '../src/platform/db/open-database.ts';
import { queryRows } from '../src/platform/db/query-rows.ts';
import { createWorkspace } from '../src/workspace/create-workspace.ts';
import { generateBenchData } from './analytics-data.ts';

const { values: args } = parseArgs({
  options: {
    driver: { type: 'string', default: 'pglite' },
    people: { type: 'string', default: '10000' },
    events: { type: 'string', default: '100000' },
    opportunities: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '30' },
    oracle: { type: 'string', default: 'auto' },
    reuse: { type: 'boolean', default: false },
    attribution: { type: 'string', default: 'yes' },
  },
});
const scale = {
  people: Number(args.people),
  events: Number(args.events),
  opportunities: Number(args.opportunities),
};
const label = `${args.driver}-${scale.people}p-${scale.events}e`;
const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function open() {
  if (args.driver === 'postgres') {
    const name = process.env.BENCH_DB_NAME ?? `bench_analytics_${scale.people}_${scale.events}`;
    if (!args.reuse) {
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name}`);
      await admin.end();
    }
    const url = new URL(base);
    url.pathname = `/${name}`;
    const db = await openDatabase({ databaseUrl: url.toString() });
    return {
      db,
      drop: async () => {
        await db.close();
        const a = new pg.Client({ connectionString: base });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const dir = `/tmp/baton-bench-${label}`;
  if (!args.reuse) rmSync(dir, { recursive: true, force: true });
  const db = await openDatabase({ dataDir: dir });
  return {
    db,
    drop: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const log = (s: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${s}\n`);
const pct = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)]!;

async function time<T>(work: () => Promise<T>): Promise<number> {
  const t = performance.now();
  await work();
  return performance.now() - t;
}

const { db: database, drop } = await open();
const anchor = new Date('2026-03-31T15:00:00Z');
const existing = args.reuse
  ? await queryRows<{ id: string }>(database.db, sql`select id from workspaces where slug = 'bench'`)
  : [];
const workspaceId =
  existing[0]?.id ??
  (
    await createWorkspace(
      database.db,
      { name: 'Bench', slug: 'bench' },
      { email: 'admin@bench.example', displayName: 'Admin', password: 'correct-horse-battery' },
    )
  ).workspace.id;
const ctx = { ...systemContext(database.db, workspaceId), now: () => anchor };
const previous = args.reuse
  ? (JSON.parse(readFileSync('bench/results/analytics.json', 'utf8'))[label] ?? {})
  : {};
let loadSeconds = previous.loadSeconds ?? null;
let rollupSeconds = previous.rollupBuildSeconds ?? null;
const rollupByLifecycle: Record<string, number> = previous.rollupBuildSecondsByLifecycle ?? {};
if (!args.reuse) {
  const t0 = performance.now();
  await generateBenchData(ctx, scale, anchor, log);
  loadSeconds = Math.round((performance.now() - t0) / 1000);
  log(`data ready in ${loadSeconds} s; building rollups`);
  const t1 = performance.now();
  for (const lifecycle of ['lead', 'opportunity', 'customer']) {
    const t = performance.now();
    const { records, rows } = await rebuildRollups(ctx, lifecycle);
    rollupByLifecycle[lifecycle] = Math.round((performance.now() - t) / 1000);
    log(`rollups ${lifecycle}: ${records} records, ${rows} rows in ${rollupByLifecycle[lifecycle]} s`);
  }
  // As autovacuum would after a bulk load (PGlite has none): statistics and the visibility map.
  await database.db.execute(sql`vacuum analyze`);
  rollupSeconds = Math.round((performance.now() - t1) / 1000);
  log(`rollups built in ${rollupSeconds} s`);
}
const [counts] = await queryRows<{
  history: number;
  opportunities: number;
  handoffs: number;
  events: number;
}>(
  database.db,
  sql`select (select count(*) from stage_history where workspace_id = ${workspaceId}) as history,
    (select count(*) from opportunities where workspace_id = ${workspaceId}) as opportunities,
    (select count(*) from handoffs where workspace_id = ${workspaceId}) as handoffs,
    (select count(*) from events where workspace_id = ${workspaceId}) as events`,
);
const historyRows = Number(counts?.history);
const loadBefore = loadavg();

const params = { from: '2025-04-01', to: '2026-03-31', by: 'month' };
const runs = Number(args.runs);
const rows: Record<string, unknown>[] = [];
for (const [name, report] of Object.entries(REPORTS) as [
  string,
  (c: typeof ctx, p: object) => Promise<unknown>,
][]) {
  if (name === 'attribution') continue;
  const p = name === 'funnel' ? { ...params, view: 'cohort' } : params;
  for (let i = 0; i < 3; i++) await report(ctx, p);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) ms.push(await time(() => report(ctx, p)));
  rows.push({ report: name, p50: +pct(ms, 0.5).toFixed(1), p95: +pct(ms, 0.95).toFixed(1) });
}
const periodFunnel = { ...params, view: 'period' };
const pf: number[] = [];
for (let i = 0; i < runs; i++) pf.push(await time(() => getFunnel(ctx, periodFunnel)));
rows.push({ report: 'funnel (period view)', p50: +pct(pf, 0.5).toFixed(1), p95: +pct(pf, 0.95).toFixed(1) });
const cal = await workspaceCalendar(ctx);
const scan = await time(() =>
  scanHistoryFlows(ctx, cal, {
    lifecycle: 'lead',
    grain: 'month',
    from: params.from,
    to: params.to,
    slice: null,
  }),
);
const useOracle = args.oracle === 'yes' || (args.oracle === 'auto' && historyRows <= 1_500_000);
const oracle = useOracle ? await time(() => getFunnel(ctx, periodFunnel, { source: 'history' })) : null;
const attribution =
  args.attribution === 'yes'
    ? await time(() => REPORTS.attribution(ctx, params))
    : (previous.attributionMs ?? null);

console.log(
  `\nAnalytics on ${database.kind}: ${scale.people} people, ${scale.events} events, ${historyRows} stage-history rows, ${counts?.opportunities} opportunities`,
);
console.table(rows);
console.log(
  `raw recomputation: SQL scan of stage history ${scan.toFixed(0)} ms; TypeScript oracle ${oracle === null ? 'skipped (history too large to hold in memory)' : `${oracle.toFixed(0)} ms`}; attribution (reads events) ${attribution === null ? 'not run' : `${Math.round(attribution)} ms`}`,
);

const loadAfter = loadavg();
console.log(
  `load average (1, 5, 15 min) before timing ${loadBefore.map((x) => x.toFixed(2)).join(', ')}; after ${loadAfter.map((x) => x.toFixed(2)).join(', ')}`,
);
const file = 'bench/results/analytics.json';
const all = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
all[label] = {
  at: new Date().toISOString(),
  driver: database.kind,
  scale: { ...scale, historyRows, handoffs: Number(counts?.handoffs), eventRows: Number(counts?.events) },
  loadSeconds,
  rollupBuildSeconds: rollupSeconds,
  rollupBuildSecondsByLifecycle: rollupByLifecycle,
  loadAverage: {
    beforeTiming: loadBefore.map((x) => +x.toFixed(2)),
    afterTiming: loadAfter.map((x) => +x.toFixed(2)),
  },
  runs,
  reports: rows,
  rawRecomputationMs: {
    sqlScan: Math.round(scan),
    typescriptOracle: oracle === null ? null : Math.round(oracle),
  },
  attributionMs: attribution === null ? null : Math.round(attribution),
};
writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
if (!process.env.BENCH_KEEP) await drop();
else await database.close();
