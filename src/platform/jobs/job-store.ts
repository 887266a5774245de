import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { queryRows } from '../db/query-rows.ts';
import { jobs } from '../schema.ts';

export type JobRow = typeof jobs.$inferSelect;

export interface NewJob {
  workspaceId: string;
  kind: string;
  payload?: unknown;
  runAt: Date;
  /** Enqueueing twice with one key makes one job (recurring slots, one delivery per event). */
  dedupeKey?: string | null;
  maxAttempts?: number;
}

/** Adds a job unless one with the same dedupe key exists; true if this call added it. */
export async function enqueueJob(db: Db, job: NewJob): Promise<boolean> {
  const rows = await db
    .insert(jobs)
    .values({
      workspaceId: job.workspaceId,
      id: randomUUID(),
      kind: job.kind,
      payload: job.payload ?? {},
      runAt: job.runAt,
      dedupeKey: job.dedupeKey ?? null,
      maxAttempts: job.maxAttempts ?? 10,
      createdAt: job.runAt,
    })
    .onConflictDoNothing()
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** A claimed job as the runner sees it. */
export interface ClaimedJob {
  workspaceId: string;
  id: string;
  kind: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

/**
 * Claims up to `limit` due jobs for one worker: queued ones whose time has come, and
 * running ones whose lease ran out (their worker died). SKIP LOCKED lets many workers
 * poll one table without waiting on each other; the lease is committed at once.
 */
export function claimJobs(db: Db, workerId: string, now: Date, leaseMs: number, limit: number) {
  const until = new Date(now.getTime() + leaseMs).toISOString();
  return queryRows<ClaimedJob & Record<string, unknown>>(
    db,
    sql`update jobs j set status = 'running', attempts = j.attempts + 1, locked_by = ${workerId},
          locked_until = ${until}::timestamptz
        from (
          select workspace_id, id from jobs
          where (status = 'queued' and run_at <= ${now.toISOString()}::timestamptz)
             or (status = 'running' and locked_until < ${now.toISOString()}::timestamptz)
          order by run_at
          limit ${limit}
          for update skip locked
        ) c
        where j.workspace_id = c.workspace_id and j.id = c.id
        returning j.workspace_id as "workspaceId", j.id, j.kind, j.payload, j.attempts,
          j.max_attempts as "maxAttempts"`,
  );
}

/** Finishes a claimed job (done, or queued again for its next chunk); false if the lease was lost. */
export async function finishJob(
  db: Db,
  job: ClaimedJob,
  workerId: string,
  outcome: { again: boolean; progress: unknown; now: Date },
): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set(
      outcome.again
        ? {
            status: 'queued',
            runAt: outcome.now,
            // A chunk that made progress is not a failed attempt.
            attempts: job.attempts - 1,
            progress: outcome.progress ?? null,
            lockedBy: null,
            lockedUntil: null,
          }
        : {
            status: 'done',
            finishedAt: outcome.now,
            progress: outcome.progress ?? null,
            lockedBy: null,
            lockedUntil: null,
            lastError: null,
          },
    )
    .where(
      and(
        eq(jobs.workspaceId, job.workspaceId),
        eq(jobs.id, job.id),
        eq(jobs.lockedBy, workerId),
        eq(jobs.status, 'running'),
      ),
    )
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Records a failed attempt: queued again after `retryAt`, or failed for good. */
export async function failJob(
  db: Db,
  job: ClaimedJob,
  workerId: string,
  error: string,
  retryAt: Date | null,
  now: Date,
): Promise<void> {
  await db
    .update(jobs)
    .set(
      retryAt
        ? { status: 'queued', runAt: retryAt, lastError: error, lockedBy: null, lockedUntil: null }
        : { status: 'failed', finishedAt: now, lastError: error, lockedBy: null, lockedUntil: null },
    )
    .where(and(eq(jobs.workspaceId, job.workspaceId), eq(jobs.id, job.id), eq(jobs.lockedBy, workerId)));
}

/** Finished jobs older than `before` are deleted (recurring checks leave one row per run). */
export async function pruneJobs(db: Db, before: Date): Promise<void> {
  await db.execute(
    sql`delete from jobs where status in ('done', 'failed') and finished_at < ${before.toISOString()}::timestamptz`,
  );
}

export async function workspaceIds(db: Db): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(db, sql`select id from workspaces`);
  return rows.map((r) => r.id);
}

export function listJobs(db: Db, workspaceId: string, kind?: string): Promise<JobRow[]> {
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.workspaceId, workspaceId), kind ? eq(jobs.kind, kind) : undefined));
}
