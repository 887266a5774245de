import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import {
  appendHistory,
  appendHistoryBulk,
  currentDefinition,
  ENTITY_LIFECYCLE,
  type EntityType,
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
  context?: Record<string, unknown> | undefined;
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
 * and `expectedStage` turns the loser of a race into a 409.
 */
export function transitionEntity(ctx: RequestContext, input: TransitionInput): Promise<StageHistoryRow[]> {
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
    const steps = decideTransition(definition, current.stage, input, tx.now());
    const rows = await write(tx, input, steps, version, at);
    await appendAudit(tx, {
      action: `${input.entityType}.transition`,
      entityType: input.entityType,
      entityId: input.entityId,
      before: { stage: current.stage },
      after: { stage: input.to, steps },
      reason: input.reason ?? null,
    });
    return rows;
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
): Promise<StageHistoryRow[]> {
  const { version, definition } = await definitionFor(ctx, entityType);
  return write(ctx, { entityType, entityId }, decideEntry(definition, stage), version, at);
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
