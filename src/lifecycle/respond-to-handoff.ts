import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { insertNotifications } from '../platform/notifications/store.ts';
import { inTransaction } from '../platform/transaction.ts';
import { emitWebhookEvent } from '../platform/webhooks/emit-event.ts';
import { closeHandoffsBulk, getHandoffs, type HandoffRow } from './handoff-store.ts';
import { decideResponse, type HandoffResponse } from './handoffs.ts';
import { moveEntities, type TransitionInput } from './move-entities.ts';
import { handoffView } from './open-handoff.ts';
import { handoffAccess } from './record-access.ts';
import { type EntityType, lockEntityStages } from './store.ts';

/** One answer to a hand-off. */
export interface HandoffAnswer {
  handoffId: string;
  response: HandoffResponse;
}

/** Each answer's outcome: written, or refused (and then nothing of it was written). */
export type AnswerOutcome = { ok: true; handoff: HandoffRow } | { ok: false; error: DomainError };

/**
 * The receiver answers a hand-off. Accepting an MQL (or a woken recycle) moves the person
 * to SAL; rejecting needs a reason and sends a lead back — recycled with a re-approach
 * date, or disqualified — through the same transition rules. One transaction: a move the
 * rules refuse leaves the hand-off open.
 */
export async function respondToHandoff(
  ctx: RequestContext,
  handoffId: string,
  response: HandoffResponse,
): Promise<HandoffRow> {
  const [outcome] = await respondToHandoffs(ctx, [{ handoffId, response }]);
  if (!outcome!.ok) throw outcome!.error;
  return outcome!.handoff;
}

/** A lead move the rules refused: its answers are taken out and the rest written again. */
class MovesRefused extends Error {
  constructor(readonly refused: Map<number, DomainError>) {
    super('hand-off answers whose lead moves were refused');
  }
}

/**
 * Answers many hand-offs with the rules and writes of `respondToHandoff`, in set-based
 * statements (a rep's queue of the day): one access check, one lock of the records and
 * of the hand-offs, one update and one batch of lead moves. An answer the rules refuse
 * is reported in its outcome and writes nothing. A lead appears once per round: further
 * answers about the same lead follow in the next round, as consecutive single calls would.
 */
export async function respondToHandoffs(
  ctx: RequestContext,
  answers: HandoffAnswer[],
): Promise<AnswerOutcome[]> {
  if (new Set(answers.map((a) => a.handoffId)).size !== answers.length)
    throw new Error('respondToHandoffs: a hand-off may be answered once per batch');
  const out: AnswerOutcome[] = new Array(answers.length);
  let pending = answers.map((answer, index) => ({ ...answer, index }));
  while (pending.length > 0) {
    try {
      // A savepoint (or a transaction of its own): a refused lead move undoes its round.
      pending = await inTransaction(ctx, (tx) => answerRound(tx, pending, out));
    } catch (err) {
      if (!(err instanceof MovesRefused)) throw err;
      for (const [index, error] of err.refused) out[index] = { ok: false, error };
      pending = pending.filter((p) => !err.refused.has(p.index));
    }
  }
  return out;
}

type Pending = HandoffAnswer & { index: number };

/** Answers what it can of `pending` (a lead at most once); returns the answers left for the next round. */
async function answerRound(tx: RequestContext, pending: Pending[], out: AnswerOutcome[]): Promise<Pending[]> {
  const refuse = (p: Pending, error: DomainError) => {
    out[p.index] = { ok: false, error };
  };
  const open = (list: Pending[]) => list.filter((p) => out[p.index] === undefined);
  const refusedAccess = await allOrNothing(() =>
    handoffAccess(
      tx,
      pending.map((p) => p.handoffId),
      'write',
    ),
  );
  for (const p of pending) {
    const error = refusedAccess instanceof DomainError ? refusedAccess : refusedAccess.get(p.handoffId);
    if (error) refuse(p, error);
  }
  // Lock the records before their hand-offs, in the same order transitions take them.
  const seen = await getHandoffs(
    tx,
    open(pending).map((p) => p.handoffId),
  );
  for (const type of ['person', 'opportunity', 'account'] as EntityType[]) {
    const ids = [
      ...new Set(
        open(pending).flatMap((p) => {
          const h = seen.get(p.handoffId);
          return h?.entityId && h.entityType === type ? [h.entityId] : [];
        }),
      ),
    ];
    if (ids.length) await lockEntityStages(tx, type, ids.sort());
  }
  const locked = await getHandoffs(
    tx,
    open(pending).map((p) => p.handoffId),
    true,
  );
  const decided: { p: Pending; h: HandoffRow; decision: ReturnType<typeof decideResponse> }[] = [];
  const later: Pending[] = [];
  const leads = new Set<string>();
  for (const p of open(pending)) {
    const h = locked.get(p.handoffId);
    if (!h) {
      refuse(p, notFound('Hand-off', p.handoffId));
      continue;
    }
    if (h.personId && leads.has(h.personId)) {
      later.push(p);
      continue;
    }
    try {
      decided.push({ p, h, decision: decideResponse(h, p.response) });
      if (h.personId) leads.add(h.personId);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      refuse(p, err);
    }
  }
  if (decided.length === 0) return later;

  const at = tx.now();
  const updated = await closeHandoffsBulk(
    tx,
    decided.map(({ p, h, decision }) => ({
      id: h.id,
      status: decision.status,
      respondedAt: at,
      respondedByUserId: tx.actor.userId,
      rejectReason: p.response.decision === 'reject' ? (p.response.reason ?? null) : null,
      rejectOutcome: p.response.decision === 'reject' ? decision.move : null,
    })),
  );
  const moving = decided.filter(({ h, decision }) => decision.move && h.personId);
  const moves = await moveEntities(
    tx,
    moving.map(({ p, h, decision }): TransitionInput => {
      const reject = p.response.decision === 'reject' ? p.response : null;
      return {
        entityType: 'person',
        entityId: h.personId!,
        to: decision.move!,
        reason: reject ? `hand-off rejected: ${reject.reason}` : null,
        reapproachOn: reject?.reapproachOn ?? null,
      };
    }),
  );
  const refused = new Map<number, DomainError>();
  moves.forEach((m, k) => {
    if (!m.ok) refused.set(moving[k]!.p.index, m.error);
  });
  if (refused.size > 0) throw new MovesRefused(refused);

  const notices = [];
  for (const { p, h, decision } of decided) {
    const row = updated.get(h.id)!;
    await appendAudit(tx, {
      action: `handoff.${p.response.decision}`,
      entityType: 'handoff',
      entityId: h.id,
      before: { status: 'open' },
      after: { status: decision.status, move: decision.move },
      reason: p.response.decision === 'reject' ? (p.response.reason ?? null) : (p.response.note ?? null),
    });
    if (h.fromUserId && h.fromUserId !== tx.actor.userId) {
      notices.push({
        userId: h.fromUserId,
        kind: `handoff.${decision.status}`,
        title: `Your ${h.kind.toUpperCase()} hand-off was ${decision.status}`,
        entityType: 'handoff',
        entityId: h.id,
        data: { reason: row.rejectReason },
        dedupeKey: `handoff.${decision.status}:${h.id}`,
      });
    }
    out[p.index] = { ok: true, handoff: row };
  }
  await insertNotifications(tx, notices);
  for (const { h, decision } of decided)
    await emitWebhookEvent(
      tx,
      decision.status === 'accepted' ? 'handoff.accepted' : 'handoff.rejected',
      handoffView(updated.get(h.id)!),
    );
  return later;
}

/** A refusal that applies to every answer (the role may not answer hand-offs at all). */
async function allOrNothing<T>(work: () => Promise<T>): Promise<T | DomainError> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
}
