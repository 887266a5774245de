import type { RequestContext } from '../platform/context.ts';
import type { JobHandler } from '../platform/jobs/job-runner.ts';
import { inTransaction } from '../platform/transaction.ts';
import { dueRecycles, entityLinks } from './handoff-store.ts';
import { openingFor } from './handoffs.ts';
import { recyclePlan } from './lifecycle-engine.ts';
import { openHandoff } from './open-handoff.ts';
import { calendarOf, currentDefinition } from './store.ts';
import { moveEntity } from './transition-entity.ts';

export const RECYCLE_WAKE_JOB = 'lifecycle.recycle-wake';

/**
 * リサイクルの掘り起こし: recycled leads whose re-approach date has come go back to
 * nurturing and into Inside Sales' queue as a `recycle` hand-off (to MDR or SDR by source,
 * as for an MQL). Idempotent: a woken lead is no longer recycled, so a rerun skips it.
 */
export function wakeRecycles(ctx: RequestContext, limit = 200): Promise<{ woken: number; more: boolean }> {
  return inTransaction(ctx, async (tx) => {
    const found = await currentDefinition(tx, 'lead');
    const plan = found ? recyclePlan(found.definition) : null;
    if (!plan) return { woken: 0, more: false };
    const { back, rule } = plan;
    const due = await dueRecycles(tx, plan.recycle, tx.now(), limit);
    const cal = await calendarOf(tx);
    for (const d of due) {
      await moveEntity(tx, {
        entityType: 'person',
        entityId: d.personId,
        to: back,
        reason: `re-approach date ${d.reapproachOn.toISOString().slice(0, 10)} reached`,
      });
      if (rule) {
        const links = await entityLinks(tx, 'person', d.personId);
        await openHandoff(
          tx,
          { type: 'person', id: d.personId, links },
          openingFor(rule, back, links.source, tx.now(), cal),
          { notes: 'Recycled lead: the re-approach date has come.', reapproachOn: d.reapproachOn },
        );
      }
    }
    return { woken: due.length, more: due.length === limit };
  });
}

export const recycleWakeHandler: JobHandler = async (ctx) => {
  const r = await wakeRecycles(ctx);
  return { again: r.more, progress: { woken: r.woken } };
};
