import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountUseCases } from '../../src/crm/manage-accounts.ts';
import { peopleUseCases } from '../../src/crm/manage-people.ts';
import { recordEntry, transitionEntity } from '../../src/lifecycle/transition-entity.ts';
import { opportunities } from '../../src/pipeline/schema.ts';
import type { RequestContext } from '../../src/platform/context.ts';
import { apiHarness } from './harness.ts';

let h: Awaited<ReturnType<typeof apiHarness>>;
const DAY = 86_400_000;
const t0 = new Date(Date.now() - 120 * DAY);
const at = (days: number) => new Date(t0.getTime() + days * DAY);

/**
 * A small measured history: 100 leads, 20 reach MQL after ~10 days, 10 SQL, 8 become
 * opportunities, of which 4 are won at 100,000 yen MRR and 4 lost.
 */
async function seedHistory(base: RequestContext) {
  const ctxAt = (d: Date): RequestContext => ({ ...base, now: () => d });
  const account = await accountUseCases.create(ctxAt(t0), { name: '計測株式会社' });
  for (let i = 0; i < 100; i++) {
    const p = await peopleUseCases.create(ctxAt(t0), { email: `p${i}@measure.jp`, accountId: account.id });
    if (i >= 20) continue;
    await transitionEntity(ctxAt(at(10)), { entityType: 'person', entityId: p.id, to: 'mql' });
    if (i >= 10) continue;
    await transitionEntity(ctxAt(at(20)), { entityType: 'person', entityId: p.id, to: 'sql' });
    if (i >= 8) continue;
    await transitionEntity(ctxAt(at(25)), {
      entityType: 'person',
      entityId: p.id,
      to: 'opportunity',
    });
    const id = randomUUID();
    const won = i < 4;
    await base.db.insert(opportunities).values({
      workspaceId: base.workspaceId,
      id,
      accountId: account.id,
      name: `案件 ${i}`,
      amountMrr: 100_000,
      closedAt: at(70),
    });
    await recordEntry(ctxAt(at(25)), 'opportunity', id, at(25));
    await transitionEntity(ctxAt(at(70)), {
      entityType: 'opportunity',
      entityId: id,
      to: won ? 'won' : 'lost',
      reason: won ? null : '予算',
    });
  }
}

beforeAll(async () => {
  h = await apiHarness();
  await seedHistory(h.ws.ctx);
});
afterAll(() => h.close());

const post = (url: string, payload: object) =>
  h.app.inject({ method: 'POST', url, headers: h.auth, payload });

describe('planning API', () => {
  it('plans backwards from the workspace’s measured rates, matching the hand computation', async () => {
    const res = await post('/api/v1/plan/reverse', { target: 1_200_000, period: 'FY2027' });
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json();
    expect(plan.assumptions.rates).toEqual({
      lead_to_mql: 0.2,
      mql_to_sql: 0.5,
      sql_to_opportunity: 0.8,
      opportunity_to_won: 0.5,
    });
    expect(plan.assumptions.mrrPerWin).toBe(100_000);
    expect(plan.evidence.steps.lead_to_mql).toEqual({ entered: 100, reached: 20 });
    // 1,200,000 / 100,000 = 12 wins ← 24 opportunities ← 30 SQLs ← 60 MQLs ← 300 leads.
    expect(plan.totals.won).toBeCloseTo(12);
    expect(plan.totals.opportunity).toBeCloseTo(24);
    expect(plan.totals.sql).toBeCloseTo(30);
    expect(plan.totals.mql).toBeCloseTo(60);
    expect(plan.totals.lead).toBeCloseTo(300);
    // Leads must enter before the fiscal year starts: the waterfall shows the earlier months.
    expect(plan.waterfall[0].month < '2027-04').toBe(true);
    expect(['is', 'ae', 'onb']).toContain(plan.capacity.binding);
  });

  it('accepts overrides and refuses bad assumptions, naming them', async () => {
    const over = await post('/api/v1/plan/reverse', {
      target: 1_200_000,
      period: 'FY2027-Q1',
      overrides: { mrrPerWin: 200_000 },
    });
    expect(over.json().totals.won).toBeCloseTo(6);
    const cases: [object, string][] = [
      [{ target: 0, period: 'FY2027' }, 'body.target'],
      [{ target: -5, period: 'FY2027' }, 'body.target'],
      [{ target: 1000, period: 'FY27' }, 'period'],
      [
        { target: 1000, period: 'FY2027', overrides: { rates: { mql_to_sql: 1.5 } } },
        'overrides.rates.mql_to_sql',
      ],
      [
        { target: 1000, period: 'FY2027', overrides: { capacity: { ae: { maxOpenOpportunities: 0 } } } },
        'capacity.ae',
      ],
      [
        { target: 1000, period: 'FY2027', overrides: { rates: { opportunity_to_won: 0 } } },
        'overrides.rates.opportunity_to_won',
      ],
    ];
    for (const [payload, path] of cases) {
      const res = await post('/api/v1/plan/reverse', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
  });

  it('simulates the probability of plan reproducibly, ranks levers and compares org models', async () => {
    const body = {
      target: 600_000,
      period: 'FY2027-Q1',
      runs: 2000,
      seed: 5,
      overrides: { leadsPerMonth: 300 },
    };
    const a = (await post('/api/v1/plan/simulate', body)).json();
    const b = (await post('/api/v1/plan/simulate', body)).json();
    expect(a).toEqual(b);
    expect(a.probabilityOfHit).toBeGreaterThan(0);
    expect(a.histogram.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(2000);
    const levers = (await post('/api/v1/plan/levers', { target: 600_000, period: 'FY2027-Q1' })).json();
    expect(levers.levers).toHaveLength(10);
    const sim = await post('/api/v1/plan/org-sim', {});
    expect(sim.statusCode, sim.body).toBe(200);
    expect(sim.json().assemblyLine.model).toBe('assembly_line');
    expect(sim.json().pods.model).toBe('pods');
  });

  it('saves scenarios and compares them side by side', async () => {
    const one = await post('/api/v1/plan/scenarios', {
      name: '現状維持',
      target: 1_200_000,
      period: 'FY2027',
    });
    expect(one.statusCode, one.body).toBe(201);
    const two = await post('/api/v1/plan/scenarios', {
      name: '単価アップ',
      target: 1_200_000,
      period: 'FY2027',
      overrides: { mrrPerWin: 150_000 },
    });
    const cmp = await h.app.inject({
      method: 'GET',
      url: `/api/v1/plan/scenarios/compare?ids=${one.json().id},${two.json().id}`,
      headers: h.auth,
    });
    expect(cmp.statusCode, cmp.body).toBe(200);
    const paths = cmp.json().differences[0].assumptions.map((d: { path: string }) => d.path);
    expect(paths).toEqual(['mrrPerWin']);
    expect(cmp.json().differences[0].outcome.some((d: { path: string }) => d.path === 'totals.won')).toBe(
      true,
    );
  });
});
