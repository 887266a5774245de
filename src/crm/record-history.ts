import { queryAuditRowsAscending } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { type FieldChange, fieldChanges } from './field-history.ts';
import { accountUseCases } from './manage-accounts.ts';
import { peopleUseCases } from './manage-people.ts';

export interface HistoryEntry {
  at: Date;
  action: string;
  actorType: string;
  actorId: string | null;
  reason: string | null;
  changes: FieldChange[];
}

/** A record's field history from its audit rows, oldest first; visible to whoever may read the record. */
async function historyOf(ctx: RequestContext, entityType: string, id: string): Promise<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  let after = 0;
  for (;;) {
    const rows = await queryAuditRowsAscending(ctx, { entityType, entityId: id }, after, 1000);
    for (const r of rows) {
      entries.push({
        at: r.at,
        action: r.action,
        actorType: r.actorType,
        actorId: r.actorId,
        reason: r.reason,
        changes: fieldChanges(r.before, r.after),
      });
    }
    if (rows.length < 1000) return entries;
    after = rows.at(-1)!.seq;
  }
}

export async function personHistory(ctx: RequestContext, id: string): Promise<HistoryEntry[]> {
  await peopleUseCases.get(ctx, id);
  return historyOf(ctx, 'person', id);
}

export async function accountHistory(ctx: RequestContext, id: string): Promise<HistoryEntry[]> {
  await accountUseCases.get(ctx, id);
  return historyOf(ctx, 'account', id);
}
