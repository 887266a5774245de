import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabaseUrl, onPostgres } from '../db.ts';

const bin = join(import.meta.dirname, '../../bin/baton.js');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function start(
  args: string[],
  databaseUrl = '',
): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let out = '';
  const child = spawn(process.execPath, [bin, 'start', ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, BATON_ADMIN_PASSWORD: 'demo-password-123' },
  });
  children.push(child);
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The embedded database's lock is a PGlite concern; the PostgreSQL run covers the server path elsewhere.
describe.skipIf(onPostgres)('baton start on a data directory', { timeout: 400_000 }, () => {
  it('serves the demo, refuses a second starter naming the lock, and recovers after kill -9', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'baton-start-')), 'nested', 'data');
    const port = await freePort();
    const first = start(['--data-dir', dataDir, '--port', String(port), '--people', '60', '--months', '2']);
    await waitFor(() => first.output().includes('listening'), 180_000);
    expect(first.output()).toContain('admin@demo.baton.example');

    const unauth = await fetch(`http://127.0.0.1:${port}/api/v1/people`);
    expect(unauth.status).toBe(401);
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.baton.example', password: 'demo-password-123' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const people = await listPeople(`http://127.0.0.1:${port}/api/v1/people?limit=5`, cookie);
    expect(people.items).toHaveLength(5);

    const second = start(['--data-dir', dataDir, '--port', String(await freePort())]);
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toContain(`pid ${first.child.pid}`);
    expect(second.output()).toContain('baton.lock');

    first.child.kill('SIGKILL');
    await first.exited;
    const third = start(['--data-dir', dataDir, '--port', String(port)]);
    await waitFor(() => third.output().includes('listening'), 180_000);
    const again = await listPeople(`http://127.0.0.1:${port}/api/v1/people?limit=1`, cookie);
    expect(again.items).toHaveLength(1);
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  });
});

async function listPeople(url: string, cookie: string): Promise<{ items: unknown[] }> {
  return (await (await fetch(url, { headers: { cookie } })).json()) as { items: unknown[] };
}

async function signIn(port: number): Promise<string> {
  const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.baton.example', password: 'demo-password-123' }),
  });
  expect(login.status).toBe(200);
  return login.headers.get('set-cookie')!.split(';')[0]!;
}

// Needs a PostgreSQL server to point DATABASE_URL at: runs in the PostgreSQL pass of
// .ci/run (TEST_DATABASE_URL); each pass of the suite runs exactly one of these two blocks.
describe.runIf(onPostgres)('baton start with DATABASE_URL', { timeout: 400_000 }, () => {
  it('migrates the server database, builds the demo and serves it; a restart keeps the data', async () => {
    const db = await createTestDatabaseUrl();
    try {
      const port = await freePort();
      const first = start(['--port', String(port), '--people', '60', '--months', '2'], db.url);
      await waitFor(() => first.output().includes('listening'), 180_000);
      expect(first.output()).toContain('postgres');
      const cookie = await signIn(port);
      const people = await listPeople(`http://127.0.0.1:${port}/api/v1/people?limit=5`, cookie);
      expect(people.items).toHaveLength(5);
      first.child.kill('SIGKILL');
      await first.exited;
      const second = start(['--port', String(port)], db.url);
      await waitFor(() => second.output().includes('listening'), 180_000);
      expect(second.output()).not.toContain('building the demo');
      const again = await listPeople(`http://127.0.0.1:${port}/api/v1/people?limit=1`, cookie);
      expect(again.items).toHaveLength(1);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      await db.drop();
    }
  });
});
