import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForServer(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`baton start exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`baton start did not answer within 600 s:\n${output()}`);
}

/** A fresh database on the PostgreSQL server of `url`, dropped by `drop`. */
async function postgresDatabase(url: string): Promise<{ databaseUrl: string; drop: () => Promise<void> }> {
  const name = `baton_e2e_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    databaseUrl: target.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/**
 * A real `baton start` on a free port with a demo workspace of `people`, on a new PGlite
 * directory or, given `postgresUrl`, on a new database of that server.
 */
export async function startBaton(options: {
  people: number;
  adminPassword: string;
  postgresUrl?: string | undefined;
}): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-e2e-'));
  const postgres = options.postgresUrl ? await postgresDatabase(options.postgresUrl) : undefined;
  const env: NodeJS.ProcessEnv = { ...process.env, BATON_ADMIN_PASSWORD: options.adminPassword };
  delete env.DATABASE_URL;
  if (postgres) env.DATABASE_URL = postgres.databaseUrl;
  let log = '';
  const args = [
    'start',
    '--data-dir',
    join(dataDir, 'data'),
    '--port',
    String(port),
    '--people',
    String(options.people),
  ];
  const child = spawn(process.execPath, ['bin/baton.js', ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    log += d;
  });
  child.stderr?.on('data', (d) => {
    log += d;
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(url, child, () => log);
  } catch (err) {
    child.kill('SIGKILL');
    await postgres?.drop();
    throw err;
  }
  return {
    url,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      await postgres?.drop();
    },
  };
}
