import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.ts';
import { newWorkspace } from '../../test/factories.ts';
import { accounts } from '../crm/schema.ts';
import { handoffs } from '../lifecycle/schema.ts';
import { appendHistoryBulk, type NewHistoryRow } from '../lifecycle/store.ts';
import { opportunities, quotas } from '../pipeline/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import type { Database } from '../platform/db/open-database.ts';
import { inTransaction } from '../platform/transaction.ts';
import { getBottlenecks } from './get-bottlenecks.ts';
import { rebuildOutcomeRollups } from './rebuild-rollups.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const row = (id: string, from: string | null, to: string, at: Date): NewHistoryRow => ({
  entityType: 'person',
  entityId: id,
  fromStage: from,
  toStage: to,
  at,
  reason: to === 'disqualified' ? 'test' : null,
  causeEventId: null,
  definitionVersion: 1,
  skipped: false,
  reapproachOn: null,
});

/** Leads through mql, then `passRate` of them to sal (the rest disqualified), in one month. */
function month(y: number, m: number, n: number, passRate: number): NewHistoryRow[] {
  const rows: NewHistoryRow[] = [];
  for (let i = 0; i < n; i++) {
    const id = randomUUID();
    const t = (d: number) => new Date(Date.UTC(y, m - 1, 2 + d, 3));
    rows.push(
      row(id, null, 'lead', t(0)),
      row(id, 'lead', 'nurturing', t(1)),
      row(id, 'nurturing', 'mql', t(2)),
    );
    rows.push(i < n * passRate ? row(id, 'mql', 'sal', t(3)) : row(id, 'mql', 'disqualified', t(3)));
  }
  return rows;
}

describe('bottlenecks on a constructed history', () => {
  it('finds the conversion drop, the SLA breach and the hygiene problems, with evidence', async () => {
    const { ctx } = await newWorkspace(database);
    const now = new Date('2025-07-28T00:00:00Z');
    const at: RequestContext = { ...ctx, now: () => now };
    await inTransaction(at, (tx) =>
      appendHistoryBulk(tx, [
        ...month(2025, 4, 60, 0.6),
        ...month(2025, 5, 60, 0.6),
        ...month(2025, 6, 60, 0.6),
        ...month(2025, 7, 60, 0.15),
      ]),
    );
    const account = randomUUID();
    await ctx.db
      .insert(accounts)
      .values({ workspaceId: ctx.workspaceId, id: account, name: '株式会社テスト' });
    const deal = randomUUID();
    await ctx.db.insert(opportunities).values({
      workspaceId: ctx.workspaceId,
      id: deal,
      accountId: account,
      name: '大型案件',
      amountMrr: 300_000,
      closeDate: '2025-06-30',
      nextStep: 'proposal',
      updatedAt: now,
    });
    const late = randomUUID();
    await ctx.db.insert(handoffs).values({
      workspaceId: ctx.workspaceId,
      id: late,
      kind: 'mql',
      fromRole: 'marketing',
      toRole: 'mdr',
      openedAt: new Date('2025-07-20T00:00:00Z'),
      dueAt: new Date('2025-07-21T00:00:00Z'),
    });
    const report = await getBottlenecks(at, { to: '2025-07-27', by: 'month' });
    expect(report.period).toBe('2025-07');
    expect(report.baseline).toEqual(['2025-04', '2025-05', '2025-06']);
    const drop = report.findings.find((f) => f.kind === 'conversion_drop');
    expect(drop).toMatchObject({ stage: 'mql', owningRole: 'mdr' });
    expect(drop?.evidence).toMatchObject({ currentRate: 0.15, baselineRate: 0.6 });
    const sla = report.findings.find((f) => f.kind === 'sla_breach');
    expect(sla?.affected).toEqual([{ type: 'handoff', id: late }]);
    const hygiene = report.findings.filter((f) => f.kind === 'pipeline_hygiene');
    expect(hygiene.map((f) => f.evidence.rule)).toEqual(['close date passed']);
    expect(hygiene[0]?.affected).toEqual([{ type: 'opportunity', id: deal }]);
    // No wins yet: nothing can be valued, and the report says so.
    expect(report.notEvaluated.map((n) => n.kind)).toContain('revenue_at_stake');
  });

  it('finds a supply shortage against the plan the quotas make, at the cohort conversion', async () => {
    const { ctx, adminUserId } = await newWorkspace(database);
    const now = new Date('2025-07-28T00:00:00Z');
    const at: RequestContext = { ...ctx, now: () => now };
    // 50 MQLs a month; 10 of each month's cohort reach SQL.
    const cohort = (m: number) =>
      month(2025, m, 50, 1).flatMap((r, i) =>
        r.toStage === 'sal' && i < 40
          ? [r, row(r.entityId, 'sal', 'sql', new Date(r.at.getTime() + 3_600_000))]
          : [r],
      );
    await inTransaction(at, (tx) => appendHistoryBulk(tx, [4, 5, 6, 7].flatMap(cohort)));
    const account = randomUUID();
    await ctx.db.insert(accounts).values({ workspaceId: ctx.workspaceId, id: account, name: '株式会社計画' });
    await ctx.db.insert(opportunities).values(
      Array.from({ length: 10 }, (_, i) => ({
        workspaceId: ctx.workspaceId,
        id: randomUUID(),
        accountId: account,
        name: `受注 ${i}`,
        amountMrr: 100_000,
        phase: 'won',
        closedAt: new Date('2025-06-15T03:00:00Z'),
      })),
    );
    await rebuildOutcomeRollups(ctx);
    // FY2025-Q2 (July–September with an April start): 9,000,000 → 3,000,000 a month.
    await ctx.db.insert(quotas).values({
      workspaceId: ctx.workspaceId,
      id: randomUUID(),
      period: 'FY2025-Q2',
      ownerUserId: adminUserId,
      amountMrr: 9_000_000,
    });
    const report = await getBottlenecks(at, { to: '2025-07-27', by: 'month' });
    expect(report.notEvaluated.map((n) => n.kind)).not.toContain('supply_shortage');
    const shortage = report.findings.find((f) => f.kind === 'supply_shortage');
    // P(MQL → won) = 10/50 reached SQL × 10 wins / 40 SQLs = 0.05; 27 days of 3,000,000 a month.
    const target = (3_000_000 * 27) / 30.4;
    expect(shortage?.evidence).toMatchObject({ mqls: 50, mqlToWon: 0.05, mrrPerWin: 100_000 });
    expect(shortage?.evidence.targetNewMrr).toBeCloseTo(target);
    expect(shortage?.evidence.mqlsNeeded).toBeCloseTo(target / 100_000 / 0.05, 0);
  });
});
