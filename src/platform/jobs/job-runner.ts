import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../context.ts';
import type { Db } from '../db/open-database.ts';
import { inTransaction } from '../transaction.ts';
import { retryAt } from './backoff.ts';
import {
  type ClaimedJob,
  claimJobs,
  enqueueJob,
  failJob,
  finishJob,
  pruneJobs,
  workspaceIds,
} from './job-store.ts';

/** What a handler may say when it returns: more work remains (run again soon), and how far it got. */
export interface JobResult {
  again?: boolean;
  progress?: unknown;
}

/**
 * A job handler. It runs inside one transaction with the job's completion, so its database
 * effects happen exactly once even if the process dies mid-run (the transaction rolls back
 * and the job is claimed again when its lease runs out). Effects outside the database
 * (an HTTP call) happen at least once: make them idempotent (webhooks carry a delivery id).
 * Long work returns `{ again: true, progress }` after a chunk, so progress is committed.
 */
export type JobHandler = (
  ctx: RequestContext,
  payload: unknown,
  job: { id: string; attempts: number },
) => Promise<JobResult | undefined>;

/**
 * A handler whose work commits in its own transactions, for long work made of idempotent
 * batches (a score recompute): it runs outside the job's transaction, so its batches can
 * overlap on several connections (and on PGlite's one connection do not wait behind the
 * job's open transaction). The job's progress commits when it returns; if the process dies
 * mid-run, the work since the last committed progress is done again, which must be harmless.
 */
export interface SelfCommittingHandler {
  ownTransactions: true;
  run: JobHandler;
}

/** A check every workspace runs on a fixed interval, enqueued once per slot (dedupe key). */
export interface Schedule {
  kind: string;
  everyMs: number;
}

export interface RunnerOptions {
  handlers: Record<string, JobHandler | SelfCommittingHandler>;
  schedules?: Schedule[];
  workerId?: string;
  /** The clock (tests move it); default the wall clock. */
  now?: () => Date;
  leaseMs?: number;
  pollMs?: number;
  batchSize?: number;
  onError?: (err: unknown, job: ClaimedJob) => void;
}

export class JobRunner {
  readonly workerId: string;
  private readonly now: () => Date;
  private readonly leaseMs: number;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly db: Db,
    private readonly options: RunnerOptions,
  ) {
    this.workerId = options.workerId ?? `worker-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.now = options.now ?? (() => new Date());
    this.leaseMs = options.leaseMs ?? 60_000;
  }

  /** Enqueues this slot of every recurring check for every workspace (idempotent). */
  async schedule(): Promise<void> {
    const now = this.now();
    for (const workspaceId of await workspaceIds(this.db)) {
      for (const s of this.options.schedules ?? []) {
        const slot = Math.floor(now.getTime() / s.everyMs) * s.everyMs;
        await enqueueJob(this.db, {
          workspaceId,
          kind: s.kind,
          runAt: new Date(slot),
          dedupeKey: `${s.kind}@${new Date(slot).toISOString()}`,
          maxAttempts: 3,
        });
      }
    }
  }

  /** Claims and runs due jobs until none is left; returns how many ran. */
  async runDue(): Promise<number> {
    let ran = 0;
    for (;;) {
      const claimed = await claimJobs(
        this.db,
        this.workerId,
        this.now(),
        this.leaseMs,
        this.options.batchSize ?? 10,
      );
      if (claimed.length === 0) return ran;
      for (const job of claimed) {
        await this.runOne(job);
        ran++;
      }
    }
  }

  private async runOne(job: ClaimedJob): Promise<void> {
    const handler = this.options.handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      if (job.attempts > job.maxAttempts) throw new Error(`gave up after ${job.maxAttempts} attempts`);
      const base: RequestContext = {
        workspaceId: job.workspaceId,
        db: this.db,
        now: this.now,
        actor: { type: 'system', userId: null, roles: ['admin'] },
      };
      const meta = { id: job.id, attempts: job.attempts };
      const finish = async (ctx: RequestContext, result: JobResult | undefined) => {
        const kept = await finishJob(ctx.db, job, this.workerId, {
          again: result?.again ?? false,
          progress: result?.progress,
          now: this.now(),
        });
        // Another worker took the job over after our lease ran out: undo our effects (a
        // self-committing handler's own commits stay; the other worker redoes them harmlessly).
        if (!kept) throw new Error('lease lost');
      };
      if (typeof handler === 'function') {
        await inTransaction(base, async (ctx) => finish(ctx, await handler(ctx, job.payload, meta)));
      } else {
        const result = await handler.run(base, job.payload, meta);
        await inTransaction(base, (ctx) => finish(ctx, result));
      }
    } catch (err) {
      this.options.onError?.(err, job);
      const message = err instanceof Error ? err.message : String(err);
      const giveUp = !handler || job.attempts >= job.maxAttempts;
      await failJob(
        this.db,
        job,
        this.workerId,
        message,
        giveUp ? null : retryAt(job.attempts, this.now()),
        this.now(),
      );
    }
  }

  /** Polls until stop(): schedules recurring checks, runs due jobs, prunes old rows. */
  start(): void {
    if (this.loop) return;
    const pollMs = this.options.pollMs ?? 1000;
    this.loop = (async () => {
      let lastPrune = 0;
      while (!this.stopping) {
        try {
          await this.schedule();
          await this.runDue();
          if (this.now().getTime() - lastPrune > 3_600_000) {
            lastPrune = this.now().getTime();
            await pruneJobs(this.db, new Date(lastPrune - 7 * 86_400_000));
          }
        } catch (err) {
          process.stderr.write(`baton jobs: ${err instanceof Error ? err.message : String(err)}\n`);
        }
        if (this.stopping) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    })();
  }

  /** Finishes the job in hand, then stops polling. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }
}
