import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import type { JobHandler } from '../platform/jobs/job-runner.ts';
import { insertNotifications } from '../platform/notifications/store.ts';
import { inTransaction } from '../platform/transaction.ts';
import { emitWebhookEvent } from '../platform/webhooks/emit-event.ts';
import { lockBreaches, managersOf, markStale } from './handoff-store.ts';
import { handoffView } from './open-handoff.ts';
import { workspaceSettingsOf } from './store.ts';

export const SLA_CHECK_JOB = 'lifecycle.sla-check';

/**
 * Marks open hand-offs past their due time as stale — once: `staleAt` is set in the same
 * statement that finds them, so a retried or concurrent check raises nothing twice. The
 * receiver and their managers are notified; with `settings.sla.reassignOnBreach` the
 * hand-off goes back to its role's queue (toUserId cleared) for routing to give it to someone else.
 */
export function checkSla(ctx: RequestContext, limit = 200): Promise<{ breached: number; more: boolean }> {
  return inTransaction(ctx, async (tx) => {
    const now = tx.now();
    const breaches = await lockBreaches(tx, now, limit);
    if (breaches.length === 0) return { breached: 0, more: false };
    const sla = (await workspaceSettingsOf(tx)).sla as { reassignOnBreach?: boolean } | undefined;
    const reassign = sla?.reassignOnBreach === true;
    // Set-based: a day of unanswered MQLs can breach hundreds at once.
    const updated = await markStale(
      tx,
      breaches.map((h) => h.id),
      now,
      reassign,
    );
    const managers = new Map<string | null, string[]>();
    for (const h of breaches)
      if (!managers.has(h.toTeamId)) managers.set(h.toTeamId, await managersOf(tx, h.toTeamId));
    await insertNotifications(
      tx,
      breaches.flatMap((h) =>
        [...new Set([...(h.toUserId ? [h.toUserId] : []), ...managers.get(h.toTeamId)!])].map((userId) => ({
          userId,
          kind: 'sla.breached',
          title: `${h.kind.toUpperCase()} hand-off to ${h.toRole} is past its SLA (due ${h.dueAt.toISOString()})`,
          entityType: 'handoff',
          entityId: h.id,
          data: { dueAt: h.dueAt, toUserId: h.toUserId, reassigned: reassign },
          dedupeKey: `sla.breached:${h.id}`,
        })),
      ),
    );
    for (const h of breaches) {
      const row = updated.get(h.id)!;
      await appendAudit(tx, {
        action: 'handoff.sla_breach',
        entityType: 'handoff',
        entityId: h.id,
        before: { staleAt: null, toUserId: h.toUserId },
        after: { staleAt: now, toUserId: row.toUserId },
      });
      await emitWebhookEvent(tx, 'sla.breached', handoffView(row));
    }
    return { breached: breaches.length, more: breaches.length === limit };
  });
}

export const slaCheckHandler: JobHandler = async (ctx) => {
  const r = await checkSla(ctx);
  return { again: r.more, progress: { breached: r.breached } };
};
