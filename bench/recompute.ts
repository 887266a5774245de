/**
 * Full score recompute: PEOPLE people and EVENTS_PER_PERSON events each, generated in
 * SQL, then recomputeScores() over all of them (the same code the API and the job run).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_recompute BENCH_PEOPLE=1000000 node --import tsx bench/recompute.ts
 */
import { writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { systemContext } from '../src/platform/context.ts';
import { openDatabase } from '../src/platform/db/open-database.ts';
import { queryRows } from '../src/platform/db/query-rows.ts';
import { JobRunner } from '../src/platform/jobs/job-runner.ts';
import { enqueueJob } from '../src/platform/jobs/job-store.ts';
import { consoleProgress } from '../src/platform/progress.ts';
import { RECOMPUTE_JOB, recomputeJobHandler } from '../src/scoring/recompute-job.ts';
import { recomputeScores } from '../src/scoring/recompute-scores.ts';
import { createWorkspace } from '../src/workspace/create-workspace.ts';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL to a PostgreSQL database made for this benchmark');
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
const PER = Number(process.env.BENCH_EVENTS_PER_PERSON ?? 10);
const database = await openDatabase({ databaseUrl: url });
// BENCH_REUSE=1 recomputes the workspace an earlier run generated (generating 10M events takes minutes).
const reuse = process.env.BENCH_REUSE
  ? (
      await queryRows<{ id: string }>(
        database.db,
        sql`select id from workspaces where slug = ${`recompute-${PEOPLE}`}`,
      )
    )[0]
  : undefined;
const ws =
  reuse?.id ??
  (
    await createWorkspace(
      database.db,
      { name: 'Recompute bench', slug: `recompute-${PEOPLE}` },
      { email: `bench-${PEOPLE}@example.co.jp`, displayName: 'bench', password: 'bench-password-1234' },
    )
  ).workspace.id;
const t0 = performance.now();
if (!reuse) await generate();
const loadSeconds = (performance.now() - t0) / 1000;

async function generate() {
  await database.db.execute(sql`
  insert into people (workspace_id, id, email, email_normalized, title, department, lifecycle_stage, stage_entered_at)
  select ${ws}, gen_random_uuid(), 'p' || i || '@example.co.jp', 'p' || i || '@example.co.jp',
    (array['部長','課長','担当','執行役員'])[1 + i % 4], (array['営業部','総務部','マーケティング部'])[1 + i % 3], 'sal', now()
  from generate_series(1, ${PEOPLE}) i`);
  await database.db.execute(sql`
  with p as (select id, row_number() over (order by id) - 1 as rn from people where workspace_id = ${ws})
  insert into events (workspace_id, id, idempotency_key, type, occurred_at, person_id, properties)
  select ${ws}, gen_random_uuid(), 'g' || g, (array['page_view','email_open','email_click','seminar_attended','form_submit'])[1 + g % 5],
    now() - ((g % 365) || ' days')::interval, p.id,
    case g % 5 when 0 then jsonb_build_object('path', (array['/pricing','/blog/a','/'])[1 + g % 3]) when 4 then jsonb_build_object('form', 'ebook') else '{}'::jsonb end
  from generate_series(0, ${PEOPLE * PER - 1}) g join p on p.rn = g % ${PEOPLE}`);
  await database.db.execute(sql`analyze`);
}

// This machine's PostgreSQL runs with autovacuum off; a production server's autovacuum
// would have cleared the score rows an earlier recompute replaced.
const vacuum = () => database.db.execute(sql`vacuum analyze person_scores`);
await vacuum();
const ctx = systemContext(database.db, ws);
const started = performance.now();
const memBefore = process.memoryUsage().rss;
let peak = memBefore;
const timer = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 200);
const result = await recomputeScores(ctx, {
  progress: consoleProgress(),
  batchSize: Number(process.env.BENCH_BATCH ?? 5000),
});
clearInterval(timer);
const seconds = (performance.now() - started) / 1000;

// The same recompute the way a rule change runs it: a background job, one slice per claim.
await vacuum();
const jobStarted = performance.now();
await enqueueJob(database.db, {
  workspaceId: ws,
  kind: RECOMPUTE_JOB,
  payload: { ruleVersion: result.ruleVersion },
  runAt: new Date(),
  dedupeKey: `bench-${Date.now()}`,
});
const claims = await new JobRunner(database.db, {
  handlers: { [RECOMPUTE_JOB]: recomputeJobHandler },
}).runDue();
const jobSeconds = (performance.now() - jobStarted) / 1000;
const out = {
  database: database.kind,
  people: PEOPLE,
  events: PEOPLE * PER,
  // null: BENCH_REUSE recomputed data an earlier run generated.
  generateSeconds: reuse ? null : Number(loadSeconds.toFixed(1)),
  recomputeSeconds: Number(seconds.toFixed(1)),
  jobSeconds: Number(jobSeconds.toFixed(1)),
  jobClaims: claims,
  eventsPerSecond: Math.round((PEOPLE * PER) / seconds),
  peoplePerSecond: Math.round(PEOPLE / seconds),
  peakRssMb: Math.round(peak / 1048576),
  mqls: result.mqls,
  loadAverage: (await import('node:os')).loadavg().map((l) => Number(l.toFixed(1))),
};
console.table([
  { measure: 'people / events', value: `${PEOPLE} / ${PEOPLE * PER}` },
  { measure: 'full recompute', value: `${out.recomputeSeconds} s (${out.eventsPerSecond} events/s)` },
  { measure: 'as the rule-change job', value: `${out.jobSeconds} s (${claims} claims)` },
  { measure: 'peak RSS', value: `${out.peakRssMb} MB` },
]);
writeFileSync(`bench/results/recompute-${PEOPLE}.json`, `${JSON.stringify(out, null, 2)}\n`);
await database.close();
