import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { insertNotifications } from '../platform/notifications/store.ts';
import { inTransaction } from '../platform/transaction.ts';
import { emitWebhookEvent } from '../platform/webhooks/emit-event.ts';
import { getHandoff, type HandoffRow, lockHandoff, updateHandoff } from './handoff-store.ts';
import { decideResponse, type HandoffResponse } from './handoffs.ts';
import { handoffView } from './open-handoff.ts';
import { assertHandoffAccess } from './record-access.ts';
import { type EntityType, lockEntityStage } from './store.ts';
import { moveEntity } from './transition-entity.ts';

/**
 * The receiver answers a hand-off. Accepting an MQL (or a woken recycle) moves the person
 * to SAL; rejecting needs a reason and sends a lead back — recycled with a re-approach
 * date, or disqualified — through the same transition rules. One transaction: a move the
 * rules refuse leaves the hand-off open.
 */
export function respondToHandoff(
  ctx: RequestContext,
  handoffId: string,
  response: HandoffResponse,
): Promise<HandoffRow> {
  return inTransaction(ctx, async (tx) => {
    await assertHandoffAccess(tx, handoffId, 'write');
    // Lock the record before its hand-off, in the same order transitions take them.
    const seen = await getHandoff(tx, handoffId);
    if (!seen) throw notFound('Hand-off', handoffId);
    if (seen.entityId) await lockEntityStage(tx, seen.entityType as EntityType, seen.entityId);
    const h = await lockHandoff(tx, handoffId);
    if (!h) throw notFound('Hand-off', handoffId);
    const decision = decideResponse(h, response);
    const at = tx.now();
    const row = await updateHandoff(tx, h.id, {
      status: decision.status,
      respondedAt: at,
      respondedByUserId: tx.actor.userId,
      ...(response.decision === 'reject'
        ? { rejectReason: response.reason ?? null, rejectOutcome: decision.move }
        : {}),
    });
    if (decision.move && h.personId) {
      const reject = response.decision === 'reject' ? response : null;
      await moveEntity(tx, {
        entityType: 'person',
        entityId: h.personId,
        to: decision.move,
        reason: reject ? `hand-off rejected: ${reject.reason}` : null,
        reapproachOn: reject?.reapproachOn ?? null,
      });
    }
    await appendAudit(tx, {
      action: `handoff.${response.decision}`,
      entityType: 'handoff',
      entityId: h.id,
      before: { status: 'open' },
      after: { status: decision.status, move: decision.move },
      reason: response.decision === 'reject' ? (response.reason ?? null) : (response.note ?? null),
    });
    if (h.fromUserId && h.fromUserId !== tx.actor.userId) {
      await insertNotifications(tx, [
        {
          userId: h.fromUserId,
          kind: `handoff.${decision.status}`,
          title: `Your ${h.kind.toUpperCase()} hand-off was ${decision.status}`,
          entityType: 'handoff',
          entityId: h.id,
          data: { reason: row.rejectReason },
          dedupeKey: `handoff.${decision.status}:${h.id}`,
        },
      ]);
    }
    await emitWebhookEvent(
      tx,
      decision.status === 'accepted' ? 'handoff.accepted' : 'handoff.rejected',
      handoffView(row),
    );
    return row;
  });
}
