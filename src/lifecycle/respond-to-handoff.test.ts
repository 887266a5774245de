import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.ts';
import { newWorkspace } from '../../test/factories.ts';
import { peopleUseCases } from '../crm/manage-people.ts';
import { accounts } from '../crm/schema.ts';
import { opportunities } from '../pipeline/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import type { Database } from '../platform/db/open-database.ts';
import { JobRunner } from '../platform/jobs/job-runner.ts';
import { listNotifications } from '../platform/notifications/store.ts';
import { assignHandoff } from './assign-handoff.ts';
import { checkSla } from './check-sla.ts';
import { listHandoffs } from './handoff-store.ts';
import { lifecycleJobs } from './jobs.ts';
import { openExpansionHandoff } from './open-expansion-handoff.ts';
import { respondToHandoff } from './respond-to-handoff.ts';
import { listHistory } from './store.ts';
import { moveEntity, recordEntry, transitionEntity } from './transition-entity.ts';

let database: Database;
let ctx: RequestContext;
let clock: Date;

beforeEach(async () => {
  database = await createTestDatabase();
  const ws = await newWorkspace(database);
  // Tuesday 2026-11-24 10:00 JST.
  clock = new Date('2026-11-24T01:00:00Z');
  ctx = { ...ws.ctx, now: () => clock };
});
afterEach(() => database.close());

async function personAtMql(source: 'inbound' | 'outbound' = 'inbound') {
  const p = await peopleUseCases.create(ctx, {
    email: `p${Math.random().toString(36).slice(2)}@example.co.jp`,
    source,
  } as never);
  await transitionEntity(ctx, { entityType: 'person', entityId: p.id as string, to: 'nurturing' });
  const r = await moveEntity(ctx, {
    entityType: 'person',
    entityId: p.id as string,
    to: 'mql',
    context: { score: { engagement: 72, grade: 'A' }, notes: 'asked for pricing' },
  });
  return { id: p.id as string, handoff: r.handoff! };
}

const stageOf = async (id: string) => (await listHistory(ctx, 'person', id)).at(-1)!.toStage;

describe('hand-offs', () => {
  it('entering mql opens an IS hand-off in business hours with the context bundle', async () => {
    const { handoff } = await personAtMql();
    expect(handoff).toMatchObject({ kind: 'mql', toRole: 'mdr', fromRole: 'marketing', status: 'open' });
    expect(handoff.context).toMatchObject({ score: { engagement: 72 }, notes: 'asked for pricing' });
    // 9 business hours after Tue 10:00 JST is Wed 10:00 JST.
    expect(handoff.dueAt.toISOString()).toBe('2026-11-25T01:00:00.000Z');
    const outbound = await personAtMql('outbound');
    expect(outbound.handoff.toRole).toBe('sdr');
  });

  it('accepting an MQL moves the person to sal; a second answer is a 409', async () => {
    const { id, handoff } = await personAtMql();
    const accepted = await respondToHandoff(ctx, handoff.id, { decision: 'accept' });
    expect(accepted.status).toBe('accepted');
    expect(await stageOf(id)).toBe('sal');
    await expect(respondToHandoff(ctx, handoff.id, { decision: 'accept' })).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('a rejection needs a reason and a future re-approach date; a refused one changes nothing', async () => {
    const { id, handoff } = await personAtMql();
    await expect(
      respondToHandoff(ctx, handoff.id, { decision: 'reject', reason: ' ', outcome: 'recycled' }),
    ).rejects.toMatchObject({ code: 'invalid_input', details: [{ path: 'reason' }] });
    await expect(
      respondToHandoff(ctx, handoff.id, {
        decision: 'reject',
        reason: 'no budget',
        outcome: 'recycled',
        reapproachOn: new Date('2026-01-01T00:00:00Z'),
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', details: [{ path: 'reapproachOn' }] });
    const [still] = await listHandoffs(ctx, { limit: 1, personId: id });
    expect(still!.status).toBe('open');
    expect(await stageOf(id)).toBe('mql');
    await respondToHandoff(ctx, handoff.id, {
      decision: 'reject',
      reason: 'no budget this year',
      outcome: 'recycled',
      reapproachOn: new Date('2027-01-15T00:00:00Z'),
    });
    expect(await stageOf(id)).toBe('recycled');
  });

  it('a direct move out of the stage closes its hand-off', async () => {
    const { id, handoff } = await personAtMql();
    await transitionEntity(ctx, {
      entityType: 'person',
      entityId: id,
      to: 'disqualified',
      reason: 'student',
    });
    const [h] = await listHandoffs(ctx, { limit: 5, personId: id });
    expect(h).toMatchObject({ id: handoff.id, status: 'rejected', rejectOutcome: 'disqualified' });
  });

  it('the SLA check marks a late hand-off stale once and notifies the receiver', async () => {
    const { handoff } = await personAtMql();
    const userId = ctx.actor.userId!;
    await assignHandoff(ctx, handoff.id, { userId });
    clock = new Date('2026-11-25T00:59:00Z');
    expect((await checkSla(ctx)).breached).toBe(0);
    clock = new Date('2026-11-25T02:00:00Z');
    expect((await checkSla(ctx)).breached).toBe(1);
    expect((await checkSla(ctx)).breached).toBe(0);
    const notes = await listNotifications(ctx, userId, { limit: 10 });
    expect(notes.map((n) => n.kind).sort()).toEqual(['handoff.assigned', 'sla.breached']);
    const [h] = await listHandoffs(ctx, { limit: 1, stale: true });
    expect(h!.staleAt!.toISOString()).toBe(clock.toISOString());
  });

  it('the jobs runner wakes recycled leads on their re-approach date into the IS queue', async () => {
    const { id, handoff } = await personAtMql('outbound');
    await respondToHandoff(ctx, handoff.id, {
      decision: 'reject',
      reason: 'timing',
      outcome: 'recycled',
      reapproachOn: new Date('2026-12-01T00:00:00Z'),
    });
    const jobs = lifecycleJobs();
    const runner = new JobRunner(database.db, { ...jobs, now: () => clock });
    await runner.schedule();
    await runner.runDue();
    expect(await stageOf(id)).toBe('recycled');
    clock = new Date('2026-12-01T00:10:00Z');
    await runner.schedule();
    await runner.runDue();
    expect(await stageOf(id)).toBe('nurturing');
    const open = await listHandoffs(ctx, { limit: 5, personId: id, status: 'open' });
    expect(open).toMatchObject([{ kind: 'recycle', toRole: 'sdr' }]);
  });

  it('a win opens one onboarding hand-off per account; CS hands an upsell to the AM', async () => {
    const accountId = randomUUID();
    const opportunityId = randomUUID();
    await ctx.db
      .insert(accounts)
      .values({ workspaceId: ctx.workspaceId, id: accountId, name: '株式会社テスト' });
    await ctx.db
      .insert(opportunities)
      .values({ workspaceId: ctx.workspaceId, id: opportunityId, accountId, name: '新規導入' });
    await recordEntry(ctx, 'opportunity', opportunityId, clock);
    const won = await moveEntity(ctx, { entityType: 'opportunity', entityId: opportunityId, to: 'won' });
    expect(won.handoff).toMatchObject({ kind: 'won', toRole: 'onb', accountId, opportunityId });
    await ctx.db.execute(
      sql`update accounts set customer_stage = 'onboarding' where workspace_id = ${ctx.workspaceId} and id = ${accountId}`,
    );
    await recordEntry(ctx, 'account', accountId, clock);
    const wonHandoffs = (await listHandoffs(ctx, { limit: 10, kind: 'won' })).filter(
      (h) => h.accountId === accountId,
    );
    expect(wonHandoffs).toHaveLength(1);
    const upsell = await openExpansionHandoff(ctx, {
      accountId,
      toRole: 'am',
      context: { notes: 'usage +40%' },
    });
    expect(upsell).toMatchObject({
      kind: 'expansion',
      toRole: 'am',
      fromRole: 'csm',
      status: 'open',
      stage: null,
    });
  });
});
