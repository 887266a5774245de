import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from './lock.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'baton-lock-'));

describe('data directory lock', () => {
  it('creates missing parent folders and refuses a second holder in the same process', () => {
    const d = join(dir(), 'a', 'b', 'c');
    const lock = acquireDataDirLock(d);
    expect(readFileSync(lock.path, 'utf8').trim()).toBe(String(process.pid));
    expect(() => acquireDataDirLock(d)).toThrow(DataDirLockedError);
    lock.release();
    acquireDataDirLock(d).release();
  });

  it('names the live holder pid and recovers a lock left by a killed process', async () => {
    const d = dir();
    // A live process that is not us: its pid in the lock file means "in use".
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    writeFileSync(join(d, 'baton.lock'), `${sleeper.pid}\n`);
    try {
      acquireDataDirLock(d);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DataDirLockedError);
      expect((err as Error).message).toContain(`pid ${sleeper.pid}`);
      expect((err as Error).message).toContain(join(d, 'baton.lock'));
    }
    sleeper.kill('SIGKILL');
    await new Promise((r) => sleeper.once('exit', r));
    const lock = acquireDataDirLock(d);
    expect(readFileSync(lock.path, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });

  it('treats an empty or garbled lock file as stale', () => {
    const d = dir();
    writeFileSync(join(d, 'baton.lock'), 'not a pid');
    acquireDataDirLock(d).release();
  });
});
