import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness } from '../../test/api/harness.ts';
import { accountUseCases } from '../crm/manage-accounts.ts';
import { insertExpansionSignals } from './store.ts';

let h: Awaited<ReturnType<typeof apiHarness>>;
const accounts: Record<string, string> = {};
const team: Record<string, string> = {};

const get = (url: string) => h.app.inject({ method: 'GET', url, headers: h.auth });
const post = (url: string, payload: object = {}) =>
  h.app.inject({ method: 'POST', url, headers: h.auth, payload });

beforeAll(async () => {
  h = await apiHarness();
  for (const role of ['onb', 'csm', 'am'] as const) {
    const res = await post('/api/v1/users', {
      email: `${role}@list.example.co.jp`,
      displayName: `${role} 担当`,
      roles: [{ role }],
    });
    team[role] = res.json().id;
  }
  const subs: [string, string, number, string][] = [
    ['aoba', '青葉商事', 100_000, '2025-04-01'],
    ['shirakaba', '白樺工業', 250_000, '2025-05-15'],
    ['momiji', '紅葉ラボ', 40_000, '2025-06-20'],
  ];
  for (const [key, name, mrr, startsOn] of subs) {
    const account = await accountUseCases.create(h.ws.ctx, { name });
    accounts[key] = account.id as string;
    expect(
      (await post('/api/v1/subscriptions', { accountId: account.id, plan: 'pro', mrr, startsOn })).statusCode,
    ).toBe(201);
  }
});
afterAll(async () => {
  await h.close();
});

describe('Customer Success lists', () => {
  it('lists customer accounts with MRR, renewal, team and onboarding progress; pages by keyset', async () => {
    const first = (await get('/api/v1/success/accounts?sort=-mrr&limit=2')).json();
    expect(first.items.map((a: { name: string }) => a.name)).toEqual(['白樺工業', '青葉商事']);
    expect(first.items[0]).toMatchObject({
      customerStage: 'onboarding',
      mrr: 250_000,
      renewsOn: '2026-05-15',
      csmUserId: team.csm,
      csmName: 'csm 担当',
      onbName: 'onb 担当',
      amName: 'am 担当',
      onboardingDone: 0,
      onboardingTotal: 5,
      healthBand: null,
    });
    expect(first.items[0].onboardingStartedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const second = (
      await get(`/api/v1/success/accounts?sort=-mrr&limit=2&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items.map((a: { name: string }) => a.name)).toEqual(['紅葉ラボ']);
    expect(second.nextCursor).toBeNull();
    const searched = (await get(`/api/v1/success/accounts?q=${encodeURIComponent('紅葉')}`)).json();
    expect(searched.items).toHaveLength(1);
    expect((await get(`/api/v1/success/accounts?csmUserId=${team.onb}`)).json().items).toEqual([]);
    expect((await get('/api/v1/success/accounts?stage=churned')).json().items).toEqual([]);
  });

  it('counts completed checklist items and gives the health mix after a recompute', async () => {
    const tasks = (
      await get(`/api/v1/success/tasks?kind=onboarding&accountId=${accounts.aoba}&sort=dueAt`)
    ).json();
    expect(tasks.items).toHaveLength(5);
    expect(tasks.items[0]).toMatchObject({
      status: 'open',
      accountName: '青葉商事',
      assigneeName: 'onb 担当',
    });
    expect((await post(`/api/v1/success/onboarding-tasks/${tasks.items[0].id}/complete`)).statusCode).toBe(
      200,
    );
    const row = (await get('/api/v1/success/accounts?q=青葉')).json().items[0];
    expect(row).toMatchObject({ onboardingDone: 1, onboardingTotal: 5 });
    const open = (await get(`/api/v1/success/tasks?status=open&accountId=${accounts.aoba}`)).json();
    expect(open.items).toHaveLength(4);

    expect((await post('/api/v1/success/health/recompute', {})).statusCode).toBe(200);
    const summary = (await get('/api/v1/success/accounts/summary')).json();
    expect(summary.total).toEqual({ accounts: 3, mrr: 390_000 });
    const bands = ['green', 'yellow', 'red', 'unscored'] as const;
    expect(bands.reduce((s, b) => s + summary.bands[b].accounts, 0)).toBe(3);
    expect(summary.bands.unscored.accounts).toBe(0);
    expect(summary.team).toEqual(
      expect.arrayContaining([{ userId: team.csm, displayName: 'csm 担当', role: 'csm', accounts: 3 }]),
    );
    const scored = (await get('/api/v1/success/accounts?sort=healthScore')).json().items;
    expect(scored.every((a: { healthScore: number | null }) => typeof a.healthScore === 'number')).toBe(true);
  });

  it('lists renewals in a range and per month by band', async () => {
    const list = (await get('/api/v1/success/renewals?from=2026-04-01&to=2026-05-31&sort=renewsOn')).json();
    expect(
      list.items.map((r: { accountName: string; renewsOn: string }) => [r.accountName, r.renewsOn]),
    ).toEqual([
      ['青葉商事', '2026-04-01'],
      ['白樺工業', '2026-05-15'],
    ]);
    expect(list.items[0]).toMatchObject({
      mrr: 100_000,
      plan: 'pro',
      csmName: 'csm 担当',
      renewalOpportunityId: null,
    });
    const calendar = (await get('/api/v1/success/renewals/calendar?from=2026-04&months=3')).json();
    expect(
      calendar.months.map((m: { month: string; renewals: number; mrr: number }) => [
        m.month,
        m.renewals,
        m.mrr,
      ]),
    ).toEqual([
      ['2026-04', 1, 100_000],
      ['2026-05', 1, 250_000],
      ['2026-06', 1, 40_000],
    ]);
    expect(calendar.months[1]).toMatchObject({ from: '2026-05-01', to: '2026-05-31' });
  });

  it('names the account and its team beside each expansion signal and on the customer view', async () => {
    await insertExpansionSignals(h.ws.ctx, [
      { accountId: accounts.shirakaba!, evidence: { usageByWindow: [1, 2, 3] } },
    ]);
    const signals = (await get('/api/v1/success/expansion-signals?status=open')).json();
    expect(signals.items[0]).toMatchObject({ accountName: '白樺工業', amUserId: team.am, amName: 'am 担当' });
    const mine = (
      await get(`/api/v1/success/expansion-signals?amUserId=${team.am}&q=${encodeURIComponent('白樺')}`)
    ).json();
    expect(mine.items).toHaveLength(1);
    expect(
      (await get(`/api/v1/success/expansion-signals?q=${encodeURIComponent('紅葉')}`)).json().items,
    ).toEqual([]);
    expect((await get(`/api/v1/success/expansion-signals?csmUserId=${team.am}`)).json().items).toEqual([]);
    const view = (await get(`/api/v1/success/accounts/${accounts.shirakaba}`)).json();
    expect(view.team).toEqual({
      onb: { id: team.onb, displayName: 'onb 担当' },
      csm: { id: team.csm, displayName: 'csm 担当' },
      am: { id: team.am, displayName: 'am 担当' },
    });
  });

  it('answers a bad sort, cursor or filter with a 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['/api/v1/success/accounts?sort=secret', 'sort'],
      ['/api/v1/success/accounts?band=blue', 'querystring.band'],
      [
        '/api/v1/success/renewals?sort=mrr&cursor=WyJ4IiwiMDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAwIl0',
        'cursor',
      ],
      ['/api/v1/success/renewals?from=2026-02-30', 'querystring.from'],
      ['/api/v1/success/renewals/calendar?from=2026-13', 'querystring.from'],
      ['/api/v1/success/tasks?kind=cadence_step', 'querystring.kind'],
    ];
    for (const [url, path] of cases) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(
        res.json().error.details.map((d: { path: string }) => d.path),
        url,
      ).toContain(path);
    }
  });
});
