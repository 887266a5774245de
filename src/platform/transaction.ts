import type { RequestContext } from './context.ts';
import type { Db } from './db/open-database.ts';

/**
 * Runs a use case's writes in one transaction: the same context, its `db` bound to the
 * transaction. A thrown error rolls everything back, audit rows included.
 */
export function inTransaction<T>(ctx: RequestContext, work: (tx: RequestContext) => Promise<T>): Promise<T> {
  return ctx.db.transaction((tx) => work({ ...ctx, db: tx as unknown as Db }));
}
