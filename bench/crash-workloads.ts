/**
 * The ingest, transition and job parts of the crash harness (bench/crash-harness.ts): each
 * keeps a ledger of what the server acknowledged, retries what was in flight at the kill
 * the way a client would, and checks the ledger against the API and, at the end, the tables.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/platform/db/open-database.ts';
import { queryRows } from '../src/platform/db/query-rows.ts';

export type Api = (
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; json: Record<string, unknown> }>;

/** The answer was lost (the server died mid-request): the client cannot tell if it was stored. */
export type Stop = { killed: boolean };

// ---------------------------------------------------------------- ingest

interface Batch {
  cycle: number;
  events: { id: string; type: string; email?: string; anonymousId?: string; properties: object }[];
}

export interface IngestLedger {
  writeKey: string;
  /** Client event id → the cycle whose request was acknowledged with it. */
  acked: Map<string, number>;
  /** Batches whose answer was lost: sent again, with the same ids, after the restart. */
  uncertain: Batch[];
  /** Acknowledged batches, some of which a client sends again (a lost answer it never saw). */
  replayable: Batch[];
}

export async function createWriteKey(api: Api): Promise<string> {
  const res = await api('POST', '/api/v1/tracking/write-keys', { name: 'crash harness' });
  if (res.status !== 201) throw new Error(`write key failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json.writeKey as string;
}

async function postBatch(port: number, writeKey: string, batch: Batch): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}/t/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-baton-write-key': writeKey },
    body: JSON.stringify({ events: batch.events }),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`batch: ${res.status} ${text}`);
  const body = JSON.parse(text) as { stored: number; duplicates: number };
  if (body.stored + body.duplicates !== batch.events.length) throw new Error(`batch not all stored: ${text}`);
}

/** Sends one batch; on a lost answer it stays uncertain until the retry after the restart. */
async function sendBatch(port: number, ledger: IngestLedger, batch: Batch): Promise<number> {
  ledger.uncertain.push(batch);
  await postBatch(port, ledger.writeKey, batch);
  ledger.uncertain.splice(ledger.uncertain.indexOf(batch), 1);
  for (const e of batch.events) if (!ledger.acked.has(e.id)) ledger.acked.set(e.id, batch.cycle);
  ledger.replayable.push(batch);
  if (ledger.replayable.length > 50) ledger.replayable.shift();
  return batch.events.length;
}

export async function ingestWorker(
  port: number,
  ledger: IngestLedger,
  cycle: number,
  w: number,
  random: () => number,
  stop: Stop,
): Promise<number> {
  let acked = 0;
  let n = 0;
  while (!stop.killed) {
    try {
      if (ledger.replayable.length > 0 && random() < 0.1) {
        // A client that never saw the answer sends the same ids again.
        await postBatch(
          port,
          ledger.writeKey,
          ledger.replayable[Math.floor(random() * ledger.replayable.length)]!,
        );
        continue;
      }
      const size = 1 + Math.floor(random() * 20);
      const batch: Batch = { cycle, events: [] };
      for (let i = 0; i < size; i++) {
        const who = Math.floor(random() * 30);
        batch.events.push({
          id: `e${cycle}-${w}-${n++}-${randomBytes(4).toString('hex')}`,
          type: random() < 0.8 ? 'page_view' : 'form_submit',
          ...(random() < 0.5 ? { email: `t${who}@track.crash.example.jp` } : { anonymousId: `anon-${who}` }),
          properties: { path: '/pricing' },
        });
      }
      acked += await sendBatch(port, ledger, batch);
    } catch (err) {
      if (!stop.killed) throw err;
    }
  }
  return acked;
}

export async function retryBatches(port: number, ledger: IngestLedger): Promise<void> {
  for (const batch of [...ledger.uncertain]) await sendBatch(port, ledger, batch);
}

// ---------------------------------------------------------------- transitions

/** The moves the workers make, all allowed by the default lead lifecycle. */
const NEXT: Record<string, string> = {
  lead: 'nurturing',
  nurturing: 'mql',
  mql: 'recycled',
  recycled: 'nurturing',
};

interface Move {
  cycle: number;
  personId: string;
  from: string;
  to: string;
}

export interface TransitionLedger {
  /** The stage the client last saw for each person it moves. */
  stage: Map<string, string>;
  /** Acknowledged moves: the history row ids the server answered with. */
  acked: (Move & { historyIds: string[] })[];
  /** Moves whose answer was lost: retried after the restart with the same expectedStage. */
  uncertain: Move[];
  /** People moved (or tried) in the current cycle: checked after its restart. */
  touched: Set<string>;
}

async function move(api: Api, ledger: TransitionLedger, m: Move, retry = false): Promise<boolean> {
  ledger.uncertain.push(m);
  ledger.touched.add(m.personId);
  const res = await api('POST', `/api/v1/people/${m.personId}/transitions`, {
    to: m.to,
    expectedStage: m.from,
    // Recycling and an early return from it both need a reason.
    reason: 'crash harness',
    ...(m.to === 'recycled' ? { reapproachOn: new Date(Date.now() + 90 * 86_400_000).toISOString() } : {}),
  });
  ledger.uncertain.splice(ledger.uncertain.indexOf(m), 1);
  if (res.status === 201) {
    const rows = res.json.history as { id: string; toStage: string }[];
    ledger.acked.push({ ...m, historyIds: rows.map((r) => r.id) });
    ledger.stage.set(m.personId, m.to);
    return true;
  }
  if (res.status !== 409)
    throw new Error(`transition ${m.from}→${m.to}: ${res.status} ${JSON.stringify(res.json)}`);
  // Someone moved the person first, or this is a retry of a move that was committed.
  const cur = await api('GET', `/api/v1/people/${m.personId}`);
  const stage = cur.json.lifecycleStage as string;
  ledger.stage.set(m.personId, stage);
  if (retry && stage === m.to) {
    ledger.acked.push({ ...m, historyIds: [] });
    return true;
  }
  return false;
}

export async function transitionWorker(
  api: Api,
  people: () => string[],
  ledger: TransitionLedger,
  cycle: number,
  random: () => number,
  stop: Stop,
): Promise<number> {
  let acked = 0;
  while (!stop.killed) {
    try {
      const ids = people();
      if (ids.length === 0) {
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      const personId = ids[Math.floor(random() * ids.length)]!;
      const from = ledger.stage.get(personId) ?? 'lead';
      const to = NEXT[from];
      if (!to || ledger.uncertain.some((m) => m.personId === personId)) {
        // Never spin without yielding: the kill timer runs on this event loop.
        await new Promise((r) => setTimeout(r, 5));
        continue;
      }
      if (await move(api, ledger, { cycle, personId, from, to })) acked++;
    } catch (err) {
      if (!stop.killed) throw err;
    }
  }
  return acked;
}

export async function retryMoves(api: Api, ledger: TransitionLedger): Promise<void> {
  for (const m of [...ledger.uncertain]) {
    ledger.uncertain.splice(ledger.uncertain.indexOf(m), 1);
    await move(api, ledger, m, true);
  }
}

/**
 * For each person moved this cycle: the last stage history row is the current stage, each
 * row starts where the one before ended, and every acknowledged move's rows are there.
 */
export async function checkStages(api: Api, ledger: TransitionLedger): Promise<number> {
  let inconsistent = 0;
  for (const personId of ledger.touched) {
    const person = await api('GET', `/api/v1/people/${personId}`);
    const history = (await api('GET', `/api/v1/people/${personId}/stage-history`)).json.items as {
      id: string;
      fromStage: string | null;
      toStage: string;
    }[];
    const chainBroken = history.some((h, i) => i > 0 && h.fromStage !== history[i - 1]!.toStage);
    const ids = new Set(history.map((h) => h.id));
    const missing = ledger.acked.some(
      (m) =>
        m.personId === personId &&
        (m.historyIds.length > 0
          ? m.historyIds.some((id) => !ids.has(id))
          : !history.some((h) => h.fromStage === m.from && h.toStage === m.to)),
    );
    if (history.at(-1)?.toStage !== person.json.lifecycleStage || chainBroken || missing) inconsistent++;
  }
  ledger.touched.clear();
  return inconsistent;
}

// ---------------------------------------------------------------- jobs

export interface JobLedger {
  /** Acknowledged background recomputes: job id → cycle. */
  recomputes: Map<string, number>;
}

/** Saves the scoring rules in force again with a background recompute: the server queues a job. */
export async function queueRecompute(api: Api, ledger: JobLedger, cycle: number, stop: Stop): Promise<void> {
  try {
    const rules = await api('GET', '/api/v1/scoring/rules');
    const res = await api('PUT', '/api/v1/scoring/rules', {
      expectedVersion: rules.json.version,
      rules: rules.json.rules,
      recompute: 'background',
    });
    if (res.status !== 200) throw new Error(`rules: ${res.status} ${JSON.stringify(res.json)}`);
    ledger.recomputes.set(res.json.recomputeJobId as string, cycle);
  } catch (err) {
    if (!stop.killed) throw err;
  }
}

/**
 * Waits for every acknowledged recompute to finish: a job killed mid-chunk is taken over when
 * its lease (60 s) runs out. Returns the cycles of the jobs that did not finish in time.
 */
export async function awaitRecomputes(api: Api, ledger: JobLedger, withinMs: number): Promise<number[]> {
  const deadline = Date.now() + withinMs;
  const pending = new Set(ledger.recomputes.keys());
  const failed: string[] = [];
  while (pending.size > 0 && Date.now() < deadline) {
    for (const id of [...pending]) {
      const res = await api('GET', `/api/v1/scoring/recompute-jobs/${id}`);
      if (res.json.status === 'done' || res.json.status === 'failed') pending.delete(id);
      if (res.json.status === 'failed') failed.push(id);
    }
    if (pending.size > 0) await new Promise((r) => setTimeout(r, 500));
  }
  return [...pending, ...failed].map((id) => ledger.recomputes.get(id)!);
}

// ---------------------------------------------------------------- the tables, after the run

export interface TableCheck {
  /** Event ids whose request was acknowledged but which are not stored, by the cycle acknowledging them. */
  lostByCycle: Map<number, number>;
  /** Extra rows of event ids stored more than once, by the cycle acknowledging the id (else the last). */
  duplicatesByCycle: Map<number, number>;
  /** People whose last stage history row (by at, seq) is not their current stage. */
  inconsistentStages: number;
  /** Jobs left running with a lease that ran out more than the grace ago. */
  expiredLeases: number;
  /** Jobs sharing a dedupe key, and recomputes that counted more people than exist. */
  jobsDuplicated: number;
}

/** Opens the database the stopped server left (PGlite directory or PostgreSQL) and checks its tables. */
export async function checkTables(
  target: { dataDir: string; databaseUrl?: string | undefined },
  ingest: IngestLedger,
  lastCycle: number,
  graceSeconds: number,
): Promise<TableCheck> {
  const database = await openDatabase({
    dataDir: target.dataDir,
    databaseUrl: target.databaseUrl,
    migrate: false,
  });
  try {
    const db = database.db;
    const stored = new Map<string, number>();
    for (const r of await queryRows<{ key: string; n: number }>(
      db,
      sql`select idempotency_key as key, count(*)::int as n from events group by workspace_id, idempotency_key`,
    ))
      stored.set(r.key, r.n);
    const lostByCycle = new Map<number, number>();
    for (const [id, cycle] of ingest.acked)
      if (!stored.has(id)) lostByCycle.set(cycle, (lostByCycle.get(cycle) ?? 0) + 1);
    const duplicatesByCycle = new Map<number, number>();
    for (const [id, n] of stored) {
      if (n < 2) continue;
      const cycle = ingest.acked.get(id) ?? lastCycle;
      duplicatesByCycle.set(cycle, (duplicatesByCycle.get(cycle) ?? 0) + n - 1);
    }
    const [stages] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from people p
          where p.lifecycle_stage is distinct from (
            select h.to_stage from stage_history h
            where h.workspace_id = p.workspace_id and h.entity_type = 'person' and h.entity_id = p.id
            order by h.at desc, h.seq desc limit 1)`,
    );
    const [leases] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from jobs
          where status = 'running' and locked_until < now() - make_interval(secs => ${graceSeconds})`,
    );
    const [dedupe] = await queryRows<{ n: number }>(
      db,
      sql`select coalesce(sum(n - 1), 0)::int as n from (
            select count(*) as n from jobs where dedupe_key is not null
            group by workspace_id, dedupe_key having count(*) > 1) d`,
    );
    const [overcounted] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from jobs j
          where j.kind = 'scoring.recompute' and j.status = 'done'
            and (j.progress->>'done')::int > (select count(*) from people p where p.workspace_id = j.workspace_id)`,
    );
    return {
      lostByCycle,
      duplicatesByCycle,
      inconsistentStages: stages!.n,
      expiredLeases: leases!.n,
      jobsDuplicated: dedupe!.n + overcounted!.n,
    };
  } finally {
    await database.close();
  }
}
