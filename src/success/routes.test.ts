import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness } from '../../test/api/harness.ts';
import { accountUseCases } from '../crm/manage-accounts.ts';
import { DEFAULT_SUCCESS_CONFIG } from './success-config.ts';
import { auditCount } from './test-fixtures.ts';

let h: Awaited<ReturnType<typeof apiHarness>>;
let accountId: string;
beforeAll(async () => {
  h = await apiHarness();
  accountId = (await accountUseCases.create(h.ws.ctx, { name: '株式会社API' })).id as string;
});
afterAll(async () => {
  await h.close();
});

const post = (url: string, payload: unknown) =>
  h.app.inject({ method: 'POST', url, headers: h.auth, payload: payload as object });

describe('success API', () => {
  it('creates, amends and reports; the MRR report holds the bridge', async () => {
    const created = await post('/api/v1/subscriptions', {
      accountId,
      plan: 'pro',
      mrr: 100_000,
      startsOn: '2025-04-01',
    });
    expect(created.statusCode).toBe(201);
    const sub = created.json();
    const amended = await post(`/api/v1/subscriptions/${sub.id}/amend`, {
      version: sub.version,
      mrr: 130_000,
      effectiveOn: '2025-07-15',
    });
    expect(amended.statusCode).toBe(200);
    const report = await h.app.inject({
      method: 'GET',
      url: '/api/v1/reports/mrr?from=2025-04-01&to=2026-03-31&by=quarter',
      headers: h.auth,
    });
    expect(report.statusCode).toBe(200);
    const periods = report.json().periods;
    expect(periods.map((p: { period: string }) => p.period)).toEqual([
      'FY2025-Q1',
      'FY2025-Q2',
      'FY2025-Q3',
      'FY2025-Q4',
    ]);
    expect(periods[0]).toMatchObject({
      start: 0,
      new: 100_000,
      end: 100_000,
      from: '2025-04-01',
      to: '2025-06-30',
    });
    expect(periods[1]).toMatchObject({
      start: 100_000,
      expansion: 30_000,
      end: 130_000,
      grr: 1,
      nrr: 1.3,
      arr: 1_560_000,
    });
    const detail = await h.app.inject({
      method: 'GET',
      url: `/api/v1/subscriptions/${sub.id}`,
      headers: h.auth,
    });
    expect(detail.json().changes.map((c: { kind: string }) => c.kind)).toEqual(['start', 'amend']);
    const customer = await h.app.inject({
      method: 'GET',
      url: `/api/v1/success/accounts/${accountId}`,
      headers: h.auth,
    });
    expect(customer.json().account.customerStage).toBe('onboarding');
  });

  it('answers bad input with a 400 naming the field, and changes nothing', async () => {
    const before = await auditCount(h.ws.ctx);
    const cases: [unknown, string][] = [
      [{ accountId, plan: 'lite', mrr: -100, startsOn: '2025-04-01' }, 'body.mrr'],
      [{ accountId, plan: 'lite', mrr: 100, startsOn: '2025-04-01', endsOn: '2025-01-01' }, 'endsOn'],
      [{ accountId, plan: 'pro', mrr: 100, startsOn: '2026-01-01' }, 'plan'],
      [{ accountId, plan: 'lite', mrr: 100, startsOn: '2025-02-30' }, 'body.startsOn'],
    ];
    for (const [payload, path] of cases) {
      const res = await post('/api/v1/subscriptions', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const weights = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/success/settings',
      headers: h.auth,
      payload: {
        ...DEFAULT_SUCCESS_CONFIG,
        health: { ...DEFAULT_SUCCESS_CONFIG.health, factors: [{ key: 'nps', weight: 99 }] },
      },
    });
    expect(weights.statusCode).toBe(400);
    expect(weights.json().error.details[0]).toMatchObject({
      path: 'health.factors',
      message: 'the factor weights must sum to 100; they sum to 99',
    });
    expect(await auditCount(h.ws.ctx)).toBe(before);
    const list = await h.app.inject({
      method: 'GET',
      url: `/api/v1/subscriptions?accountId=${accountId}`,
      headers: h.auth,
    });
    expect(list.json().items).toHaveLength(1);
  });

  it('deletes a subscription entered by mistake, with a version check', async () => {
    const made = (
      await post('/api/v1/subscriptions', { accountId, plan: 'mistake', mrr: 1, startsOn: '2025-04-01' })
    ).json();
    const stale = await h.app.inject({
      method: 'DELETE',
      url: `/api/v1/subscriptions/${made.id}?version=9`,
      headers: h.auth,
    });
    expect(stale.statusCode).toBe(409);
    const gone = await h.app.inject({
      method: 'DELETE',
      url: `/api/v1/subscriptions/${made.id}?version=${made.version}`,
      headers: h.auth,
    });
    expect(gone.statusCode).toBe(204);
    expect(
      (await h.app.inject({ method: 'GET', url: `/api/v1/subscriptions/${made.id}`, headers: h.auth }))
        .statusCode,
    ).toBe(404);
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/subscriptions/{id}/churn', '/api/v1/reports/mrr']),
    );
  });
});
