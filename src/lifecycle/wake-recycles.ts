import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import type { JobHandler } from '../platform/jobs/job-runner.ts';
import { inTransaction } from '../platform/transaction.ts';
import { emitWebhookEvent } from '../platform/webhooks/emit-event.ts';
import { dueRecycles, entityLinksMany, insertHandoffsReturning } from './handoff-store.ts';
import { openingFor } from './handoffs.ts';
import { recyclePlan } from './lifecycle-engine.ts';
import { moveEntities } from './move-entities.ts';
import { handoffOpenAudit, handoffView, newHandoffRow } from './open-handoff.ts';
import { calendarOf, currentDefinition } from './store.ts';

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
    if (due.length === 0) return { woken: 0, more: false };
    // One batch of moves and one insert of hand-offs: a morning can wake hundreds.
    const outcomes = await moveEntities(
      tx,
      due.map((d) => ({
        entityType: 'person' as const,
        entityId: d.personId,
        to: back,
        reason: `re-approach date ${d.reapproachOn.toISOString().slice(0, 10)} reached`,
      })),
    );
    for (const o of outcomes) if (!o.ok) throw o.error;
    if (rule) {
      const links = await entityLinksMany(
        tx,
        'person',
        due.map((d) => d.personId),
      );
      const rows = await insertHandoffsReturning(
        tx,
        due.map((d) => {
          const l = links.get(d.personId)!;
          return newHandoffRow(
            tx,
            { type: 'person', id: d.personId, links: l },
            openingFor(rule, back, l.source, tx.now(), cal),
            { notes: 'Recycled lead: the re-approach date has come.', reapproachOn: d.reapproachOn },
          );
        }),
      );
      for (const row of rows) {
        await appendAudit(tx, handoffOpenAudit(row, row.entityId!));
        await emitWebhookEvent(tx, 'handoff.opened', handoffView(row));
      }
    }
    return { woken: due.length, more: due.length === limit };
  });
}

export const recycleWakeHandler: JobHandler = async (ctx) => {
  const r = await wakeRecycles(ctx);
  return { again: r.more, progress: { woken: r.woken } };
};
