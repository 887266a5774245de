import { describe, expect, it } from 'vitest';
import { workspaceForFile } from '../../test/factories.ts';
import { appendAudit, listAuditRows } from './audit/store.ts';
import { verifyAuditChain } from './audit/verify-audit.ts';
import { inTransaction } from './transaction.ts';

const t = workspaceForFile();

const actions = async () => (await listAuditRows(t.ctx, 0, 1000)).map((r) => r.action);

describe('writes made at commit', () => {
  it('chains audit rows appended in one transaction in order, and drops those of a failed savepoint', async () => {
    const before = await actions();
    await inTransaction(t.ctx, async (tx) => {
      await appendAudit(tx, { action: 'test.first', entityType: 'test', entityId: null });
      await inTransaction(tx, async (inner) => {
        await appendAudit(inner, { action: 'test.kept', entityType: 'test', entityId: null });
      });
      await inTransaction(tx, async (inner) => {
        await appendAudit(inner, { action: 'test.undone', entityType: 'test', entityId: null });
        throw new Error('inner fails');
      }).catch(() => {});
      await appendAudit(tx, { action: 'test.last', entityType: 'test', entityId: null });
    });
    expect((await actions()).slice(before.length)).toEqual(['test.first', 'test.kept', 'test.last']);
    expect((await verifyAuditChain(t.ctx)).broken).toBeNull();
  });

  it('writes nothing when the transaction fails', async () => {
    const before = await actions();
    await expect(
      inTransaction(t.ctx, async (tx) => {
        await appendAudit(tx, { action: 'test.lost', entityType: 'test', entityId: null });
        throw new Error('use case fails');
      }),
    ).rejects.toThrow('use case fails');
    expect(await actions()).toEqual(before);
  });

  it('writes at once outside a transaction', async () => {
    await appendAudit(t.ctx, { action: 'test.direct', entityType: 'test', entityId: null });
    expect((await actions()).at(-1)).toBe('test.direct');
  });
});
