import { z } from 'zod';
import { assertCan } from '../platform/access.ts';
import type { RequestContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import type { SelfCommittingHandler } from '../platform/jobs/job-runner.ts';
import { enqueueJob } from '../platform/jobs/job-store.ts';
import { recomputeScores } from './recompute-scores.ts';
import { countPeople, findRecomputeJob } from './store.ts';

export const RECOMPUTE_JOB = 'scoring.recompute';

/**
 * Each claim recomputes batches of people (each its own transaction) for about this long,
 * then commits the job's cursor, so progress shows and a restart resumes. Between slices
 * the two batches in flight drain: shorter slices cost throughput (1.5 s: 62 s for 1M
 * people, 5 s: 47 s).
 */
const SLICE_MS = 5000;
const BATCH = 5000;

const progressSchema = z.object({
  ruleVersion: z.int(),
  done: z.int(),
  total: z.int(),
  mqls: z.int(),
  afterPersonId: z.string().nullable(),
});
type RecomputeProgress = z.infer<typeof progressSchema>;

/** Queues a full recompute for a rule version (once per version); returns the job id. */
export async function enqueueRecompute(ctx: RequestContext, ruleVersion: number): Promise<string> {
  const dedupeKey = `${RECOMPUTE_JOB}@v${ruleVersion}`;
  await enqueueJob(ctx.db, {
    workspaceId: ctx.workspaceId,
    kind: RECOMPUTE_JOB,
    payload: { ruleVersion },
    runAt: ctx.now(),
    dedupeKey,
    maxAttempts: 5,
  });
  const job = await findRecomputeJob(ctx, RECOMPUTE_JOB, { dedupeKey });
  if (!job) throw new Error('the recompute job could not be queued');
  return job.id;
}

/**
 * One slice of people per claim, resuming from the cursor the last slice committed. The
 * batches commit on their own (two in flight): rescoring a batch twice after a crash
 * writes the same scores, and people already moved to mql are not moved again.
 */
export const recomputeJobHandler: SelfCommittingHandler = {
  ownTransactions: true,
  run: async (ctx, _payload, job) => {
    const row = await findRecomputeJob(ctx, RECOMPUTE_JOB, { id: job.id });
    const previous = progressSchema.safeParse(row?.progress);
    const before: RecomputeProgress | null = previous.success ? previous.data : null;
    const result = await recomputeScores(ctx, {
      cursor: before ? { afterPersonId: before.afterPersonId, done: before.done } : undefined,
      batchSize: BATCH,
      budgetMs: SLICE_MS,
    });
    const progress: RecomputeProgress = {
      ruleVersion: result.ruleVersion,
      done: result.cursor.done,
      // Counted once: counting a million people on every slice cost more than the slice.
      total: Math.max(before?.total ?? (await countPeople(ctx)), result.cursor.done),
      mqls: (before?.mqls ?? 0) + result.mqls,
      afterPersonId: result.cursor.afterPersonId,
    };
    return { again: !result.finished, progress };
  },
};

/** Where a recompute job stands, for the screen that started it. */
export async function recomputeJobStatus(ctx: RequestContext, id: string) {
  await assertCan(ctx, 'settings', 'read', 'all');
  const row = await findRecomputeJob(ctx, RECOMPUTE_JOB, { id });
  if (!row) throw notFound('Recompute job', id);
  const parsed = progressSchema.safeParse(row.progress);
  const payload = z.object({ ruleVersion: z.int() }).safeParse(row.payload);
  return {
    id: row.id,
    // Between chunks the job waits as queued; to the reader it is running.
    status: (row.status === 'queued' && parsed.success ? 'running' : row.status) as
      | 'queued'
      | 'running'
      | 'done'
      | 'failed',
    ruleVersion: parsed.success ? parsed.data.ruleVersion : payload.success ? payload.data.ruleVersion : null,
    done: parsed.success ? parsed.data.done : 0,
    total: parsed.success ? parsed.data.total : await countPeople(ctx),
    mqls: parsed.success ? parsed.data.mqls : 0,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}
