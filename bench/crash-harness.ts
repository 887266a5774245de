/**
 * Crash safety: start `baton start`, drive writes through the API with retrying clients
 * (record creates and updates, tracking batches with client event ids, lead stage moves with
 * expectedStage, background scoring recomputes), SIGKILL the server at a random moment,
 * restart it, and check that every acknowledged write is there exactly once, the audit chain
 * verifies, stage history agrees with the current stage, no job is left behind, and the
 * data-directory lock left by the killed process is recovered. The event, stage and job
 * tables are checked once more after the last cycle, with the server stopped.
 *
 *   node --import tsx bench/crash-harness.ts --cycles 100            # PGlite
 *   node --import tsx bench/crash-harness.ts --cycles 100 --postgres postgres://postgres@127.0.0.1:5432/postgres
 *
 * Prints a table per cycle and writes bench/results/crash.json (or --out).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  type Api,
  awaitRecomputes,
  checkStages,
  checkTables,
  createWriteKey,
  type IngestLedger,
  ingestWorker,
  type JobLedger,
  queueRecompute,
  retryBatches,
  retryMoves,
  type TransitionLedger,
  transitionWorker,
} from './crash-workloads.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface CrashOptions {
  cycles: number;
  /** A PostgreSQL server URL (any database); a fresh database is created on it. Else PGlite. */
  postgresUrl?: string | undefined;
  workers?: number;
  /** Clients posting tracking batches, and clients moving people through lead stages. */
  ingestWorkers?: number;
  transitionWorkers?: number;
  /** Kill between these many milliseconds after the workload starts. */
  killAfterMs?: [number, number];
  seed?: number;
  out?: string | null;
  log?: (line: string) => void;
}

export interface CycleResult {
  cycle: number;
  ackedCreates: number;
  ackedUpdates: number;
  inFlightAtKill: number;
  staleLockFound: boolean;
  restartMs: number;
  lost: number;
  duplicates: number;
  staleUpdates: number;
  auditChainOk: boolean;
  /** Tracking events acknowledged (200) in this cycle; lost or stored twice by the end of the run. */
  ackedEvents: number;
  lostEvents: number;
  duplicateEvents: number;
  /** Stage moves acknowledged; people moved this cycle whose history disagrees after the restart. */
  ackedTransitions: number;
  inconsistentStages: number;
  /** This cycle's recompute job did not finish (or failed) after its lease ran out. */
  jobsStuck: number;
}

const TOTALS = [
  'ackedCreates',
  'ackedUpdates',
  'lost',
  'duplicates',
  'staleUpdates',
  'ackedEvents',
  'lostEvents',
  'duplicateEvents',
  'ackedTransitions',
  'inconsistentStages',
  'jobsStuck',
] as const;
type Totals = Record<(typeof TOTALS)[number], number>;

export interface CrashReport {
  driver: 'pglite' | 'postgres';
  cycles: number;
  /** Sums of the cycles, plus the table checks after the last cycle. */
  totals: Totals;
  /** After the last cycle, server stopped: people whose last history row is not their stage, jobs. */
  final: { inconsistentStages: number; expiredLeases: number; jobsDuplicated: number };
  allOk: boolean;
  results: CycleResult[];
}

/** A small deterministic generator, so a failing run can be replayed with its seed. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

/** A job left running this long after its lease ran out counts as stuck (the runner polls each second). */
const LEASE_GRACE_SECONDS = 15;

const ADMIN = { email: 'crash-admin@baton.example', password: 'crash-harness-password' };

class Server {
  proc: ChildProcess | null = null;
  output = '';
  constructor(
    readonly dataDir: string,
    readonly port: number,
    readonly env: NodeJS.ProcessEnv,
  ) {}

  async start(): Promise<number> {
    const started = Date.now();
    this.output = '';
    this.proc = spawn(
      process.execPath,
      [
        join(ROOT, 'bin/baton.js'),
        'start',
        '--data-dir',
        this.dataDir,
        '--port',
        String(this.port),
        '--empty',
      ],
      {
        cwd: ROOT,
        env: {
          ...this.env,
          BATON_ADMIN_EMAIL: ADMIN.email,
          BATON_ADMIN_PASSWORD: ADMIN.password,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.proc.stdout?.on('data', (d) => {
      this.output += String(d);
    });
    this.proc.stderr?.on('data', (d) => {
      this.output += String(d);
    });
    const exited = new Promise<never>((_, rej) =>
      this.proc?.once('exit', (code) => rej(new Error(`baton start exited (${code}):\n${this.output}`))),
    );
    exited.catch(() => {});
    for (;;) {
      if (Date.now() - started > 180_000)
        throw new Error(`baton start did not come up in 3 minutes:\n${this.output}`);
      const up = await Promise.race([
        fetch(`http://127.0.0.1:${this.port}/healthz`).then(
          (r) => r.ok,
          () => false,
        ),
        exited,
      ]);
      if (up) return Date.now() - started;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null) return;
    const gone = new Promise((r) => proc.once('exit', r));
    proc.kill(signal);
    await gone;
    this.proc = null;
  }
}

async function api(port: number, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function tokenFor(port: number): Promise<string> {
  const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  const cookies = Object.fromEntries(
    login.headers.getSetCookie().map((c) => {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      return [pair!.slice(0, i), pair!.slice(i + 1)];
    }),
  );
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/api-tokens`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: `baton_session=${cookies.baton_session}; baton_csrf=${cookies.baton_csrf}`,
      'x-csrf-token': cookies.baton_csrf!,
    },
    body: JSON.stringify({ name: 'crash harness' }),
  });
  if (res.status !== 201) throw new Error(`token failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

interface Ledger {
  /** Acknowledged people by email: id and the latest acknowledged version/title. */
  acked: Map<string, { id: string; version: number; title: string | null }>;
  /** Sent but not acknowledged (the server died): retried after the restart. */
  uncertain: Set<string>;
}

/** One create with the client's retry rule: a 409 on the email means an earlier try was committed. */
async function createPerson(port: number, token: string, email: string, ledger: Ledger): Promise<boolean> {
  ledger.uncertain.add(email);
  const res = await api(port, token, 'POST', '/api/v1/people', { email, lastName: 'クラッシュ' });
  if (res.status === 201) {
    ledger.acked.set(email, { id: res.json.id as string, version: 1, title: null });
  } else if (res.status === 409) {
    const found = await api(port, token, 'GET', `/api/v1/people?q=${encodeURIComponent(email)}&limit=5`);
    const row = (
      found.json.items as { id: string; email: string; version: number; title: string | null }[]
    ).find((p) => p.email === email);
    if (!row) throw new Error(`409 for ${email} but no such person`);
    ledger.acked.set(email, { id: row.id, version: row.version, title: row.title });
  } else {
    throw new Error(`create ${email}: ${res.status} ${JSON.stringify(res.json)}`);
  }
  ledger.uncertain.delete(email);
  return true;
}

interface Ledgers {
  ingest: IngestLedger;
  moves: TransitionLedger;
  jobs: JobLedger;
}

function apiOf(port: number, token: string): Api {
  return (method, path, body) => api(port, token, method, path, body);
}

async function workload(
  port: number,
  token: string,
  ledger: Ledger,
  more: Ledgers & { ingestWorkers: number; transitionWorkers: number },
  cycle: number,
  workers: number,
  random: () => number,
  stop: { killed: boolean; inFlight?: () => number },
): Promise<{ creates: number; updates: number; events: number; transitions: number }> {
  let creates = 0;
  let updates = 0;
  let inFlight = 0;
  let n = 0;
  const worker = async (w: number) => {
    while (!stop.killed) {
      inFlight++;
      try {
        const known = [...ledger.acked.entries()];
        if (known.length > 0 && random() < 0.3) {
          const [email, rec] = known[Math.floor(random() * known.length)]!;
          const title = `t${cycle}-${w}-${n++}`;
          const res = await api(port, token, 'PATCH', `/api/v1/people/${rec.id}`, {
            version: rec.version,
            title,
          });
          if (res.status === 200) {
            ledger.acked.set(email, { id: rec.id, version: res.json.version as number, title });
            updates++;
          } else if (res.status === 409) {
            const cur = await api(port, token, 'GET', `/api/v1/people/${rec.id}`);
            ledger.acked.set(email, {
              id: rec.id,
              version: cur.json.version as number,
              title: cur.json.title as string | null,
            });
          }
        } else {
          const email = `c${cycle}-w${w}-${n++}-${randomBytes(3).toString('hex')}@crash.example.jp`;
          await createPerson(port, token, email, ledger);
          creates++;
        }
      } catch (err) {
        if (!stop.killed) throw err;
      } finally {
        inFlight--;
      }
    }
  };
  stop.inFlight = () => inFlight;
  const client = apiOf(port, token);
  const people = () => [...ledger.acked.values()].map((p) => p.id);
  const [, events, transitions] = await Promise.all([
    Promise.all([
      ...Array.from({ length: workers }, (_, w) => worker(w)),
      queueRecompute(client, more.jobs, cycle, stop),
    ]),
    Promise.all(
      Array.from({ length: more.ingestWorkers }, (_, w) =>
        ingestWorker(port, more.ingest, cycle, w, random, stop),
      ),
    ),
    Promise.all(
      Array.from({ length: more.transitionWorkers }, () =>
        transitionWorker(client, people, more.moves, cycle, random, stop),
      ),
    ),
  ]);
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  return { creates, updates, events: sum(events), transitions: sum(transitions) };
}

async function verify(port: number, token: string, ledger: Ledger) {
  const seen = new Map<string, { id: string; version: number; title: string | null }[]>();
  let cursor: string | null = null;
  do {
    const page = await api(
      port,
      token,
      'GET',
      `/api/v1/people?limit=200&sort=email${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    for (const p of page.json.items as {
      id: string;
      email: string;
      version: number;
      title: string | null;
    }[]) {
      const list = seen.get(p.email) ?? [];
      list.push(p);
      seen.set(p.email, list);
    }
    cursor = page.json.nextCursor as string | null;
  } while (cursor);
  let lost = 0;
  let duplicates = 0;
  let staleUpdates = 0;
  for (const [email, rec] of ledger.acked) {
    const rows = seen.get(email) ?? [];
    if (rows.length === 0) lost++;
    if (rows.length > 1) duplicates += rows.length - 1;
    const row = rows[0];
    // An acknowledged update must be visible: the stored version is at least the acknowledged one.
    if (row && (row.version < rec.version || (row.version === rec.version && row.title !== rec.title)))
      staleUpdates++;
  }
  const audit = await api(port, token, 'GET', '/api/v1/audit/verify');
  return { lost, duplicates, staleUpdates, auditChainOk: audit.status === 200 && audit.json.broken === null };
}

export async function runCrashHarness(options: CrashOptions): Promise<CrashReport> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const random = rng(options.seed ?? 42);
  const [killMin, killMax] = options.killAfterMs ?? [300, 2500];
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-crash-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  let dbName: string | null = null;
  if (options.postgresUrl) {
    dbName = `baton_crash_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: options.postgresUrl });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const url = new URL(options.postgresUrl);
    url.pathname = `/${dbName}`;
    env.DATABASE_URL = url.toString();
  }
  const server = new Server(dataDir, await freePort(), env);
  const ledger: Ledger = { acked: new Map(), uncertain: new Set() };
  const results: CycleResult[] = [];
  const more: Ledgers = {
    ingest: { writeKey: '', acked: new Map(), uncertain: [], replayable: [] },
    moves: { stage: new Map(), acked: [], uncertain: [], touched: new Set() },
    jobs: { recomputes: new Map() },
  };
  let final: CrashReport['final'] = { inconsistentStages: 0, expiredLeases: 0, jobsDuplicated: 0 };
  try {
    await server.start();
    const token = await tokenFor(server.port);
    more.ingest.writeKey = await createWriteKey(apiOf(server.port, token));
    log(
      'cycle  creates  updates  events  moves  in-flight  stale-lock  restart-ms  lost  dups  stale-upd  bad-stages  audit',
    );
    for (let cycle = 1; cycle <= options.cycles; cycle++) {
      const stop: { killed: boolean; inFlight?: () => number } = { killed: false };
      const run = workload(
        server.port,
        token,
        ledger,
        {
          ...more,
          ingestWorkers: options.ingestWorkers ?? 2,
          transitionWorkers: options.transitionWorkers ?? 2,
        },
        cycle,
        options.workers ?? 4,
        random,
        stop,
      );
      // The random moment is counted from the first acknowledged event and stage move of the
      // cycle, so each kind of write is under way when the kill comes, however slow the start.
      const [events0, moves0, started] = [more.ingest.acked.size, more.moves.acked.length, Date.now()];
      while (
        (more.ingest.acked.size === events0 || more.moves.acked.length === moves0) &&
        Date.now() - started < 30_000
      )
        await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, killMin + random() * (killMax - killMin)));
      stop.killed = true;
      const inFlight = stop.inFlight?.() ?? 0;
      await server.kill('SIGKILL');
      const { creates, updates, events, transitions } = await run;
      const lockFile = join(dataDir, 'baton.lock');
      const staleLockFound = !options.postgresUrl && existsSync(lockFile);
      const restartMs = await server.start();
      if (!options.postgresUrl && readFileSync(lockFile, 'utf8').trim() !== String(server.proc?.pid))
        throw new Error('the restarted server does not hold the data-directory lock');
      // Clients retry what was in flight when the server died.
      for (const email of [...ledger.uncertain]) await createPerson(server.port, token, email, ledger);
      await retryBatches(server.port, more.ingest);
      await retryMoves(apiOf(server.port, token), more.moves);
      const check = await verify(server.port, token, ledger);
      const inconsistentStages = await checkStages(apiOf(server.port, token), more.moves);
      const result: CycleResult = {
        cycle,
        ackedCreates: creates,
        ackedUpdates: updates,
        inFlightAtKill: inFlight,
        staleLockFound,
        restartMs,
        ...check,
        ackedEvents: events,
        lostEvents: 0,
        duplicateEvents: 0,
        ackedTransitions: transitions,
        inconsistentStages,
        jobsStuck: 0,
      };
      results.push(result);
      log(
        [
          String(cycle).padStart(5),
          String(creates).padStart(8),
          String(updates).padStart(8),
          String(events).padStart(7),
          String(transitions).padStart(6),
          String(inFlight).padStart(10),
          String(staleLockFound).padStart(11),
          String(restartMs).padStart(11),
          String(check.lost).padStart(5),
          String(check.duplicates).padStart(5),
          String(check.staleUpdates).padStart(10),
          String(inconsistentStages).padStart(11),
          check.auditChainOk ? '   ok' : ' BROKEN',
        ].join(' '),
      );
    }
    // Every acknowledged recompute finishes: one killed mid-chunk is taken over when its
    // 60-second lease runs out. Then the tables themselves, with the server stopped.
    for (const cycle of await awaitRecomputes(apiOf(server.port, token), more.jobs, 75_000)) {
      const r = results[cycle - 1];
      if (r) r.jobsStuck++;
    }
    await server.kill('SIGTERM');
    const tables = await checkTables(
      { dataDir, databaseUrl: env.DATABASE_URL },
      more.ingest,
      results.length,
      LEASE_GRACE_SECONDS,
    );
    for (const r of results) {
      r.lostEvents = tables.lostByCycle.get(r.cycle) ?? 0;
      r.duplicateEvents = tables.duplicatesByCycle.get(r.cycle) ?? 0;
    }
    final = {
      inconsistentStages: tables.inconsistentStages,
      expiredLeases: tables.expiredLeases,
      jobsDuplicated: tables.jobsDuplicated,
    };
  } finally {
    await server.kill('SIGTERM').catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
    if (dbName && options.postgresUrl) {
      const admin = new pg.Client({ connectionString: options.postgresUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  }
  const totals = Object.fromEntries(TOTALS.map((k) => [k, results.reduce((s, r) => s + r[k], 0)])) as Totals;
  totals.inconsistentStages += final.inconsistentStages;
  totals.jobsStuck += final.expiredLeases + final.jobsDuplicated;
  const report: CrashReport = {
    driver: options.postgresUrl ? 'postgres' : 'pglite',
    cycles: results.length,
    totals,
    final,
    allOk:
      results.every((r) => r.auditChainOk) &&
      (
        [
          'lost',
          'duplicates',
          'staleUpdates',
          'lostEvents',
          'duplicateEvents',
          'inconsistentStages',
          'jobsStuck',
        ] as const
      ).every((k) => totals[k] === 0),
    results,
  };
  log(
    `${report.driver}: ${report.cycles} kill -9 cycles, ${totals.ackedCreates} creates, ${totals.ackedUpdates} updates, ${totals.ackedEvents} events and ${totals.ackedTransitions} stage moves acknowledged; lost ${totals.lost}, duplicates ${totals.duplicates}, stale updates ${totals.staleUpdates}, lost events ${totals.lostEvents}, duplicate events ${totals.duplicateEvents}, inconsistent stages ${totals.inconsistentStages}, stuck jobs ${totals.jobsStuck}: ${report.allOk ? 'OK' : 'FAILED'}`,
  );
  if (options.out !== null) {
    const out = options.out ?? join(ROOT, 'bench/results/crash.json');
    mkdirSync(dirname(out), { recursive: true });
    const existing = existsSync(out)
      ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>)
      : {};
    existing[report.driver] = { ...report, at: new Date().toISOString() };
    writeFileSync(out, `${JSON.stringify(existing, null, 2)}\n`);
  }
  return report;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const report = await runCrashHarness({
    cycles: Number(flag('--cycles') ?? 100),
    postgresUrl: flag('--postgres'),
    workers: Number(flag('--workers') ?? 4),
    ingestWorkers: Number(flag('--ingest-workers') ?? 2),
    transitionWorkers: Number(flag('--transition-workers') ?? 2),
    seed: Number(flag('--seed') ?? 42),
    out: flag('--out'),
  });
  process.exit(report.allOk ? 0 : 1);
}
