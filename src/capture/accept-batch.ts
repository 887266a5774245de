import type { Db } from '../platform/db/open-database.ts';
import { DomainError } from '../platform/errors.ts';
import { groupCommitOf } from './group-commit.ts';
import type { CapturedEvent } from './track-events.ts';
import { batchEnvelopeSchema, hashWriteKey, validateEvents, workspaceOfPublicKey } from './tracking.ts';
import { isTrustedWriteKey } from './write-key-cache.ts';

export interface BatchResultItem {
  index: number;
  status: 'stored' | 'duplicate' | 'rejected';
  eventId?: string | null;
  errors?: { path: string; message: string }[];
}

export interface BatchResult {
  stored: number;
  duplicates: number;
  rejected: number;
  results: BatchResultItem[];
}

/**
 * The public tracking endpoint's use case: authenticate the write key, validate every
 * event, then store the batch (all of it, or with `partial` the valid events) in one
 * transaction, which concurrent requests of the workspace may share (group-commit.ts).
 * A wrong key or a rejected batch stores nothing.
 */
export async function acceptBatch(
  db: Db,
  input: { writeKey: string | undefined; body: unknown; partial: boolean; now?: Date },
): Promise<BatchResult> {
  const now = input.now ?? new Date();
  const envelope = batchEnvelopeSchema.safeParse(input.body);
  const writeKey =
    input.writeKey ??
    (envelope.success ? envelope.data.writeKey : (input.body as { writeKey?: unknown } | null)?.writeKey);
  const workspaceId = typeof writeKey === 'string' ? workspaceOfPublicKey('bwk', writeKey) : null;
  if (!workspaceId || !(await isTrustedWriteKey(db, workspaceId, hashWriteKey(writeKey as string)))) {
    throw new DomainError(
      'unauthenticated',
      'Unknown or revoked write key; copy it again from Settings → Tracking.',
      [{ path: 'writeKey', message: 'send the write key in the X-Baton-Write-Key header or as "writeKey"' }],
    );
  }
  if (!envelope.success) {
    const details = envelope.error.issues.map((i) => ({
      path: i.path.join('.') || 'body',
      message: i.message,
    }));
    throw new DomainError(
      'invalid_input',
      `The batch is invalid: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
      details,
    );
  }
  const { valid, issues } = validateEvents(envelope.data.events, now);
  if (issues.length > 0 && !input.partial) {
    throw new DomainError(
      'invalid_input',
      `${new Set(issues.map((i) => i.index)).size} of ${envelope.data.events.length} events are invalid; nothing was stored. Fix them, or send ?partial=true to store the valid ones.`,
      issues.map((i) => ({ path: i.path, message: i.message })),
    );
  }
  const outcomes = valid.length
    ? await groupCommitOf(db).track(
        workspaceId,
        valid.map((v) => v.event as CapturedEvent),
        now,
      )
    : [];
  const results: BatchResultItem[] = envelope.data.events.map((_, index) => ({ index, status: 'rejected' }));
  valid.forEach((v, i) => {
    const o = outcomes[i]!;
    results[v.index] = { index: v.index, status: o.status, eventId: o.eventId };
  });
  for (const issue of issues) {
    const r = results[issue.index]!;
    r.errors = [...(r.errors ?? []), { path: issue.path, message: issue.message }];
  }
  return {
    stored: results.filter((r) => r.status === 'stored').length,
    duplicates: results.filter((r) => r.status === 'duplicate').length,
    rejected: results.filter((r) => r.status === 'rejected').length,
    results,
  };
}
