import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db.ts';
import { newWorkspace } from '../../../test/factories.ts';
import type { RequestContext } from '../context.ts';
import { type Database, openDatabase } from '../db/open-database.ts';
import { insertNotifications, listNotifications } from '../notifications/store.ts';
import { inTransaction } from '../transaction.ts';
import { retryDelayMs } from './backoff.ts';
import { type JobHandler, JobRunner } from './job-runner.ts';
import { claimJobs, enqueueJob, listJobs } from './job-store.ts';

let database: Database;
let ctx: RequestContext;
let clock: Date;

beforeEach(async () => {
  database = await createTestDatabase();
  ctx = (await newWorkspace(database)).ctx;
  clock = new Date('2026-06-01T00:00:00Z');
});
afterEach(() => database.close());

const effect: JobHandler = async (c) => {
  await insertNotifications(c, [
    { userId: ctx.actor.userId!, kind: 'test', title: 'effect', dedupeKey: 'effect' },
  ]);
  return undefined;
};
const effects = async () => (await listNotifications(ctx, ctx.actor.userId!, { limit: 10 })).length;
const enqueue = (kind: string, extra: { maxAttempts?: number; dedupeKey?: string } = {}) =>
  enqueueJob(database.db, { workspaceId: ctx.workspaceId, kind, runAt: clock, ...extra });

describe('jobs runner', () => {
  it('retries a failing job with exponential backoff, then succeeds once', async () => {
    let calls = 0;
    const runner = new JobRunner(database.db, {
      now: () => clock,
      handlers: {
        flaky: async (c, p, job) => {
          calls++;
          if (job.attempts < 3) throw new Error(`boom ${job.attempts}`);
          return effect(c, p, job);
        },
      },
    });
    await enqueue('flaky');
    expect(await runner.runDue()).toBe(1);
    expect(await runner.runDue()).toBe(0); // not due before the backoff
    clock = new Date(clock.getTime() + retryDelayMs(1));
    await runner.runDue();
    clock = new Date(clock.getTime() + retryDelayMs(2));
    await runner.runDue();
    const [job] = await listJobs(database.db, ctx.workspaceId, 'flaky');
    expect(job).toMatchObject({ status: 'done', attempts: 3, lastError: null });
    expect(calls).toBe(3);
    expect(await effects()).toBe(1);
  });

  it('gives up after maxAttempts and keeps the last error', async () => {
    const runner = new JobRunner(database.db, {
      now: () => clock,
      handlers: { broken: async () => Promise.reject(new Error('always')) },
    });
    await enqueue('broken', { maxAttempts: 2 });
    await runner.runDue();
    clock = new Date(clock.getTime() + 3_600_000);
    await runner.runDue();
    const [job] = await listJobs(database.db, ctx.workspaceId, 'broken');
    expect(job).toMatchObject({ status: 'failed', attempts: 2, lastError: 'always' });
  });

  it('enqueues a recurring check once per slot, however often it is scheduled', async () => {
    const runner = new JobRunner(database.db, {
      now: () => clock,
      handlers: { tick: async () => undefined },
      schedules: [{ kind: 'tick', everyMs: 60_000 }],
    });
    await runner.schedule();
    await runner.schedule();
    expect(await listJobs(database.db, ctx.workspaceId, 'tick')).toHaveLength(1);
    clock = new Date(clock.getTime() + 60_000);
    await runner.schedule();
    expect(await listJobs(database.db, ctx.workspaceId, 'tick')).toHaveLength(2);
  });

  it('a job whose worker vanished is claimed again after its lease, and its effect happens once', async () => {
    await enqueue('effect');
    const claimed = await claimJobs(database.db, 'vanished', clock, 60_000, 10);
    expect(claimed).toHaveLength(1);
    const runner = new JobRunner(database.db, { now: () => clock, handlers: { effect } });
    expect(await runner.runDue()).toBe(0); // still leased
    clock = new Date(clock.getTime() + 61_000);
    expect(await runner.runDue()).toBe(1);
    const [job] = await listJobs(database.db, ctx.workspaceId, 'effect');
    expect(job).toMatchObject({ status: 'done', attempts: 2 });
    expect(await effects()).toBe(1);
  });

  it('chunked work reports progress and runs again without counting a failure', async () => {
    let left = 3;
    const runner = new JobRunner(database.db, {
      now: () => clock,
      handlers: { chunks: async () => ({ again: --left > 0, progress: { left } }) },
    });
    await enqueue('chunks');
    await runner.runDue();
    const [job] = await listJobs(database.db, ctx.workspaceId, 'chunks');
    expect(job).toMatchObject({ status: 'done', attempts: 1, progress: { left: 0 } });
  });

  it('a self-committing handler runs outside the job transaction: its commits stay when the job then fails', async () => {
    let inside: boolean | null = null;
    const runner = new JobRunner(database.db, {
      now: () => clock,
      handlers: {
        own: {
          ownTransactions: true,
          run: async (c, p, job) => {
            inside = c.commitWrites !== undefined;
            await inTransaction(c, (tx) => effect(tx, p, job));
            throw new Error('after its own commit');
          },
        },
        slices: {
          ownTransactions: true,
          run: async () => ({ again: false, progress: { done: 1 } }),
        },
      },
    });
    await enqueue('own', { maxAttempts: 1 });
    await enqueue('slices');
    await runner.runDue();
    expect(inside).toBe(false);
    expect(await effects()).toBe(1);
    expect((await listJobs(database.db, ctx.workspaceId, 'own'))[0]).toMatchObject({
      status: 'failed',
      lastError: 'after its own commit',
    });
    expect((await listJobs(database.db, ctx.workspaceId, 'slices'))[0]).toMatchObject({
      status: 'done',
      progress: { done: 1 },
    });
  });
});

describe('a killed worker', () => {
  it('SIGKILL mid-job: after restart the job runs again and its effect happens once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-jobs-'));
    try {
      let db = await openDatabase({ dataDir: dir });
      const ws = await newWorkspace(db);
      const userId = ws.adminUserId;
      await enqueueJob(db.db, { workspaceId: ws.workspace.id, kind: 'test.effect', runAt: new Date() });
      await db.close();

      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          fileURLToPath(new URL('../../../test/jobs-child.ts', import.meta.url)),
          dir,
          userId,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('RUNNING')) {
            child.kill('SIGKILL');
            resolve();
          }
        });
        child.on('exit', (code) => reject(new Error(`worker exited early (${code})`)));
      });
      await new Promise((r) => child.once('exit', r));

      db = await openDatabase({ dataDir: dir });
      const later = new Date(Date.now() + 31_000);
      const c: RequestContext = { ...ws.ctx, db: db.db, now: () => later };
      expect(await listNotifications(c, userId, { limit: 10 })).toHaveLength(0);
      const runner = new JobRunner(db.db, {
        now: () => later,
        handlers: {
          'test.effect': async (jc) => {
            await insertNotifications(jc, [{ userId, kind: 'test', title: 'effect', dedupeKey: 'effect' }]);
            return undefined;
          },
        },
      });
      expect(await runner.runDue()).toBe(1);
      const [job] = await listJobs(db.db, ws.workspace.id, 'test.effect');
      expect(job).toMatchObject({ status: 'done', attempts: 2 });
      expect(await listNotifications(c, userId, { limit: 10 })).toHaveLength(1);
      await db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
