import { assertCan } from '../access.ts';
import type { RequestContext } from '../context.ts';
import { type ChainBreak, checkChainRow } from './audit-chain.ts';
import { listAuditRows } from './store.ts';

export interface AuditVerification {
  rows: number;
  redacted: number;
  /** The first row that does not check out, or null when the whole chain is intact. */
  broken: (ChainBreak & { action: string; at: Date }) | null;
}

/** Re-computes the workspace's audit hash chain, a page at a time, from its first row. */
export async function verifyAuditChain(ctx: RequestContext, pageSize = 2000): Promise<AuditVerification> {
  await assertCan(ctx, 'audit', 'read', 'all');
  let prev: string | null = null;
  let afterSeq = 0;
  let rows = 0;
  let redacted = 0;
  for (;;) {
    const page = await listAuditRows(ctx, afterSeq, pageSize);
    for (const row of page) {
      const broken = checkChainRow(row, prev);
      if (broken) return { rows, redacted, broken: { ...broken, action: row.action, at: row.at } };
      rows++;
      if (row.redactedAt) redacted++;
      prev = row.hash;
      afterSeq = row.seq;
    }
    if (page.length < pageSize) return { rows, redacted, broken: null };
  }
}
