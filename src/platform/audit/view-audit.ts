import { assertCan } from '../access.ts';
import type { RequestContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { type AuditFilter, type AuditRow, queryAuditRows, queryAuditRowsAscending } from './store.ts';

export interface AuditPage {
  items: AuditRow[];
  nextCursor: string | null;
}

function decodeSeqCursor(cursor: string): number {
  const seq = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(seq) || seq <= 0) {
    throw new DomainError('invalid_input', 'The cursor is not one this API returned.', [
      { path: 'cursor', message: 'pass the nextCursor of the previous page unchanged' },
    ]);
  }
  return seq;
}

/** The audit log, newest first, filtered; admins only (the log holds every record's payloads). */
export async function listAudit(
  ctx: RequestContext,
  filter: AuditFilter,
  page: { limit: number; cursor?: string | undefined },
): Promise<AuditPage> {
  await assertCan(ctx, 'audit', 'read', 'all');
  const before = page.cursor ? decodeSeqCursor(page.cursor) : null;
  const rows = await queryAuditRows(ctx, filter, before, page.limit + 1);
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > page.limit && last ? Buffer.from(String(last.seq)).toString('base64url') : null;
  return { items, nextCursor };
}

/**
 * Every matching row, oldest first, a page at a time (for exports that stream). Access is
 * checked before the first byte, so a refusal is a clean 403 rather than a cut stream.
 */
export async function openAuditExport(
  ctx: RequestContext,
  filter: AuditFilter,
): Promise<AsyncGenerator<AuditRow>> {
  await assertCan(ctx, 'audit', 'read', 'all');
  return exportRows(ctx, filter);
}

async function* exportRows(ctx: RequestContext, filter: AuditFilter): AsyncGenerator<AuditRow> {
  let after = 0;
  for (;;) {
    const rows = await queryAuditRowsAscending(ctx, filter, after, 1000);
    for (const row of rows) yield row;
    if (rows.length < 1000) return;
    after = rows.at(-1)!.seq;
  }
}
