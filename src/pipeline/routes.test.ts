import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness } from '../../test/api/harness.ts';
import { newAccount, newMember } from '../../test/sales-floor.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { zonedDate } from '../platform/zoned-time.ts';
import { fiscalPeriod, periodContaining } from './fiscal-periods.ts';

let h: Awaited<ReturnType<typeof apiHarness>>;
let accountId: string;
let ae: string;
beforeAll(async () => {
  h = await apiHarness();
  accountId = (await newAccount(h.ws.ctx, { employeeCount: 120 })).id;
  ae = await newMember(h.ws.ctx, 'ae', null);
});
afterAll(() => h.close());

const rowCount = async () =>
  (
    await queryRows<{ n: number }>(
      h.database.db,
      sql`select (select count(*) from opportunities) + (select count(*) from audit_log) as n`,
    )
  )[0]!.n;
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
const post = (url: string, payload: object) =>
  h.app.inject({ method: 'POST', url, headers: h.auth, payload });

describe('pipeline API', () => {
  it('rejects negative amounts and past close dates with 400 naming the field; nothing is written', async () => {
    const before = await rowCount();
    const negative = await post('/api/v1/opportunities', {
      accountId,
      name: 'x',
      closeDate: inDays(10),
      amountMrr: -1,
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.details[0].path).toBe('body.amountMrr');
    const past = await post('/api/v1/opportunities', {
      accountId,
      name: 'x',
      closeDate: '2021-04-01',
      ownerUserId: ae,
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().error).toMatchObject({ code: 'invalid_input', details: [{ path: 'closeDate' }] });
    const unknownAccount = await post('/api/v1/opportunities', {
      accountId: '00000000-0000-4000-8000-000000000000',
      name: 'x',
      closeDate: inDays(10),
    });
    expect(unknownAccount.statusCode).toBe(400);
    expect(unknownAccount.json().error.details[0].path).toBe('accountId');
    expect(await rowCount()).toBe(before);
  });

  it('gates phases (409 naming the open items), then forecasts the period against its quota', async () => {
    const now = new Date();
    const q = periodContaining(now, 4, 'Asia/Tokyo');
    // Today in the workspace's zone (the server refuses a close date before it), which is in q.
    const close = zonedDate(now, 'Asia/Tokyo');
    const created = await post('/api/v1/opportunities', {
      accountId,
      name: '基幹連携',
      closeDate: close,
      ownerUserId: ae,
      amountMrr: 400_000,
      amountOneTime: 1_000_000,
    });
    expect(created.statusCode).toBe(201);
    const opp = created.json();
    const blocked = await post(`/api/v1/opportunities/${opp.id}/phase`, {
      version: opp.version,
      to: 'evaluation',
    });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.message).toContain('qualification.meeting_held');
    const moved = await post(`/api/v1/opportunities/${opp.id}/phase`, {
      version: opp.version,
      to: 'approval',
      overrideReason: 'executive sponsor signed off the evaluation',
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ phase: 'approval', probability: 80, forecastCategory: 'commit' });
    const quota = await post('/api/v1/quotas', { period: q.key, ownerUserId: ae, amountMrr: 1_000_000 });
    expect(quota.statusCode).toBe(201);
    const forecast = await h.app.inject({
      method: 'GET',
      url: `/api/v1/forecast?period=${q.key}`,
      headers: h.auth,
    });
    expect(forecast.statusCode).toBe(200);
    expect(forecast.json().total).toMatchObject({
      closed: 0,
      commit: 400_000,
      weighted: 320_000,
      quota: 1_000_000,
      remainingQuota: 1_000_000,
      coverage: 0.4,
    });
    const next = fiscalPeriod(`FY${Number(q.key.slice(2, 6)) + 1}-Q1`, 4, 'Asia/Tokyo');
    const empty = await h.app.inject({
      method: 'GET',
      url: `/api/v1/forecast?period=${next.key}`,
      headers: h.auth,
    });
    expect(empty.json().total).toMatchObject({ commit: 0, quota: null });
    const bad = await h.app.inject({ method: 'GET', url: '/api/v1/forecast?period=2026Q1', headers: h.auth });
    expect(bad.statusCode).toBe(400);
    const hygiene = await h.app.inject({ method: 'GET', url: '/api/v1/pipeline/hygiene', headers: h.auth });
    expect(hygiene.json().issues[0].flags).toContain('no_next_step');
  });
});
