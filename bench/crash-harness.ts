/**
 * Crash safety: start `baton start`, drive writes through the API with retrying clients,
 * SIGKILL the server at a random moment, restart it, and check that every acknowledged
 * write is there exactly once, the audit chain verifies, and the data-directory lock left
 * by the killed process is recovered.
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

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface CrashOptions {
  cycles: number;
  /** A PostgreSQL server URL (any database); a fresh database is created on it. Else PGlite. */
  postgresUrl?: string | undefined;
  workers?: number;
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
}

export interface CrashReport {
  driver: 'pglite' | 'postgres';
  cycles: number;
  totals: {
    ackedCreates: number;
    ackedUpdates: number;
    lost: number;
    duplicates: number;
    staleUpdates: number;
  };
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

async function workload(
  port: number,
  token: string,
  ledger: Ledger,
  cycle: number,
  workers: number,
  random: () => number,
  stop: { killed: boolean; inFlight?: () => number },
): Promise<{ creates: number; updates: number }> {
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
  await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  return { creates, updates };
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
  try {
    await server.start();
    const token = await tokenFor(server.port);
    log('cycle  creates  updates  in-flight  stale-lock  restart-ms  lost  dups  stale-upd  audit');
    for (let cycle = 1; cycle <= options.cycles; cycle++) {
      const stop: { killed: boolean; inFlight?: () => number } = { killed: false };
      const run = workload(server.port, token, ledger, cycle, options.workers ?? 4, random, stop);
      await new Promise((r) => setTimeout(r, killMin + random() * (killMax - killMin)));
      stop.killed = true;
      const inFlight = stop.inFlight?.() ?? 0;
      await server.kill('SIGKILL');
      const { creates, updates } = await run;
      const lockFile = join(dataDir, 'baton.lock');
      const staleLockFound = !options.postgresUrl && existsSync(lockFile);
      const restartMs = await server.start();
      if (!options.postgresUrl && readFileSync(lockFile, 'utf8').trim() !== String(server.proc?.pid))
        throw new Error('the restarted server does not hold the data-directory lock');
      // Clients retry what was in flight when the server died.
      for (const email of [...ledger.uncertain]) await createPerson(server.port, token, email, ledger);
      const check = await verify(server.port, token, ledger);
      const result: CycleResult = {
        cycle,
        ackedCreates: creates,
        ackedUpdates: updates,
        inFlightAtKill: inFlight,
        staleLockFound,
        restartMs,
        ...check,
      };
      results.push(result);
      log(
        [
          String(cycle).padStart(5),
          String(creates).padStart(8),
          String(updates).padStart(8),
          String(inFlight).padStart(10),
          String(staleLockFound).padStart(11),
          String(restartMs).padStart(11),
          String(check.lost).padStart(5),
          String(check.duplicates).padStart(5),
          String(check.staleUpdates).padStart(10),
          check.auditChainOk ? '   ok' : ' BROKEN',
        ].join(' '),
      );
    }
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
  const sum = (k: 'ackedCreates' | 'ackedUpdates' | 'lost' | 'duplicates' | 'staleUpdates') =>
    results.reduce((s, r) => s + r[k], 0);
  const report: CrashReport = {
    driver: options.postgresUrl ? 'postgres' : 'pglite',
    cycles: results.length,
    totals: {
      ackedCreates: sum('ackedCreates'),
      ackedUpdates: sum('ackedUpdates'),
      lost: sum('lost'),
      duplicates: sum('duplicates'),
      staleUpdates: sum('staleUpdates'),
    },
    allOk: results.every((r) => r.lost === 0 && r.duplicates === 0 && r.staleUpdates === 0 && r.auditChainOk),
    results,
  };
  log(
    `${report.driver}: ${report.cycles} kill -9 cycles, ${report.totals.ackedCreates} creates and ${report.totals.ackedUpdates} updates acknowledged; lost ${report.totals.lost}, duplicates ${report.totals.duplicates}, stale updates ${report.totals.staleUpdates}: ${report.allOk ? 'OK' : 'FAILED'}`,
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
    seed: Number(flag('--seed') ?? 42),
    out: flag('--out'),
  });
  process.exit(report.allOk ? 0 : 1);
}
