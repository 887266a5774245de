import type { RequestContext } from './context.ts';

type Flush<T> = (ctx: RequestContext, items: T[]) => Promise<void>;

/**
 * Writes to shared hot rows (the audit chain's head, the analytics rollup counters)
 * collected during a transaction and made just before it commits. Every concurrent
 * writer needs those rows, and a lock taken mid-transaction is held until commit: taken
 * last, it is held for one statement and the commit instead of the whole use case. The
 * flushes run in the order of their keys, so all transactions lock in the same order.
 */
export class CommitWrites {
  private readonly queues = new Map<string, { flush: Flush<unknown>; items: unknown[] }>();
  /** Savepoints open (nested `inTransaction` calls): an early flush inside one could be rolled back with it. */
  private savepoints = 0;

  add<T>(key: string, flush: Flush<T>, items: T[]): void {
    let queue = this.queues.get(key);
    if (!queue) {
      queue = { flush: flush as Flush<unknown>, items: [] };
      this.queues.set(key, queue);
    }
    queue.items.push(...items);
  }

  /** What is queued under `key` and not yet written, oldest first. */
  pending<T>(key: string): readonly T[] {
    return (this.queues.get(key)?.items ?? []) as T[];
  }

  /** How much is queued now, to undo a nested transaction's part if it rolls back. */
  mark(): Map<string, number> {
    this.savepoints++;
    return new Map([...this.queues].map(([key, q]) => [key, q.items.length]));
  }

  /** The nested transaction of `mark` succeeded: its queued writes stay queued. */
  release(): void {
    this.savepoints--;
  }

  rollbackTo(mark: Map<string, number>): void {
    this.savepoints--;
    for (const [key, q] of this.queues) q.items.length = mark.get(key) ?? 0;
  }

  /**
   * Writes what is queued under `key` now, for queues of rows no other writer shares (a
   * long import would otherwise hold a million of them in memory until commit). Returns
   * the items written, or null inside a savepoint, whose rollback would take them along.
   */
  async flushNow<T>(ctx: RequestContext, key: string): Promise<T[] | null> {
    const q = this.queues.get(key);
    if (!q || this.savepoints > 0) return null;
    const items = q.items.splice(0);
    if (items.length > 0) await q.flush(ctx, items);
    return items as T[];
  }

  async flush(ctx: RequestContext): Promise<void> {
    const keys = [...this.queues.keys()].sort();
    for (const key of keys) {
      const q = this.queues.get(key)!;
      const items = q.items.splice(0);
      if (items.length > 0) await q.flush(ctx, items);
    }
  }
}

/**
 * Queues `items` for the flush before commit when the caller runs inside `inTransaction`;
 * outside one (a bare connection, a test) they are written at once, as before.
 */
export async function atCommit<T>(
  ctx: RequestContext,
  key: string,
  flush: Flush<T>,
  items: T[],
): Promise<void> {
  if (ctx.commitWrites) ctx.commitWrites.add(key, flush, items);
  else await flush(ctx, items);
}
