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
    });
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
