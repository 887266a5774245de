import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ADMIN } from './baton.ts';

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
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`baton start exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`baton start did not answer within 120 s:\n${output()}`);
}

/** A fresh database on the PostgreSQL server of TEST_DATABASE_URL, dropped afterwards. */
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

export default async function globalSetup(): Promise<() => Promise<void>> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-e2e-'));
  const pgUrl = process.env.TEST_DATABASE_URL;
  const postgres = pgUrl ? await postgresDatabase(pgUrl) : undefined;
  const env: NodeJS.ProcessEnv = { ...process.env, BATON_ADMIN_PASSWORD: ADMIN.password };
  delete env.DATABASE_URL;
  if (postgres) env.DATABASE_URL = postgres.databaseUrl;
  let log = '';
  const child = spawn(
    process.execPath,
    ['bin/baton.js', 'start', '--data-dir', join(dataDir, 'data'), '--port', String(port), '--people', '300'],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (d) => {
    log += d;
  });
  child.stderr?.on('data', (d) => {
    log += d;
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForServer(url, child, () => log);
  process.env.BATON_E2E_URL = url;
  return async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    await postgres?.drop();
  };
}
