import type { RequestContext } from '../platform/context.ts';
import { entityLinks } from './handoff-store.ts';
import { decideHandoffOnEntry } from './handoffs.ts';
import { definitionFor, moveEntities, type TransitionInput, type TransitionResult } from './move-entities.ts';
import { type HandoffContext, openHandoff } from './open-handoff.ts';
import { assertEntityAccess } from './record-access.ts';
import {
  appendHistory,
  appendHistoryBulk,
  calendarOf,
  type EntityType,
  type StageHistoryRow,
  setEntityStage,
} from './store.ts';
import { decideEntry, type HistoryStep } from './transition-rules.ts';

export type { TransitionInput, TransitionResult } from './move-entities.ts';

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
export async function moveEntity(ctx: RequestContext, input: TransitionInput): Promise<TransitionResult> {
  const [outcome] = await moveEntities(ctx, [input]);
  if (!outcome!.ok) throw outcome!.error;
  return outcome!.result;
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
