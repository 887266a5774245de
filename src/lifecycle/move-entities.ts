import { type AuditEntry, appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { emitWebhookEvent, type WebhookEvent } from '../platform/webhooks/emit-event.ts';
import {
  accountsWithOpenHandoff,
  closeHandoffsBulk,
  entityLinksMany,
  type HandoffClosing,
  type HandoffRow,
  insertHandoffsReturning,
  type NewHandoff,
  openHandoffsOfMany,
} from './handoff-store.ts';
import { closureOnLeave, decideHandoffOnEntry } from './handoffs.ts';
import { type HandoffContext, handoffOpenAudit, handoffView, newHandoffRow } from './open-handoff.ts';
import {
  appendHistory,
  calendarOf,
  currentDefinition,
  ENTITY_LIFECYCLE,
  type EntityType,
  lastReapproachOns,
  lockEntityStages,
  type NewHistoryRow,
  type StageHistoryRow,
  setEntityStagesBulk,
} from './store.ts';
import { decideTransition, type HistoryStep, type TransitionRequest } from './transition-rules.ts';

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

/** Each move's outcome: written, or refused by the rules (and then nothing of it was written). */
export type MoveOutcome = { ok: true; result: TransitionResult } | { ok: false; error: DomainError };

export async function definitionFor(ctx: RequestContext, type: EntityType) {
  const found = await currentDefinition(ctx, ENTITY_LIFECYCLE[type]);
  if (!found)
    throw new Error(`workspace ${ctx.workspaceId} has no ${ENTITY_LIFECYCLE[type]} stage definition`);
  return found;
}

/** A move the rules accepted, with what it writes. */
interface Decided {
  index: number;
  input: TransitionInput;
  from: string;
  steps: HistoryStep[];
  at: Date;
  /** Audit entries and webhook events in the order a single move makes them. */
  audits: AuditEntry[];
  events: [WebhookEvent, unknown][];
  handoff: HandoffRow | null;
}

const CHUNK = 500;

/**
 * Moves many records (each at most once) with the rules and writes of `moveEntity`, in
 * set-based statements: one lock, one history insert, one stage update, one hand-off
 * close and one open for the whole batch instead of a dozen statements per record. A
 * move the rules refuse is reported in its outcome and writes nothing; the others are
 * written. Records of one type are locked in id order, then their hand-offs, then (at
 * commit) the audit chain: the lock order of a single move.
 */
export function moveEntities(ctx: RequestContext, inputs: TransitionInput[]): Promise<MoveOutcome[]> {
  if (new Set(inputs.map((i) => `${i.entityType}:${i.entityId}`)).size !== inputs.length)
    throw new Error('moveEntities: a record may be moved once per batch');
  // Inside a caller's transaction no savepoint is taken: every refusal is decided before
  // the first write, so a refused move leaves nothing to roll back (and a database error
  // aborts the caller's transaction either way). Saves two statements per nested move.
  const run = <T>(work: (tx: RequestContext) => Promise<T>) =>
    ctx.commitWrites ? work(ctx) : inTransaction(ctx, work);
  return run(async (tx) => {
    const out: MoveOutcome[] = new Array(inputs.length);
    for (const type of ['person', 'opportunity', 'account'] as const) {
      const indexes = inputs.flatMap((input, i) => (input.entityType === type ? [i] : []));
      for (let start = 0; start < indexes.length; start += CHUNK) {
        const chunk = indexes.slice(start, start + CHUNK);
        const outcomes = await moveChunk(
          tx,
          type,
          chunk.map((i) => inputs[i]!),
        );
        chunk.forEach((i, k) => {
          out[i] = outcomes[k]!;
        });
      }
    }
    return out;
  });
}

async function moveChunk(
  tx: RequestContext,
  type: EntityType,
  inputs: TransitionInput[],
): Promise<MoveOutcome[]> {
  const { version, definition } = await definitionFor(tx, type);
  const ids = inputs.map((i) => i.entityId);
  const stages = await lockEntityStages(tx, type, ids);
  const recycles = new Set(definition.stages.filter((s) => s.isRecycle).map((s) => s.key));
  const pending = await lastReapproachOns(
    tx,
    type,
    ids.filter((id) => recycles.has(stages.get(id) ?? '')),
  );
  const out: MoveOutcome[] = [];
  const decided: Decided[] = [];
  inputs.forEach((input, index) => {
    try {
      const current = stages.get(input.entityId);
      if (current === undefined) throw notFound(input.entityType, input.entityId);
      if (current === null) {
        throw new DomainError(
          'conflict',
          `This ${input.entityType} has not entered the ${definition.lifecycle} lifecycle yet.`,
          [{ path: 'entityId', message: 'it has no current stage' }],
        );
      }
      if (input.expectedStage !== undefined && input.expectedStage !== current) {
        throw new DomainError(
          'version_conflict',
          `It was moved to "${current}" meanwhile; reload and try again.`,
          [{ path: 'expectedStage', message: `current stage is ${current}` }],
        );
      }
      const steps = decideTransition(
        definition,
        current,
        input,
        tx.now(),
        pending.get(input.entityId) ?? null,
      );
      const at = input.at ?? tx.now();
      decided.push({ index, input, from: current, steps, at, audits: [], events: [], handoff: null });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      out[index] = { ok: false, error: err };
    }
  });
  if (decided.length === 0) return out;

  const movedIds = decided.map((d) => d.input.entityId);
  const open = await openHandoffsOfMany(tx, type, movedIds);
  const rows = await appendHistory(
    tx,
    decided.flatMap((d) =>
      d.steps.map(
        (s): NewHistoryRow => ({
          entityType: type,
          entityId: d.input.entityId,
          fromStage: s.from,
          toStage: s.to,
          at: d.at,
          reason: s.skipped ? null : (d.input.reason ?? null),
          causeEventId: d.input.causeEventId ?? null,
          definitionVersion: version,
          skipped: s.skipped,
          reapproachOn: s.skipped ? null : (d.input.reapproachOn ?? null),
        }),
      ),
    ),
  );
  await setEntityStagesBulk(
    tx,
    type,
    decided.map((d) => ({ id: d.input.entityId, stage: d.steps[d.steps.length - 1]!.to, at: d.at })),
  );
  for (const d of decided) {
    d.audits.push({
      action: `${type}.transition`,
      entityType: type,
      entityId: d.input.entityId,
      before: { stage: d.from },
      after: { stage: d.input.to, steps: d.steps },
      reason: d.input.reason ?? null,
    });
  }
  await closeLeftHandoffs(tx, decided, open, definition.stages);
  await openEnteredHandoffs(tx, type, decided, definition);

  const rowsOf = new Map<string, StageHistoryRow[]>();
  for (const r of rows) rowsOf.set(r.entityId, [...(rowsOf.get(r.entityId) ?? []), r]);
  for (const d of decided) {
    d.events.push([
      'stage.changed',
      {
        entityType: type,
        entityId: d.input.entityId,
        lifecycle: definition.lifecycle,
        from: d.from,
        to: d.input.to,
        at: d.at.toISOString(),
        reason: d.input.reason ?? null,
        passed: d.steps.filter((st) => st.skipped).map((st) => st.to),
        causeEventId: d.input.causeEventId ?? null,
      },
    ]);
    for (const entry of d.audits) await appendAudit(tx, entry);
    for (const [event, data] of d.events) await emitWebhookEvent(tx, event, data);
    out[d.index] = {
      ok: true,
      result: { rows: rowsOf.get(d.input.entityId) ?? [], handoff: d.handoff },
    };
  }
  return out;
}

type Stages = Parameters<typeof decideHandoffOnEntry>[0]['stages'];

/** A record that left the stage that opened its hand-offs: forward accepts them, an off-ramp rejects them. */
async function closeLeftHandoffs(
  tx: RequestContext,
  decided: Decided[],
  open: Map<string, HandoffRow[]>,
  stages: Stages,
) {
  const closings: (HandoffClosing & { move: Decided; to: string })[] = [];
  for (const d of decided) {
    const to = stages.find((s) => s.key === d.input.to)!;
    for (const h of open.get(d.input.entityId) ?? []) {
      if (h.stage !== d.from) continue;
      const status = closureOnLeave(to);
      const reason = d.input.reason ?? null;
      closings.push({
        id: h.id,
        status,
        respondedAt: d.at,
        respondedByUserId: tx.actor.userId,
        rejectReason: status === 'rejected' ? (reason ?? `moved to ${to.key}`) : null,
        rejectOutcome: status === 'rejected' ? to.key : null,
        move: d,
        to: to.key,
      });
    }
  }
  const updated = await closeHandoffsBulk(tx, closings);
  for (const c of closings) {
    c.move.audits.push({
      action: `handoff.${c.status === 'accepted' ? 'accept' : 'reject'}`,
      entityType: 'handoff',
      entityId: c.id,
      before: { status: 'open' },
      after: { status: c.status, movedTo: c.to },
      reason: c.move.input.reason ?? null,
    });
    c.move.events.push([
      c.status === 'accepted' ? 'handoff.accepted' : 'handoff.rejected',
      handoffView(updated.get(c.id)!),
    ]);
  }
}

/** The hand-off each new stage opens (mql → Inside Sales, …); a win opens one per account. */
async function openEnteredHandoffs(
  tx: RequestContext,
  type: EntityType,
  decided: Decided[],
  definition: Parameters<typeof decideHandoffOnEntry>[0],
) {
  const opening = decided.filter((d) => definition.stages.find((s) => s.key === d.input.to)?.handoff);
  if (opening.length === 0) return;
  const links = await entityLinksMany(
    tx,
    type,
    opening.map((d) => d.input.entityId),
  );
  const cal = await calendarOf(tx);
  const plans = opening.flatMap((d) => {
    const l = links.get(d.input.entityId)!;
    const o = decideHandoffOnEntry(definition, d.input.to, l.source, d.at, cal);
    return o ? [{ move: d, links: l, opening: o }] : [];
  });
  const wonAccounts = plans.flatMap((p) =>
    p.opening.kind === 'won' && p.links.accountId ? [p.links.accountId] : [],
  );
  const taken = await accountsWithOpenHandoff(tx, 'won', wonAccounts);
  const rows: NewHandoff[] = [];
  const owners: Decided[] = [];
  for (const p of plans) {
    if (p.opening.kind === 'won' && p.links.accountId) {
      if (taken.has(p.links.accountId)) continue;
      taken.add(p.links.accountId);
    }
    rows.push(
      newHandoffRow(tx, { type, id: p.move.input.entityId, links: p.links }, p.opening, p.move.input.context),
    );
    owners.push(p.move);
  }
  const inserted = await insertHandoffsReturning(tx, rows);
  inserted.forEach((row, k) => {
    const d = owners[k]!;
    d.handoff = row;
    d.audits.push(handoffOpenAudit(row, d.input.entityId));
    d.events.push(['handoff.opened', handoffView(row)]);
  });
}
