import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.ts';
import { events } from '../capture/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import type { Database } from '../platform/db/open-database.ts';
import { DomainError } from '../platform/errors.ts';
import { createSubscription } from './create-subscription.ts';
import { successConfigOf, updateSuccessConfig } from './load-success-config.ts';
import { recomputeHealth } from './recompute-health.ts';
import { importCustomerSignalsCsv, recordCustomerSignals } from './record-customer-signals.ts';
import { acceptExpansionSignal } from './respond-expansion-signal.ts';
import { getCustomerAccount, getOpportunity, healthHistory, tasksOfAccount } from './store.ts';
import { DEFAULT_SUCCESS_CONFIG } from './success-config.ts';
import { auditCount, customerAccount, successWorkspace } from './test-fixtures.ts';

let database: Database;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.close();
});

const DAY = 86_400_000;

/** `perWindow[i]` usage events in the i-th 30-day window before now (oldest first), by `users` people. */
async function usage(ctx: RequestContext, accountId: string, perWindow: number[]) {
  const now = ctx.now().getTime();
  const rows = perWindow.flatMap((n, w) =>
    Array.from({ length: n }, (_, i) => ({
      id: randomUUID(),
      workspaceId: ctx.workspaceId,
      idempotencyKey: randomUUID(),
      type: 'product.report_viewed',
      occurredAt: new Date(now - (perWindow.length - w) * 30 * DAY + ((i + 1) * 30 * DAY) / (n + 1)),
      accountId,
    })),
  );
  if (rows.length) await ctx.db.insert(events).values(rows);
}

async function customer(ctx: RequestContext) {
  const { accountId } = await customerAccount(ctx, { customers: 1, others: 0 });
  await createSubscription(ctx, { accountId, plan: 'pro', mrr: 50_000, startsOn: '2025-01-01' });
  return accountId;
}

describe('health recompute', () => {
  it('opens one risk task for the CSM when an account turns red, and again only after it recovered', async () => {
    const { ctx, team, setNow } = await successWorkspace(database, '2025-06-01T00:00:00Z');
    const accountId = await customer(ctx);
    const first = await recomputeHealth(ctx);
    expect(first.turnedRed).toEqual([accountId]);
    const cs = await getCustomerAccount(ctx, accountId);
    expect(cs).toMatchObject({ healthBand: 'red', healthScore: 33 });
    expect((cs!.healthExplanation as { summary: string }).summary).toContain('0 usage events');
    let risks = await tasksOfAccount(ctx, accountId, 'health_risk');
    expect(risks).toHaveLength(1);
    expect(risks[0]!.assigneeUserId).toBe(team.csm);

    setNow('2025-06-02T00:00:00Z');
    expect((await recomputeHealth(ctx, { accountIds: [accountId] })).turnedRed).toEqual([]);
    expect(await tasksOfAccount(ctx, accountId, 'health_risk')).toHaveLength(1);

    // Usage picks up: green. Then it stops again: a new red episode, a second task.
    await usage(ctx, accountId, [400]);
    await recordCustomerSignals(ctx, {
      items: [{ kind: 'nps', accountId, occurredAt: '2025-06-01T00:00:00Z', score: 10 }],
    });
    await ctx.db.execute(
      `insert into activities (workspace_id, id, type, account_id, occurred_at) values ('${ctx.workspaceId}', '${randomUUID()}', 'meeting', '${accountId}', '2025-05-20T00:00:00Z'), ('${ctx.workspaceId}', '${randomUUID()}', 'call', '${accountId}', '2025-05-25T00:00:00Z')`,
    );
    const green = await recomputeHealth(ctx);
    expect(green.bands.green + green.bands.yellow).toBe(1);
    expect((await getCustomerAccount(ctx, accountId))!.redSince).toBeNull();
    setNow('2025-09-01T00:00:00Z');
    expect((await recomputeHealth(ctx)).turnedRed).toEqual([accountId]);
    risks = await tasksOfAccount(ctx, accountId, 'health_risk');
    expect(risks).toHaveLength(2);
    const history = await healthHistory(ctx, accountId, 10);
    expect(history).toHaveLength(4);
    expect((await getCustomerAccount(ctx, accountId))!.healthTrend).toBeLessThan(0);
  });

  it('counts open support tickets and closes them when sent again; CSV errors name the line', async () => {
    const { ctx } = await successWorkspace(database, '2025-06-01T00:00:00Z');
    const accountId = await customer(ctx);
    await importCustomerSignalsCsv(
      ctx,
      `kind,accountId,externalId,occurredAt,priority,status\nsupport_ticket,${accountId},T-1,2025-05-30T00:00:00Z,1,open\nsupport_ticket,${accountId},T-2,2025-05-30T00:00:00Z,2,open\n`,
    );
    await recomputeHealth(ctx);
    const tickets = () =>
      getCustomerAccount(ctx, accountId).then(
        (c) =>
          (c!.healthExplanation as { factors: { key: string; measured: number }[] }).factors.find(
            (f) => f.key === 'support_tickets',
          )!.measured,
      );
    expect(await tickets()).toBe(2);
    await recordCustomerSignals(ctx, {
      items: [
        {
          kind: 'support_ticket',
          accountId,
          externalId: 'T-1',
          occurredAt: '2025-05-30T00:00:00Z',
          status: 'closed',
        },
      ],
    });
    await recomputeHealth(ctx);
    expect(await tickets()).toBe(1);
    const before = await auditCount(ctx);
    const err = await importCustomerSignalsCsv(
      ctx,
      `kind,accountId,occurredAt,score\nnps,${accountId},2025-05-30,7\nnps,${randomUUID()},2025-05-30,11\n`,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).details.map((d) => d.path)).toEqual(['line 3.score']);
    expect(await auditCount(ctx)).toBe(before);
  });

  it('sustained usage growth opens an expansion signal for the AM; accepted, it becomes an expansion deal', async () => {
    const { ctx, team } = await successWorkspace(database, '2025-06-01T00:00:00Z');
    const accountId = await customer(ctx);
    const flat = await customer(ctx);
    await usage(ctx, accountId, [40, 60, 80, 110]);
    await usage(ctx, flat, [80, 80, 80, 80]);
    const run = await recomputeHealth(ctx);
    expect(run.expansionSignalIds).toHaveLength(1);
    const [task] = await tasksOfAccount(ctx, accountId, 'expansion_signal');
    expect(task!.assigneeUserId).toBe(team.am);
    expect(await tasksOfAccount(ctx, flat, 'expansion_signal')).toHaveLength(0);
    expect((await recomputeHealth(ctx)).expansionSignalIds).toHaveLength(0);
    const { opportunity, signal } = await acceptExpansionSignal(ctx, run.expansionSignalIds[0]!, {
      version: 1,
      amountMrr: 30_000,
    });
    expect(signal.status).toBe('accepted');
    expect(await getOpportunity(ctx, opportunity.id)).toMatchObject({
      type: 'expansion',
      ownerUserId: team.am,
      amountMrr: 30_000,
      phase: 'qualification',
    });
    const again = await acceptExpansionSignal(ctx, signal.id, { version: signal.version }).catch(
      (e: unknown) => e,
    );
    expect((again as DomainError).code).toBe('conflict');
  });
});

describe('health settings', () => {
  it('refuses factor weights that do not sum to 100 and keeps the settings in force', async () => {
    const { ctx } = await successWorkspace(database);
    const before = await auditCount(ctx);
    const bad = {
      ...DEFAULT_SUCCESS_CONFIG,
      health: {
        ...DEFAULT_SUCCESS_CONFIG.health,
        factors: [
          { key: 'nps', weight: 70 },
          { key: 'usage_events', weight: 20, target: 100 },
        ],
      },
    };
    const err = await updateSuccessConfig(ctx, bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).details[0]).toMatchObject({
      path: 'health.factors',
      message: 'the factor weights must sum to 100; they sum to 90',
    });
    expect((await successConfigOf(ctx)).version).toBe(0);
    expect(await auditCount(ctx)).toBe(before);
    const ok = await updateSuccessConfig(ctx, { ...DEFAULT_SUCCESS_CONFIG, renewalLeadDays: 60 });
    expect(ok.version).toBe(1);
    expect((await successConfigOf(ctx)).config.renewalLeadDays).toBe(60);
  });
});
