import { type AuditEntry, appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { emitWebhookEvent } from '../platform/webhooks/emit-event.ts';
import {
  type EntityLinks,
  type HandoffRow,
  insertHandoff,
  type NewHandoff,
  openHandoffForAccount,
} from './handoff-store.ts';
import type { HandoffOpening } from './handoffs.ts';
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

/** The row a hand-off opening inserts: who hands over (the actor) to which role, with the bundle. */
export function newHandoffRow(
  ctx: RequestContext,
  entity: { type: EntityType; id: string; links: EntityLinks },
  opening: HandoffOpening,
  context: HandoffContext | undefined,
): NewHandoff {
  return {
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
  };
}

export function handoffOpenAudit(row: HandoffRow, entityId: string): AuditEntry {
  return {
    action: 'handoff.open',
    entityType: 'handoff',
    entityId: row.id,
    after: { kind: row.kind, toRole: row.toRole, dueAt: row.dueAt, entityId },
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
  const row = await insertHandoff(ctx, newHandoffRow(ctx, entity, opening, context));
  await appendAudit(ctx, handoffOpenAudit(row, entity.id));
  await emitWebhookEvent(ctx, 'handoff.opened', handoffView(row));
  return row;
}
