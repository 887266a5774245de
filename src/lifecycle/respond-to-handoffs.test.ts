import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.ts';
import { newWorkspace } from '../../test/factories.ts';
import { peopleUseCases } from '../crm/manage-people.ts';
import type { RequestContext } from '../platform/context.ts';
import type { Database } from '../platform/db/open-database.ts';
import { auditLog } from '../platform/schema.ts';
import type { HandoffResponse } from './handoffs.ts';
import { type AnswerOutcome, respondToHandoff, respondToHandoffs } from './respond-to-handoff.ts';
import { handoffs, stageHistory } from './schema.ts';
import { moveEntity } from './transition-entity.ts';

let database: Database;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.close());

// Tuesday 2026-11-24 10:00 JST.
const NOW = new Date('2026-11-24T01:00:00Z');
const later = (days: number) => new Date(NOW.getTime() + days * 86_400_000);

/**
 * A workspace with six leads at mql and the answers of a day: accepted, recycled,
 * disqualified, one without a reason, one with a re-approach date in the past (the
 * transition rules refuse the move), one already answered, and an unknown hand-off.
 */
async function world() {
  const ws = await newWorkspace(database);
  const ctx: RequestContext = { ...ws.ctx, now: () => NOW };
  const leads: { id: string; handoffId: string }[] = [];
  for (let k = 0; k < 6; k++) {
    const p = await peopleUseCases.create(ctx, {
      email: `lead${k}@example.co.jp`,
      source: 'inbound',
    } as never);
    const moved = await moveEntity(ctx, { entityType: 'person', entityId: p.id as string, to: 'mql' });
    leads.push({ id: p.id as string, handoffId: moved.handoff!.id });
  }
  await respondToHandoff(ctx, leads[5]!.handoffId, { decision: 'accept' });
  const answers: { handoffId: string; response: HandoffResponse }[] = [
    { handoffId: leads[0]!.handoffId, response: { decision: 'accept', note: 'アポ獲得' } },
    {
      handoffId: leads[1]!.handoffId,
      response: { decision: 'reject', reason: '予算未確保', outcome: 'recycled', reapproachOn: later(60) },
    },
    {
      handoffId: leads[2]!.handoffId,
      response: { decision: 'reject', reason: '学生', outcome: 'disqualified' },
    },
    { handoffId: leads[3]!.handoffId, response: { decision: 'reject', reason: ' ', outcome: 'recycled' } },
    {
      handoffId: leads[4]!.handoffId,
      response: { decision: 'reject', reason: 'timing', outcome: 'recycled', reapproachOn: later(-30) },
    },
    { handoffId: leads[5]!.handoffId, response: { decision: 'accept' } },
    { handoffId: randomUUID(), response: { decision: 'accept' } },
  ];
  return { ctx, answers, leads };
}

/** A world afterwards, by lead index instead of ids. */
async function snapshot(ctx: RequestContext, outcomes: AnswerOutcome[], leads: { id: string }[]) {
  const index = new Map(leads.map((l, k) => [l.id, k]));
  const rows = await ctx.db.select().from(handoffs).where(eq(handoffs.workspaceId, ctx.workspaceId));
  const history = await ctx.db
    .select()
    .from(stageHistory)
    .where(eq(stageHistory.workspaceId, ctx.workspaceId));
  const audit = await ctx.db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.workspaceId, ctx.workspaceId));
  return {
    outcomes: outcomes.map((o) =>
      o.ok
        ? {
            ok: true,
            status: o.handoff.status,
            reason: o.handoff.rejectReason,
            lead: index.get(o.handoff.personId!),
          }
        : { ok: false, code: o.error.code, details: o.error.details },
    ),
    handoffs: rows
      .map((h) => ({
        lead: index.get(h.personId!),
        kind: h.kind,
        status: h.status,
        rejectReason: h.rejectReason,
        rejectOutcome: h.rejectOutcome,
        respondedAt: h.respondedAt,
      }))
      .sort((a, b) => a.lead! - b.lead! || a.kind.localeCompare(b.kind)),
    history: history
      .map(
        (r) =>
          `${index.get(r.entityId)}:${r.fromStage}>${r.toStage}:${r.reason ?? ''}:${r.reapproachOn?.toISOString() ?? ''}`,
      )
      .sort(),
    audit: audit.map((a) => a.action).sort(),
  };
}

describe('respondToHandoffs', () => {
  it('answers a batch exactly as the same answers given one call at a time', async () => {
    const one = await world();
    const singles: AnswerOutcome[] = [];
    for (const a of one.answers) {
      try {
        singles.push({ ok: true, handoff: await respondToHandoff(one.ctx, a.handoffId, a.response) });
      } catch (error) {
        singles.push({ ok: false, error: error as never });
      }
    }
    const many = await world();
    const batch = await respondToHandoffs(many.ctx, many.answers);

    const expected = await snapshot(one.ctx, singles, one.leads);
    expect(await snapshot(many.ctx, batch, many.leads)).toEqual(expected);
    expect(expected.outcomes.map((o) => (o.ok ? o.status : o.code))).toEqual([
      'accepted',
      'rejected',
      'rejected',
      'invalid_input',
      'invalid_input',
      'conflict',
      'not_found',
    ]);
    // The refused move (re-approach date in the past) left its hand-off open.
    expect(expected.handoffs.find((h) => h.lead === 4)).toMatchObject({ status: 'open' });
  });

  it('refuses to answer one hand-off twice in a batch', async () => {
    const { ctx, leads } = await world();
    const twice = { handoffId: leads[2]!.handoffId, response: { decision: 'accept' } as const };
    await expect(respondToHandoffs(ctx, [twice, twice])).rejects.toThrow(/once per batch/);
  });
});
