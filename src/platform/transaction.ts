import { CommitWrites } from './commit-writes.ts';
import type { RequestContext } from './context.ts';
import type { Db } from './db/open-database.ts';

/**
 * Runs a use case's writes in one transaction: the same context, its `db` bound to the
 * transaction. A thrown error rolls everything back, audit rows included. Writes queued
 * with `atCommit` are made at the end, inside the transaction; a nested call is a
 * savepoint whose queued writes are dropped with it when it fails.
 */
export async function inTransaction<T>(
  ctx: RequestContext,
  work: (tx: RequestContext) => Promise<T>,
): Promise<T> {
  const outer = ctx.commitWrites;
  if (outer) {
    const mark = outer.mark();
    try {
      const result = await ctx.db.transaction((tx) => work({ ...ctx, db: tx as unknown as Db }));
      outer.release();
      return result;
    } catch (err) {
      outer.rollbackTo(mark);
      throw err;
    }
  }
  return ctx.db.transaction(async (tx) => {
    const txCtx: RequestContext = {
      ...ctx,
      db: tx as unknown as Db,
      commitWrites: new CommitWrites(),
      memo: new Map(),
    };
    const result = await work(txCtx);
    await txCtx.commitWrites!.flush(txCtx);
    return result;
  });
}
