import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.ts';
import { newWorkspace } from '../../test/factories.ts';
import { appendAudit, listAuditRows } from './audit/store.ts';
import { verifyAuditChain } from './audit/verify-audit.ts';
import type { RequestContext } from './context.ts';
import type { Database } from './db/open-database.ts';
import { inTransaction } from './transaction.ts';

let database: Database;
let ctx: RequestContext;
beforeAll(async () => {
  database = await createTestDatabase();
  ({ ctx } = await newWorkspace(database));
});
afterAll(() => database.close());

const actions = async () => (await listAuditRows(ctx, 0, 1000)).map((r) => r.action);

describe('writes made at commit', () => {
  it('chains audit rows appended in one transaction in order, and drops those of a failed savepoint', async () => {
    const before = await actions();
    await inTransaction(ctx, async (tx) => {
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
    expect((await verifyAuditChain(ctx)).broken).toBeNull();
  });

  it('writes nothing when the transaction fails', async () => {
    const before = await actions();
    await expect(
      inTransaction(ctx, async (tx) => {
        await appendAudit(tx, { action: 'test.lost', entityType: 'test', entityId: null });
        throw new Error('use case fails');
      }),
    ).rejects.toThrow('use case fails');
    expect(await actions()).toEqual(before);
  });

  it('writes at once outside a transaction', async () => {
    await appendAudit(ctx, { action: 'test.direct', entityType: 'test', entityId: null });
    expect((await actions()).at(-1)).toBe('test.direct');
  });
});
