import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { emitWebhookEvent } from '../platform/webhooks/emit-event.ts';
import { entityLinks, type HandoffRow, openHandoffsOf } from './handoff-store.ts';
import { decideHandoffOnEntry } from './handoffs.ts';
import { closeHandoffsOnLeave, type HandoffContext, openHandoff } from './open-handoff.ts';
import { assertEntityAccess } from './record-access.ts';
import {
  appendHistory,
  appendHistoryBulk,
  calendarOf,
  currentDefinition,
  ENTITY_LIFECYCLE,
  type EntityType,
  lastReapproachOn,
  lockEntityStage,
  type StageHistoryRow,
  setEntityStage,
} from './store.ts';
import {
  decideEntry,
  decideTransition,
  type HistoryStep,
  type TransitionRequest,
} from './transition-rules.ts';

export interface TransitionInput extends TransitionRequest {
  entityType: EntityType;
  entityId: string;
  /** The stage the caller believes the record is in; a different one is a 409 (someone moved it). */
  expectedStage?: string | undefined;
  /** When it happened (default now); imports and the demo pass historical times. */
  at?: Date | undefined;
  causeEventId?: string | null | undefined;
  /**
   * What the receiving department needs (behaviour history, score breakdown, notes, BANT):
   * kept as the context bundle of the hand-off the new stage opens, if it opens one.
   */
  context?: HandoffContext | undefined;
}

/** The history rows a move wrote, and the hand-off it opened (if the new stage opens one). */
export interface TransitionResult {
  rows: StageHistoryRow[];
  handoff: HandoffRow | null;
}

async function definitionFor(ctx: RequestContext, type: EntityType) {
  const found = await currentDefinition(ctx, ENTITY_LIFECYCLE[type]);
  if (!found)
    throw new Error(`workspace ${ctx.workspaceId} has no ${ENTITY_LIFECYCLE[type]} stage definition`);
  return found;
}

async function write(
  ctx: RequestContext,
  input: {
    entityType: EntityType;
    entityId: string;
    reason?: string | null | undefined;
    reapproachOn?: Date | null | undefined;
    causeEventId?: string | null | undefined;
  },
  steps: HistoryStep[],
  version: number,
  at: Date,
): Promise<StageHistoryRow[]> {
  const last = steps[steps.length - 1]!;
  const rows = await appendHistory(
    ctx,
    steps.map((s) => ({
      entityType: input.entityType,
      entityId: input.entityId,
      fromStage: s.from,
      toStage: s.to,
      at,
      reason: s.skipped ? null : (input.reason ?? null),
      causeEventId: input.causeEventId ?? null,
      definitionVersion: version,
      skipped: s.skipped,
      reapproachOn: s.skipped ? null : (input.reapproachOn ?? null),
    })),
  );
  await setEntityStage(ctx, input.entityType, input.entityId, last.to, at);
  return rows;
}

/**
 * Moves a person, opportunity or account to another stage: the rules of its lifecycle
 * decide, then the current stage and the history rows change in one transaction (the
 * caller's, if it has one). The row lock makes concurrent moves of one record queue up,
 * and `expectedStage` turns the loser of a race into a 409. In the same transaction the
 * hand-offs of the stage left are closed and the one the new stage opens (mql → Inside
 * Sales, sql → Field Sales, won → Onboarding) is opened with `context` as its bundle.
 */
export async function transitionEntity(
  ctx: RequestContext,
  input: TransitionInput,
): Promise<StageHistoryRow[]> {
  return (await moveEntity(ctx, input)).rows;
}

/**
 * A move asked for directly by a person (the API): held to the access policy first.
 * Moves that follow from another action (answering a hand-off, a score crossing the MQL
 * rule) are authorised by that action and call moveEntity.
 */
export async function requestTransition(
  ctx: RequestContext,
  input: TransitionInput,
): Promise<TransitionResult> {
  await assertEntityAccess(ctx, input.entityType, input.entityId, 'write');
  return moveEntity(ctx, input);
}

/** transitionEntity, also returning the hand-off the move opened. */
export function moveEntity(ctx: RequestContext, input: TransitionInput): Promise<TransitionResult> {
  return inTransaction(ctx, async (tx) => {
    const { version, definition } = await definitionFor(tx, input.entityType);
    const current = await lockEntityStage(tx, input.entityType, input.entityId);
    if (!current) throw notFound(input.entityType, input.entityId);
    if (current.stage === null) {
      throw new DomainError(
        'conflict',
        `This ${input.entityType} has not entered the ${definition.lifecycle} lifecycle yet.`,
        [{ path: 'entityId', message: 'it has no current stage' }],
      );
    }
    if (input.expectedStage !== undefined && input.expectedStage !== current.stage) {
      throw new DomainError(
        'version_conflict',
        `It was moved to "${current.stage}" meanwhile; reload and try again.`,
        [{ path: 'expectedStage', message: `current stage is ${current.stage}` }],
      );
    }
    const at = input.at ?? tx.now();
    const inRecycle = definition.stages.find((s) => s.key === current.stage)?.isRecycle;
    const pending = inRecycle ? await lastReapproachOn(tx, input.entityType, input.entityId) : null;
    const steps = decideTransition(definition, current.stage, input, tx.now(), pending);
    // Lock order everywhere: the record, then its hand-offs, then the audit chain — so
    // concurrent moves, answers and SLA checks queue up instead of deadlocking.
    await openHandoffsOf(tx, input.entityType, input.entityId);
    const rows = await write(tx, input, steps, version, at);
    await appendAudit(tx, {
      action: `${input.entityType}.transition`,
      entityType: input.entityType,
      entityId: input.entityId,
      before: { stage: current.stage },
      after: { stage: input.to, steps },
      reason: input.reason ?? null,
    });
    const entity = { type: input.entityType, id: input.entityId };
    const to = definition.stages.find((s) => s.key === input.to)!;
    await closeHandoffsOnLeave(tx, entity, current.stage, to, input.reason ?? null, at);
    let handoff: HandoffRow | null = null;
    if (to.handoff) {
      const links = await entityLinks(tx, input.entityType, input.entityId);
      const opening = decideHandoffOnEntry(definition, to.key, links.source, at, await calendarOf(tx));
      if (opening) handoff = await openHandoff(tx, { ...entity, links }, opening, input.context);
    }
    await emitWebhookEvent(tx, 'stage.changed', {
      entityType: input.entityType,
      entityId: input.entityId,
      lifecycle: definition.lifecycle,
      from: current.stage,
      to: input.to,
      at: at.toISOString(),
      reason: input.reason ?? null,
      passed: steps.filter((st) => st.skipped).map((st) => st.to),
      causeEventId: input.causeEventId ?? null,
    });
    return { rows, handoff };
  });
}

/**
 * A new record enters its lifecycle (a person at lead, or later when imported): the
 * history starts in the same transaction as the record. Call inside the creating transaction.
 */
export async function recordEntry(
  ctx: RequestContext,
  entityType: EntityType,
  entityId: string,
  at: Date,
  stage?: string,
  context?: HandoffContext,
): Promise<StageHistoryRow[]> {
  const { version, definition } = await definitionFor(ctx, entityType);
  const steps = decideEntry(definition, stage);
  const rows = await write(ctx, { entityType, entityId }, steps, version, at);
  // A record that starts in a hand-off stage (an account's first win enters onboarding) opens it too.
  const entered = steps[steps.length - 1]!.to;
  if (definition.stages.find((s) => s.key === entered)?.handoff) {
    const links = await entityLinks(ctx, entityType, entityId);
    const opening = decideHandoffOnEntry(definition, entered, links.source, at, await calendarOf(ctx));
    if (opening) await openHandoff(ctx, { type: entityType, id: entityId, links }, opening, context);
  }
  return rows;
}

/**
 * Many new records entering at once (demo history, imports): the same entry rules as
 * recordEntry, written in bulk. The records must already be in their entry stage.
 */
export async function recordEntries(
  ctx: RequestContext,
  entityType: EntityType,
  entries: { entityId: string; at: Date; stage?: string }[],
): Promise<void> {
  if (entries.length === 0) return;
  const { version, definition } = await definitionFor(ctx, entityType);
  await appendHistoryBulk(
    ctx,
    entries.flatMap((e) =>
      decideEntry(definition, e.stage).map((s) => ({
        entityType,
        entityId: e.entityId,
        fromStage: s.from,
        toStage: s.to,
        at: e.at,
        reason: null,
        causeEventId: null,
        definitionVersion: version,
        skipped: s.skipped,
        reapproachOn: null,
      })),
    ),
  );
}
