import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { insertNotifications, type NewNotification } from '../platform/notifications/store.ts';
import {
  type HandoffChange,
  insertHandoffsBulk,
  type NewHandoff,
  updateHandoffsBulk,
} from './handoff-store.ts';
import type { EngineHandoff, EngineState } from './lifecycle-engine.ts';
import { appendHistoryBulk, type NewHistoryRow, setEntityStagesBulk } from './store.ts';

/** One person's lifecycle as the engine left it, and how much of it is already stored. */
export interface TrackedPerson {
  id: string;
  accountId: string | null;
  state: EngineState;
  storedHistory: number;
  /** Hand-off id → the columns last stored, to write only what changed. */
  storedHandoffs: Map<string, string>;
  /** Receiver per hand-off id, named by routing (the demo assigns by POD and role). */
  assignee: Map<string, string | null>;
  /** The context bundle per hand-off id (behaviour, notes) handed to the receiver. */
  contexts: Map<string, unknown>;
}

const fingerprint = (h: EngineHandoff) =>
  `${h.status}|${h.respondedAt?.getTime() ?? ''}|${h.rejectReason ?? ''}|${h.staleAt?.getTime() ?? ''}`;

/**
 * Stores what the lifecycle engine decided for many people (a batched variant of the
 * transition and hand-off use cases, for volume: the demo's year of history). The same
 * pure decisions made every row; here they are written set-based: history appended,
 * current stages set, hand-offs inserted or updated, SLA notices raised, one audit row.
 */
export async function recordEngineBatch(
  ctx: RequestContext,
  people: Iterable<TrackedPerson>,
  definitionVersion: number,
  notices: NewNotification[],
): Promise<{ history: number; handoffs: number }> {
  const history: NewHistoryRow[] = [];
  const stages: { id: string; stage: string; at: Date }[] = [];
  const inserts: (NewHandoff & { id: string })[] = [];
  const updates: HandoffChange[] = [];
  for (const p of people) {
    const fresh = p.state.history.slice(p.storedHistory);
    if (fresh.length) {
      for (const h of fresh) {
        history.push({
          entityType: 'person',
          entityId: p.id,
          fromStage: h.from,
          toStage: h.to,
          at: h.at,
          reason: h.reason,
          causeEventId: null,
          definitionVersion,
          skipped: h.skipped,
          reapproachOn: h.reapproachOn,
        });
      }
      stages.push({ id: p.id, stage: p.state.stage, at: fresh.at(-1)!.at });
      p.storedHistory = p.state.history.length;
    }
    for (const h of p.state.handoffs) {
      const print = fingerprint(h);
      const stored = p.storedHandoffs.get(h.id);
      if (stored === print) continue;
      const change = {
        id: h.id,
        status: h.status,
        respondedAt: h.respondedAt,
        rejectReason: h.rejectReason,
        rejectOutcome: h.rejectOutcome,
        staleAt: h.staleAt,
      };
      if (stored === undefined) {
        inserts.push({
          ...change,
          kind: h.kind,
          entityType: 'person',
          entityId: p.id,
          stage: h.stage,
          personId: p.id,
          accountId: p.accountId,
          fromRole: h.fromRole,
          toRole: h.toRole,
          toUserId: p.assignee.get(h.id) ?? null,
          context: p.contexts.get(h.id) ?? {},
          openedAt: h.openedAt,
          dueAt: h.dueAt,
        });
      } else updates.push(change);
      p.storedHandoffs.set(h.id, print);
    }
  }
  await appendHistoryBulk(ctx, history);
  await setEntityStagesBulk(ctx, 'person', stages);
  await insertHandoffsBulk(ctx, inserts);
  await updateHandoffsBulk(ctx, updates);
  await insertNotifications(ctx, notices);
  if (history.length || inserts.length || updates.length) {
    await appendAudit(ctx, {
      action: 'lifecycle.batch',
      entityType: 'person',
      entityId: null,
      after: {
        history: history.length,
        stages: stages.length,
        handoffsOpened: inserts.length,
        handoffsChanged: updates.length,
      },
    });
  }
  return { history: history.length, handoffs: inserts.length + updates.length };
}
