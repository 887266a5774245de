import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { assertCan } from '../platform/access.ts';
import type { RequestContext } from '../platform/context.ts';
import { DomainError, type ErrorDetail, notFound } from '../platform/errors.ts';
import type { ImportFormat } from './import-formats.ts';
import { type ImportReport, importPeople } from './import-people.ts';

/** An upload being checked or imported after the request that sent it has been answered. */
export interface ImportRun {
  id: string;
  format: ImportFormat;
  dryRun: boolean;
  skipInvalid: boolean;
  status: 'running' | 'done' | 'failed';
  /** checking: pass 1 validates every line; importing: pass 2 writes (one transaction). */
  /** `importing` while the file is read, checked and written (one pass), then null. */
  phase: 'importing' | null;
  bytesDone: number;
  totalBytes: number;
  startedAt: Date;
  finishedAt: Date | null;
  report: ImportReport | null;
  error: { code: string; message: string; details: ErrorDetail[] } | null;
}

interface Entry {
  workspaceId: string;
  userId: string | null;
  run: ImportRun;
}

/**
 * Runs live in this process: their progress changes while pass 2 holds its transaction,
 * which no other connection could read (and PGlite's single connection could not even
 * write), so it is kept in memory. Finished runs are forgotten after an hour; the audit
 * log keeps every committed import.
 */
const runs = new Map<string, Entry>();
const KEEP_MS = 3_600_000;
const MAX_RUNS = 200;

function forgetOld(now: number): void {
  for (const [id, e] of runs) {
    const ended = e.run.finishedAt?.getTime();
    if (ended !== undefined && now - ended > KEEP_MS) runs.delete(id);
  }
  while (runs.size >= MAX_RUNS) {
    const oldest = runs.keys().next().value;
    if (oldest === undefined) break;
    runs.delete(oldest);
  }
}

/** Starts checking (and unless a dry run, importing) a CSV in the background; the run is returned at once. */
export async function startImportRun(
  ctx: RequestContext,
  input: { format: ImportFormat; text: string; dryRun: boolean; skipInvalid: boolean },
): Promise<ImportRun> {
  await assertCan(ctx, 'people', 'write', 'all');
  forgetOld(Date.now());
  const totalBytes = Buffer.byteLength(input.text);
  const run: ImportRun = {
    id: randomUUID(),
    format: input.format,
    dryRun: input.dryRun,
    skipInvalid: input.skipInvalid,
    status: 'running',
    phase: 'importing',
    bytesDone: 0,
    totalBytes,
    startedAt: new Date(),
    finishedAt: null,
    report: null,
    error: null,
  };
  runs.set(run.id, { workspaceId: ctx.workspaceId, userId: ctx.actor.userId, run });
  const view = { ...run };
  void importPeople(ctx, {
    format: input.format,
    open: () => Readable.from([input.text]),
    dryRun: input.dryRun,
    skipInvalid: input.skipInvalid,
    totalBytes,
    progress: {
      start: () => {
        run.bytesDone = 0;
      },
      update: (done) => {
        run.bytesDone = Math.min(done, totalBytes);
      },
      stop: () => {},
    },
  }).then(
    (report) => {
      run.report = report;
      run.status = 'done';
      run.phase = null;
      run.bytesDone = totalBytes;
      run.finishedAt = new Date();
    },
    (err: unknown) => {
      run.error =
        err instanceof DomainError
          ? { code: err.code, message: err.message, details: err.details }
          : {
              code: 'internal',
              message: 'The import failed unexpectedly; nothing was imported.',
              details: [],
            };
      run.status = 'failed';
      run.phase = null;
      run.finishedAt = new Date();
    },
  );
  return view;
}

/** A run of this workspace, started by the same user (or read by an admin). */
export async function importRunOf(ctx: RequestContext, id: string): Promise<ImportRun> {
  await assertCan(ctx, 'people', 'write', 'all');
  const entry = runs.get(id);
  const mine =
    entry &&
    entry.workspaceId === ctx.workspaceId &&
    (entry.userId === ctx.actor.userId || ctx.actor.roles.includes('admin'));
  if (!entry || !mine) throw notFound('Import run', id);
  return { ...entry.run };
}
