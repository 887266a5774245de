import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness } from './harness.ts';

let h: Awaited<ReturnType<typeof apiHarness>>;
beforeAll(async () => {
  h = await apiHarness();
});
afterAll(() => h.close());

const get = (url: string) => h.app.inject({ method: 'GET', url, headers: h.auth });

describe('GET /api/v1/reports/*', () => {
  it('answers every report kind', async () => {
    for (const kind of ['funnel', 'kpis', 'scorecards', 'attribution', 'bottlenecks']) {
      const res = await get(`/api/v1/reports/${kind}?from=2025-04-01&to=2026-03-31&by=month`);
      expect(res.statusCode, `${kind}: ${res.body}`).toBe(200);
    }
  });

  it('prints the cohort funnel in the shape scripts rely on', async () => {
    const res = await get('/api/v1/reports/funnel?view=cohort&by=month&from=2025-04-01&to=2025-05-31');
    expect(res.json()).toEqual({
      view: 'cohort',
      periods: [
        {
          period: '2025-04',
          reached: { lead: 0, nurturing: 0, mql: 0, sal: 0, sql: 0, opportunity: 0, customer: 0 },
        },
        {
          period: '2025-05',
          reached: { lead: 0, nurturing: 0, mql: 0, sal: 0, sql: 0, opportunity: 0, customer: 0 },
        },
      ],
      conversion: {
        'lead->nurturing': null,
        'nurturing->mql': null,
        'mql->sal': null,
        'sal->sql': null,
        'sql->opportunity': null,
        'opportunity->customer': null,
      },
      definitionVersion: 1,
    });
  });

  it('names the stage definition version that shaped the funnel', async () => {
    const before = await get('/api/v1/reports/funnel?view=cohort&by=month&from=2025-04-01&to=2025-05-31');
    const stages = await get('/api/v1/stages/lead');
    expect(stages.statusCode, stages.body).toBe(200);
    const { definition } = stages.json();
    const put = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/stages/lead',
      headers: h.auth,
      payload: {
        ...definition,
        stages: definition.stages.map((s: { key: string }) =>
          s.key === 'mql' ? { ...s, labelEn: 'Hot lead' } : s,
        ),
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    const after = await get('/api/v1/reports/funnel?view=cohort&by=month&from=2025-04-01&to=2025-05-31');
    expect(after.json().definitionVersion).toBe(before.json().definitionVersion + 1);
    expect(after.json().definitionVersion).toBe(put.json().version);
  });

  it('gives each KPI period the counts its tree is computed from', async () => {
    for (const email of ['kpi.one@example.co.jp', 'kpi.two@example.co.jp']) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/people',
        headers: h.auth,
        payload: { email },
      });
      expect(res.statusCode).toBe(201);
    }
    const res = await get('/api/v1/reports/kpis?by=month');
    expect(res.statusCode).toBe(200);
    const periods = res.json().periods as {
      counts: Record<string, number>;
      tree: { children: { key: string; value: number; children?: { key: string; value: number }[] }[] };
    }[];
    expect(periods).toHaveLength(12);
    const now = periods.at(-1)!;
    expect(now.counts).toEqual({ leads: 2, mqls: 0, sqls: 0, wins: 0, newMrr: 0 });
    const newMrr = now.tree.children.find((c) => c.key === 'newMrr')!;
    expect(newMrr.value).toBe(now.counts.newMrr);
    expect(newMrr.children!.find((c) => c.key === 'leads')!.value).toBe(now.counts.leads);
    expect(periods[0]!.counts.leads).toBe(0);
    // Customer Success's MRR bridge fills the CS movements: none yet, so zero, and net new MRR is New MRR.
    const cs = now.tree.children.filter((c) => c.key !== 'newMrr').map((c) => [c.key, c.value]);
    expect(cs).toEqual([
      ['expansionMrr', 0],
      ['contractionMrr', 0],
      ['churnMrr', 0],
    ]);
    expect((now.tree as unknown as { value: number }).value).toBe(now.counts.newMrr);
    // Per week the bridge is not kept: null with a reason, never an invented zero.
    const weekly = (await get('/api/v1/reports/kpis?by=week')).json().periods.at(-1).tree;
    const churn = weekly.children.find((c: { key: string }) => c.key === 'churnMrr');
    expect(churn).toMatchObject({ value: null, reason: expect.stringMatching(/per month/) });
  });

  it.each([
    ['slice=color%3Dred', 'slice'],
    ['from=2026-05-01&to=2026-01-01', 'from'],
    ['from=2010-01-01&to=2026-01-01', 'to'],
    ['stages=lead,nope', 'stages'],
    ['by=fortnight', 'by'],
    ['view=sideways', 'view'],
    ['from=2025-02-30', 'from'],
  ])('rejects %s with a 400 naming %s', async (query, path) => {
    const res = await get(`/api/v1/reports/funnel?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('needs credentials', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/reports/funnel' });
    expect(res.statusCode).toBe(401);
  });
});
