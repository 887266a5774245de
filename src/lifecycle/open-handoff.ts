import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { emitWebhookEvent } from '../platform/webhooks/emit-event.ts';
import {
  type EntityLinks,
  type HandoffRow,
  insertHandoff,
  openHandoffForAccount,
  openHandoffsOf,
  updateHandoff,
} from './handoff-store.ts';
import { closureOnLeave, type HandoffOpening } from './handoffs.ts';
import type { StageDefinition } from './stages.ts';
import type { EntityType } from './store.ts';

/** The hand-over bundle: what the receiver needs to act without asking (DOMAIN.md 4). */
export interface HandoffContext {
  behaviour?: unknown;
  score?: unknown;
  notes?: string;
  bant?: unknown;
  [key: string]: unknown;
}

/** A hand-off as the API and webhooks show it. */
export function handoffView(h: HandoffRow) {
  return {
    id: h.id,
    kind: h.kind,
    status: h.status,
    entityType: h.entityType,
    entityId: h.entityId,
    stage: h.stage,
    personId: h.personId,
    accountId: h.accountId,
    opportunityId: h.opportunityId,
    fromRole: h.fromRole,
    fromUserId: h.fromUserId,
    toRole: h.toRole,
    toUserId: h.toUserId,
    toTeamId: h.toTeamId,
    context: h.context,
    openedAt: h.openedAt,
    dueAt: h.dueAt,
    respondedAt: h.respondedAt,
    rejectReason: h.rejectReason,
    rejectOutcome: h.rejectOutcome,
    staleAt: h.staleAt,
  };
}

/**
 * Opens a hand-off inside the caller's transaction, audited and announced to webhooks.
 * A win opens one onboarding hand-off per account even when the opportunity and the
 * account both enter a stage that opens it.
 */
export async function openHandoff(
  ctx: RequestContext,
  entity: { type: EntityType; id: string; links: EntityLinks },
  opening: HandoffOpening,
  context: HandoffContext | undefined,
): Promise<HandoffRow | null> {
  if (opening.kind === 'won' && entity.links.accountId) {
    if (await openHandoffForAccount(ctx, 'won', entity.links.accountId)) return null;
  }
  const row = await insertHandoff(ctx, {
    kind: opening.kind,
    entityType: entity.type,
    entityId: entity.id,
    stage: opening.stage,
    personId: entity.links.personId,
    accountId: entity.links.accountId,
    opportunityId: entity.links.opportunityId,
    fromRole: opening.fromRole,
    fromUserId: ctx.actor.userId,
    toRole: opening.toRole,
    status: 'open',
    context: context ?? {},
    openedAt: opening.openedAt,
    dueAt: opening.dueAt,
  });
  await appendAudit(ctx, {
    action: 'handoff.open',
    entityType: 'handoff',
    entityId: row.id,
    after: { kind: row.kind, toRole: row.toRole, dueAt: row.dueAt, entityId: entity.id },
  });
  await emitWebhookEvent(ctx, 'handoff.opened', handoffView(row));
  return row;
}

/**
 * A record left the stage that opened its hand-offs by a direct move: close them so every
 * hand-off ends accepted or rejected (forward: accepted; an off-ramp: rejected, with the move's reason).
 */
export async function closeHandoffsOnLeave(
  ctx: RequestContext,
  entity: { type: EntityType; id: string },
  left: string,
  to: StageDefinition,
  reason: string | null,
  at: Date,
): Promise<void> {
  for (const h of await openHandoffsOf(ctx, entity.type, entity.id)) {
    if (h.stage !== left) continue;
    const status = closureOnLeave(to);
    const row = await updateHandoff(ctx, h.id, {
      status,
      respondedAt: at,
      respondedByUserId: ctx.actor.userId,
      ...(status === 'rejected'
        ? { rejectReason: reason ?? `moved to ${to.key}`, rejectOutcome: to.key }
        : {}),
    });
    await appendAudit(ctx, {
      action: `handoff.${status === 'accepted' ? 'accept' : 'reject'}`,
      entityType: 'handoff',
      entityId: h.id,
      before: { status: 'open' },
      after: { status, movedTo: to.key },
      reason,
    });
    await emitWebhookEvent(
      ctx,
      status === 'accepted' ? 'handoff.accepted' : 'handoff.rejected',
      handoffView(row),
    );
  }
}
