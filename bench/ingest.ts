/**
 * Batched HTTP ingest with scoring and MQL transitions: 100 events a request over
 * 10,000 distinct people, for DURATION seconds, against a real HTTP listener. Prints
 * events/s beside the raw COPY and unnest rates of the same rows into the same table, and the p99
 * of single-event requests at a fixed rate (after a 2 s warm-up at that rate, not measured).
 *
 *   node --import tsx bench/ingest.ts                      # PGlite (temp dir)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_ingest node --import tsx bench/ingest.ts
 *   BENCH_SECONDS=60 BENCH_CONCURRENCY=32 BENCH_SINGLE_RPS=1000
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import { createWriteKey } from '../src/capture/manage-write-keys.ts';
import { systemContext } from '../src/platform/context.ts';
import { openDatabase } from '../src/platform/db/open-database.ts';
import { queryRows } from '../src/platform/db/query-rows.ts';
import { buildServer } from '../src/platform/http/server.ts';
import { createWorkspace } from '../src/workspace/create-workspace.ts';
import { copyRate } from './copy-rate.ts';
import { benchEvent, PEOPLE } from './ingest-events.ts';
import type { LoadPlan, LoadResult } from './ingest-load.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
// Requests in flight at once. Tracking traffic comes from many browsers and servers at a
// time; with 8 the run measured the round trips of 8 clients more than the server, whose
// cores were a quarter idle (20 s runs, PostgreSQL: 8 → 16,600, 16 → 20,100, 32 → 20,600 events/s).
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const SINGLE_RPS = Number(process.env.BENCH_SINGLE_RPS ?? 1000);
const SINGLE_SECONDS = Number(process.env.BENCH_SINGLE_SECONDS ?? 20);
const SINGLE_WARMUP_SECONDS = 2;
const url = process.env.DATABASE_URL;

const database = await openDatabase(
  url ? { databaseUrl: url } : { dataDir: mkdtempSync(join(tmpdir(), 'baton-bench-')) },
);
database.maintain(); // as `baton start` runs: on PGlite with the in-process autovacuum
const { workspace } = await createWorkspace(
  database.db,
  { name: 'Bench', slug: `bench-${Date.now().toString(36)}` },
  { email: 'bench@example.co.jp', displayName: 'bench', password: 'bench-password-1234' },
);
const ctx = systemContext(database.db, workspace.id);
const { writeKey } = await createWriteKey(ctx, 'bench');
const app = await buildServer({ database });
const address = await app.listen({ port: 0, host: '127.0.0.1' });

/** Runs one load plan in a worker thread (bench/ingest-load.ts) and returns its result. */
function load(plan: LoadPlan): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // Workers do not inherit tsx's loader: the worker registers it before loading the script.
    const script = new URL('./ingest-load.ts', import.meta.url).href;
    const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(script)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: plan });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

async function post(body: unknown): Promise<void> {
  const res = await fetch(`${address}/t/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-baton-write-key': writeKey },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`status ${res.status}`);
}

// Warm-up: create the 10,000 people (first sight creates person, account and history).
for (let i = 0; i < PEOPLE; i += 100)
  await post({
    events: Array.from({ length: 100 }, (_, k) => ({
      id: `w-${i + k}`,
      type: 'identify',
      email: `person${i + k}@company${(i + k) % 500}.example.co.jp`,
      // Half of the people fit (grade B): they can become MQLs by engagement.
      ...((i + k) % 2 === 0 ? { traits: { title: '部長', department: '営業部' } } : {}),
    })),
  });

// Fresh tables: refresh planner statistics once, as autovacuum would on a running server.
await database.db.execute(sql`analyze`);

// Sustained batched ingest.
const batched = await load({
  kind: 'batched',
  address,
  writeKey,
  firstSeq: 0,
  seconds: SECONDS,
  concurrency: CONCURRENCY,
});
const { events } = batched;
const batchedSeconds = batched.seconds;
const batchedRate = events / batchedSeconds;
const [mqls] = await queryRows<{ n: number }>(
  database.db,
  sql`select count(*)::int as n from stage_history where workspace_id = ${workspace.id} and to_stage = 'mql'`,
);

// The batched run grew hand-offs, stage history and rollups from nothing: refresh planner
// statistics again, as autovacuum's analyze would (this machine's PostgreSQL runs without it).
await database.db.execute(sql`analyze`);
// The single-event run is a benchmark of its own: it starts with the batched run's dirty
// pages written out, rather than paying for that run's checkpoint (on PostgreSQL, with the
// default max_wal_size, a checkpoint every ~20 s of batched ingest) while it is measured.
if (database.kind === 'postgres') await database.db.execute(sql`checkpoint`);
// Single-event requests at a fixed arrival rate.
const single = await load({
  kind: 'single',
  address,
  writeKey,
  firstSeq: events,
  seconds: SINGLE_SECONDS,
  rps: SINGLE_RPS,
  warmupSeconds: SINGLE_WARMUP_SECONDS,
});
// After the single-event run: the raw rows below (400,000 objects) would otherwise sit in
// the server's heap while it is measured, and its collections in the measured latencies.
// Raw insert of the same rows into the same table (set-based unnest, no HTTP, no scoring).
const RAW = Math.min(events, 200_000);
const rawRows = Array.from({ length: RAW }, (_, i) => ({
  ...benchEvent(i),
  id: randomUUID(),
  key: `r-${i}`,
}));
const rawStart = performance.now();
for (let i = 0; i < RAW; i += 5000) {
  const chunk = rawRows.slice(i, i + 5000);
  await database.db.execute(sql`
    insert into events (workspace_id, id, idempotency_key, type, occurred_at, received_at, properties)
    select ${workspace.id}, u.id, u.k, u.t, now(), now(), u.p::jsonb
    from unnest(${sql.param(chunk.map((r) => r.id))}::uuid[], ${sql.param(chunk.map((r) => r.key))}::text[],
      ${sql.param(chunk.map((r) => r.type))}::text[], ${sql.param(chunk.map((r) => JSON.stringify(r.properties)))}::text[]) as u(id, k, t, p)`);
}
const rawRate = RAW / ((performance.now() - rawStart) / 1000);
// COPY of the same rows (new ids and keys): PostgreSQL's own bulk-load path.
const copyRows = rawRows.map((r, i) => ({ ...r, id: randomUUID(), key: `c-${i}` }));
const copyRowsPerSecond = await copyRate(database, workspace.id, copyRows);

const { latencies, errors } = single;
const singleSeconds = single.seconds;
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;

const result = {
  database: database.kind,
  seconds: Number(batchedSeconds.toFixed(1)),
  concurrency: CONCURRENCY,
  events,
  eventsPerSecond: Math.round(batchedRate),
  rawCopyRowsPerSecond: Math.round(copyRowsPerSecond),
  rawInsertRowsPerSecond: Math.round(rawRate),
  mqlTransitions: mqls?.n ?? 0,
  single: {
    targetRps: SINGLE_RPS,
    warmupSeconds: SINGLE_WARMUP_SECONDS,
    achievedRps: Math.round(latencies.length / singleSeconds),
    requests: latencies.length,
    errors,
    p50Ms: Number(pct(0.5).toFixed(1)),
    p99Ms: Number(pct(0.99).toFixed(1)),
  },
  loadAverage: (await import('node:os')).loadavg().map((l) => Number(l.toFixed(1))),
};
console.table([
  { measure: 'batched ingest (HTTP, scoring, MQL)', value: `${result.eventsPerSecond} events/s` },
  { measure: 'raw COPY, same rows', value: `${result.rawCopyRowsPerSecond} rows/s` },
  { measure: 'raw unnest insert, same rows', value: `${result.rawInsertRowsPerSecond} rows/s` },
  { measure: 'MQL transitions during run', value: result.mqlTransitions },
  {
    measure: `single-event p50 / p99 at ${SINGLE_RPS} req/s`,
    value: `${result.single.p50Ms} / ${result.single.p99Ms} ms (achieved ${result.single.achievedRps} req/s)`,
  },
]);
writeFileSync(`bench/results/ingest-${database.kind}.json`, `${JSON.stringify(result, null, 2)}\n`);
await app.close();
await database.close();
