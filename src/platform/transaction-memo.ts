import type { RequestContext } from './context.ts';

/**
 * Workspace configuration (stage definitions, calendar, org model, webhook subscriptions)
 * read once per transaction: a use case that moves many records (an import, a scoring
 * batch, a simulated day) would otherwise read the same rows for every move. Outside
 * `inTransaction` it reads every time. Writers of that configuration call
 * `forgetMemo`, so a transaction that changes it reads the new rows.
 */
export function memoInTransaction<T>(
  ctx: RequestContext,
  key: string,
  load: () => PromiseLike<T>,
): Promise<T> {
  const memo = ctx.memo;
  if (!memo) return Promise.resolve(load());
  const k = `${ctx.workspaceId}|${key}`;
  let found = memo.get(k) as Promise<T> | undefined;
  if (!found) {
    // A real promise: a query builder would run its query again on every await.
    found = Promise.resolve(load());
    memo.set(k, found);
    found.catch(() => memo.delete(k));
  }
  return found;
}

export function forgetMemo(ctx: RequestContext): void {
  ctx.memo?.clear();
}
