import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peopleUseCases } from '../../src/crm/manage-people.ts';
import { transitionEntity } from '../../src/lifecycle/transition-entity.ts';
import type { RequestContext } from '../../src/platform/context.ts';
import { newAccount, newMember, newTeam } from '../sales-floor.ts';
import { apiHarness } from './harness.ts';

let h: Awaited<ReturnType<typeof apiHarness>>;
let enterprisePod: { id: string; name: string };
const DAY = 86_400_000;
const t0 = new Date(Date.now() - 90 * DAY);

/**
 * Two segments owned by two PODs: enterprise (2,000 employees, POD 大手) has 40 leads of
 * which 20 reach MQL; SMB (50 employees, POD 中小) has 60 leads of which 6 reach MQL.
 * A POD's records are those of the accounts its segment rule holds, as routing decides.
 */
async function seed(base: RequestContext) {
  const ctxAt = (d: Date): RequestContext => ({ ...base, now: () => d });
  enterprisePod = await newTeam(base, {
    name: '大手',
    segmentRule: { field: 'tier', op: 'eq', value: 'enterprise' },
  });
  const smbPod = await newTeam(base, {
    name: '中小',
    segmentRule: { field: 'tier', op: 'eq', value: 'smb' },
  });
  const entRep = await newMember(base, 'mdr', enterprisePod.id, 80);
  await newMember(base, 'ae', enterprisePod.id, 20);
  const smbRep = await newMember(base, 'mdr', smbPod.id, 80);
  await newMember(base, 'mdr', smbPod.id, 80);
  const groups = [
    { account: await newAccount(base, { employeeCount: 2000 }), owner: entRep, leads: 40, mqls: 20 },
    { account: await newAccount(base, { employeeCount: 50 }), owner: smbRep, leads: 60, mqls: 6 },
  ];
  for (const [g, group] of groups.entries()) {
    for (let i = 0; i < group.leads; i++) {
      const p = await peopleUseCases.create(ctxAt(t0), {
        email: `s${g}-${i}@slice.jp`,
        accountId: group.account.id,
        ownerUserId: group.owner,
      });
      if (i < group.mqls)
        await transitionEntity(ctxAt(new Date(t0.getTime() + 5 * DAY)), {
          entityType: 'person',
          entityId: p.id,
          to: 'mql',
        });
    }
  }
}

beforeAll(async () => {
  h = await apiHarness();
  await seed(h.ws.ctx);
});
afterAll(() => h.close());

const reverse = (slice?: object) =>
  h.app.inject({
    method: 'POST',
    url: '/api/v1/plan/reverse',
    headers: h.auth,
    // Later steps have no history here: give them so the plan can run backwards.
    payload: {
      target: 1_000_000,
      period: 'FY2027',
      overrides: {
        rates: { mql_to_sql: 0.5, sql_to_opportunity: 0.5, opportunity_to_won: 0.5 },
        mrrPerWin: 100_000,
      },
      ...(slice ? { slice } : {}),
    },
  });

describe('planning one segment or POD', () => {
  it('measures a segment from its own leads only, and the segments add up to the whole', async () => {
    const all = (await reverse()).json();
    const ent = await reverse({ dimension: 'segment', value: 'enterprise' });
    const smb = await reverse({ dimension: 'segment', value: 'smb' });
    expect(ent.statusCode, ent.body).toBe(200);
    expect(ent.json().evidence.steps.lead_to_mql).toEqual({ entered: 40, reached: 20 });
    expect(ent.json().assumptions.rates.lead_to_mql).toBe(0.5);
    expect(smb.json().evidence.steps.lead_to_mql).toEqual({ entered: 60, reached: 6 });
    expect(all.evidence.steps.lead_to_mql).toEqual({ entered: 100, reached: 26 });
    // 10 wins ← 20 opportunities ← 40 SQLs ← 80 MQLs ← 160 enterprise leads (rate 0.5) or 800 SMB leads (0.1).
    expect(ent.json().totals.lead).toBeCloseTo(160);
    expect(smb.json().totals.lead).toBeCloseTo(800);
    // A segment's capacity is the headcount of the PODs that worked it.
    expect(ent.json().evidence.capacityScope).toEqual({ kind: 'pods', teamIds: [enterprisePod.id] });
    expect(ent.json().assumptions.capacity.is.headcount).toBe(1);
    expect(smb.json().assumptions.capacity.is.headcount).toBe(2);
    expect(all.evidence.capacityScope.kind).toBe('workspace');
  });

  it('plans a POD by name with its members only', async () => {
    const res = await reverse({ dimension: 'pod', value: '大手' });
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json();
    expect(plan.evidence.slice).toEqual({ dimension: 'pod', value: enterprisePod.id, label: '大手' });
    expect(plan.evidence.steps.lead_to_mql).toEqual({ entered: 40, reached: 20 });
    expect(plan.assumptions.capacity.is.headcount).toBe(1);
    expect(plan.assumptions.capacity.ae.headcount).toBe(1);
  });

  it('lists what a plan can be narrowed to', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/plan/slices', headers: h.auth });
    expect(res.statusCode, res.body).toBe(200);
    const { segments, pods } = res.json();
    expect(segments).toEqual(['enterprise', 'mid_market', 'smb']);
    expect(pods).toHaveLength(2);
    expect(pods).toEqual(
      expect.arrayContaining([
        { id: enterprisePod.id, name: '大手' },
        { id: expect.any(String), name: '中小' },
      ]),
    );
  });

  it('names the slice when it does not exist, listing what does', async () => {
    const res = await reverse({ dimension: 'segment', value: 'government' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { path: 'slice.value', message: 'use one of: enterprise, mid_market, smb' },
    ]);
    const pod = await reverse({ dimension: 'pod', value: '存在しない' });
    expect(pod.statusCode).toBe(400);
    expect(pod.json().error.details[0]).toMatchObject({
      path: 'slice.value',
      message: expect.stringContaining('大手'),
    });
    const bad = await reverse({ dimension: 'region', value: 'kanto' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toMatch(/slice\.dimension/);
  });

  it('keeps the slice with a saved scenario', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/plan/scenarios',
      headers: h.auth,
      payload: {
        name: '大手 FY2027',
        target: 1_000_000,
        period: 'FY2027',
        overrides: { rates: { mql_to_sql: 0.5, sql_to_opportunity: 0.5, opportunity_to_won: 0.5 } },
        slice: { dimension: 'pod', value: enterprisePod.id },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().target.slice).toMatchObject({ dimension: 'pod', label: '大手' });
  });
});
