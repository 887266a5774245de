import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.ts';
import { people } from '../crm/schema.ts';
import { listHistory } from '../lifecycle/store.ts';
import type { Database } from '../platform/db/open-database.ts';
import { DomainError } from '../platform/errors.ts';
import { amendSubscription } from './amend-subscription.ts';
import { churnSubscription } from './churn-subscription.ts';
import { completeOnboardingTask } from './complete-onboarding-task.ts';
import { createSubscription } from './create-subscription.ts';
import { createSubscriptionFromWin } from './create-subscription-from-win.ts';
import { enterRenewals } from './enter-renewals.ts';
import { renewSubscription } from './renew-subscription.ts';
import { startRevenueFromWins } from './start-revenue-from-wins.ts';
import {
  getAccount,
  getCustomerAccount,
  getOpportunity,
  listChangesOf,
  subscriptionsStore,
  tasksOfAccount,
} from './store.ts';
import { auditCount, customerAccount, successWorkspace, wonDeal } from './test-fixtures.ts';

let database: Database;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.close();
});

async function rejected(work: Promise<unknown>): Promise<DomainError> {
  const err = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

describe('subscriptions from wins', () => {
  it('a won deal starts a subscription, the customer lifecycle and the ONB checklist; twice is once', async () => {
    const { ctx, team } = await successWorkspace(database);
    const { accountId } = await customerAccount(ctx);
    const deal = await wonDeal(ctx, accountId, { amountMrr: 120_000 });
    const sub = await createSubscriptionFromWin(ctx, deal.id, { plan: 'enterprise' });
    expect(sub).toMatchObject({
      plan: 'enterprise',
      mrr: 120_000,
      startsOn: '2025-04-10',
      renewsOn: '2026-04-10',
    });
    expect((await createSubscriptionFromWin(ctx, deal.id)).id).toBe(sub.id);
    expect((await getAccount(ctx, accountId))!.customerStage).toBe('onboarding');
    const checklist = await tasksOfAccount(ctx, accountId, 'onboarding');
    expect(checklist).toHaveLength(6);
    expect(checklist.every((t) => t.assigneeUserId === team.onb)).toBe(true);
    expect(await getCustomerAccount(ctx, accountId)).toMatchObject({
      onbUserId: team.onb,
      csmUserId: team.csm,
    });
    expect(await listChangesOf(ctx, sub.id)).toMatchObject([
      { kind: 'start', mrrBefore: 0, mrrAfter: 120_000 },
    ]);
  });

  it('an expansion deal amends the subscription; a deal not won is refused', async () => {
    const { ctx } = await successWorkspace(database);
    const { accountId } = await customerAccount(ctx);
    const sub = await createSubscriptionFromWin(
      ctx,
      (await wonDeal(ctx, accountId, { amountMrr: 50_000 })).id,
    );
    const up = await wonDeal(ctx, accountId, { type: 'expansion', amountMrr: 20_000 });
    const amended = await createSubscriptionFromWin(ctx, up.id);
    expect(amended).toMatchObject({ id: sub.id, mrr: 70_000 });
    expect((await createSubscriptionFromWin(ctx, up.id)).mrr).toBe(70_000);
    const open = await wonDeal(ctx, accountId, { amountMrr: 1 });
    await ctx.db.execute(`update opportunities set phase = 'negotiation' where id = '${open.id}'`);
    expect((await rejected(createSubscriptionFromWin(ctx, open.id))).details[0]!.path).toBe('opportunityId');
  });
});

describe('bad input changes nothing', () => {
  it('names the field: overlapping plan, negative MRR, end before start', async () => {
    const { ctx } = await successWorkspace(database);
    const { accountId } = await customerAccount(ctx);
    await createSubscription(ctx, { accountId, plan: 'pro', mrr: 10_000, startsOn: '2025-04-01' });
    const before = {
      audit: await auditCount(ctx),
      subs: (await subscriptionsStore.list(ctx, { limit: 50, sort: 'createdAt', filters: {} })).items.length,
    };
    const overlap = await rejected(
      createSubscription(ctx, { accountId, plan: 'pro', mrr: 5_000, startsOn: '2025-10-01' }),
    );
    expect(overlap.code).toBe('invalid_input');
    expect(overlap.details[0]!.path).toBe('plan');
    expect(
      (await rejected(createSubscription(ctx, { accountId, plan: 'lite', mrr: -1, startsOn: '2025-04-01' })))
        .details[0]!.path,
    ).toBe('mrr');
    const backwards = await rejected(
      createSubscription(ctx, {
        accountId,
        plan: 'lite',
        mrr: 1,
        startsOn: '2025-04-01',
        endsOn: '2025-03-01',
      }),
    );
    expect(backwards.details[0]).toMatchObject({ path: 'endsOn' });
    expect(await auditCount(ctx)).toBe(before.audit);
    expect(
      (await subscriptionsStore.list(ctx, { limit: 50, sort: 'createdAt', filters: {} })).items,
    ).toHaveLength(before.subs);
    // A different plan, or the same plan after the first one ends, is fine.
    await createSubscription(ctx, { accountId, plan: 'lite', mrr: 1, startsOn: '2025-04-01' });
  });

  it('lets only sales, customer success and managers change subscriptions', async () => {
    const { ctx } = await successWorkspace(database);
    const { accountId } = await customerAccount(ctx);
    const marketer = {
      ...ctx,
      actor: { type: 'user' as const, userId: null, roles: ['marketing' as const] },
    };
    const err = await rejected(
      createSubscription(marketer, { accountId, plan: 'pro', mrr: 1, startsOn: '2025-04-01' }),
    );
    expect(err.code).toBe('forbidden');
  });

  it('refuses an amendment to a negative MRR or before the start, and a stale version', async () => {
    const { ctx } = await successWorkspace(database);
    const { accountId } = await customerAccount(ctx);
    const sub = await createSubscription(ctx, {
      accountId,
      plan: 'pro',
      mrr: 10_000,
      startsOn: '2025-04-01',
    });
    expect(
      (
        await rejected(
          amendSubscription(ctx, sub.id, { version: sub.version, mrr: -5, effectiveOn: '2025-05-01' }),
        )
      ).details[0]!.path,
    ).toBe('mrr');
    expect(
      (
        await rejected(
          amendSubscription(ctx, sub.id, { version: sub.version, mrr: 5, effectiveOn: '2025-03-01' }),
        )
      ).details[0]!.path,
    ).toBe('effectiveOn');
    const ok = await amendSubscription(ctx, sub.id, {
      version: sub.version,
      mrr: 8_000,
      effectiveOn: '2025-05-01',
    });
    expect(ok.amendments).toHaveLength(1);
    expect(
      (
        await rejected(
          amendSubscription(ctx, sub.id, { version: sub.version, mrr: 5, effectiveOn: '2025-06-01' }),
        )
      ).code,
    ).toBe('version_conflict');
  });
});

describe('onboarding', () => {
  it('stamps time to first value and hands the account to the CSM when the checklist is done', async () => {
    const { ctx, team, setNow } = await successWorkspace(database);
    const { accountId } = await customerAccount(ctx);
    await createSubscriptionFromWin(ctx, (await wonDeal(ctx, accountId, { amountMrr: 30_000 })).id);
    const items = await tasksOfAccount(ctx, accountId, 'onboarding');
    setNow('2025-05-01T03:00:00Z');
    let last = null;
    for (const item of items) last = await completeOnboardingTask(ctx, item.id);
    expect((await getAccount(ctx, accountId))!.customerStage).toBe('adoption');
    expect(last!.handoffTask).toMatchObject({ kind: 'cs_handoff', assigneeUserId: team.csm });
    const cs = await getCustomerAccount(ctx, accountId);
    expect(cs!.firstValueAt!.toISOString()).toBe('2025-05-01T03:00:00.000Z');
    expect(cs!.onboardingCompletedAt).not.toBeNull();
    expect((await rejected(completeOnboardingTask(ctx, items[0]!.id))).code).toBe('conflict');
  });
});

async function adoptedCustomer(ctx: Parameters<typeof customerAccount>[0], mrr = 40_000) {
  const acct = await customerAccount(ctx, { customers: 2, others: 1 });
  const sub = await createSubscriptionFromWin(
    ctx,
    (await wonDeal(ctx, acct.accountId, { amountMrr: mrr })).id,
  );
  for (const t of await tasksOfAccount(ctx, acct.accountId, 'onboarding'))
    await completeOnboardingTask(ctx, t.id);
  return { ...acct, sub };
}

describe('renewals', () => {
  it('enters renewal 90 days before the renewal date with a renewal deal and a CSM task, once', async () => {
    const { ctx, team, setNow } = await successWorkspace(database);
    const near = await adoptedCustomer(ctx);
    setNow('2025-08-01T03:00:00Z');
    const far = await adoptedCustomer(ctx);
    setNow('2026-01-09T03:00:00Z'); // 91 days before 2026-04-10: not yet
    expect(await enterRenewals(ctx)).toEqual([]);
    setNow('2026-01-10T03:00:00Z'); // 90 days before
    const entered = await enterRenewals(ctx);
    expect(entered.map((e) => e.accountId)).toEqual([near.accountId]);
    expect((await getAccount(ctx, near.accountId))!.customerStage).toBe('renewal');
    expect((await getAccount(ctx, far.accountId))!.customerStage).toBe('adoption');
    const opp = await getOpportunity(ctx, entered[0]!.opportunityId);
    expect(opp).toMatchObject({
      type: 'renewal',
      amountMrr: 40_000,
      closeDate: '2026-04-10',
      ownerUserId: team.am,
    });
    expect((await tasksOfAccount(ctx, near.accountId, 'renewal'))[0]!.assigneeUserId).toBe(team.csm);
    expect(await enterRenewals(ctx)).toEqual([]);

    const renewed = await renewSubscription(ctx, near.sub.id, {
      version: (await subscriptionsStore.get(ctx, near.sub.id))!.version,
      mrr: 45_000,
    });
    expect(renewed).toMatchObject({ renewsOn: '2027-04-10', mrr: 45_000 });
    expect((await getAccount(ctx, near.accountId))!.customerStage).toBe('adoption');
    expect((await getOpportunity(ctx, opp!.id))!.phase).toBe('won');
    // The won renewal deal is already taken up: the safety net does not renew twice.
    expect(await startRevenueFromWins(ctx, new Date('2025-01-01T00:00:00Z'))).toEqual([]);
  });
});

describe('churn', () => {
  it('records the reason, ends the subscription, churns the account and recycles only the customer contacts', async () => {
    const { ctx, setNow } = await successWorkspace(database);
    const c = await adoptedCustomer(ctx);
    setNow('2026-01-10T03:00:00Z');
    await enterRenewals(ctx);
    const sub = (await subscriptionsStore.get(ctx, c.sub.id))!;
    const result = await churnSubscription(ctx, sub.id, {
      version: sub.version,
      reason: '予算削減 / budget cut',
      endsOn: '2026-04-10',
    });
    expect(result.subscription).toMatchObject({
      status: 'churned',
      endsOn: '2026-04-10',
      churnReason: '予算削減 / budget cut',
      renewsOn: null,
    });
    expect(result.accountChurned).toBe(true);
    expect(result.recycledPersonIds.sort()).toEqual(c.people.slice(0, 2).sort());
    const stages = await ctx.db
      .select({ id: people.id, stage: people.lifecycleStage })
      .from(people)
      .where(and(eq(people.workspaceId, ctx.workspaceId), eq(people.accountId, c.accountId)));
    expect(stages.find((p) => p.id === c.people[2])!.stage).toBe('nurturing');
    expect(stages.filter((p) => p.stage === 'recycled')).toHaveLength(2);
    const history = await listHistory(ctx, 'person', c.people[0]!);
    expect(history.slice(-2).map((h) => [h.toStage, h.reason])).toEqual([
      ['churned', 'account churned: 予算削減 / budget cut'],
      ['recycled', 'account churned: 予算削減 / budget cut'],
    ]);
    expect(history.at(-1)!.reapproachOn).not.toBeNull();
    expect((await getAccount(ctx, c.accountId))!.customerStage).toBe('churned');
    const renewalDeal = (await tasksOfAccount(ctx, c.accountId, 'renewal'))[0]!.opportunityId!;
    expect(await getOpportunity(ctx, renewalDeal)).toMatchObject({
      phase: 'lost',
      lossReason: '予算削減 / budget cut',
    });
    expect((await listChangesOf(ctx, sub.id)).at(-1)).toMatchObject({
      kind: 'churn',
      effectiveOn: '2026-04-10',
      mrrAfter: 0,
    });
  });

  it('refuses an end before the start and keeps the subscription active', async () => {
    const { ctx } = await successWorkspace(database);
    const { accountId } = await customerAccount(ctx);
    const sub = await createSubscription(ctx, {
      accountId,
      plan: 'pro',
      mrr: 10_000,
      startsOn: '2025-04-01',
    });
    const err = await rejected(
      churnSubscription(ctx, sub.id, { version: sub.version, reason: 'x', endsOn: '2025-03-01' }),
    );
    expect(err.details[0]!.path).toBe('endsOn');
    expect((await subscriptionsStore.get(ctx, sub.id))!.status).toBe('active');
  });
});
