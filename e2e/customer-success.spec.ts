import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { ADMIN, adminApi, signIn, uniq } from './baton.ts';

/** The demo's CSMs (enterprise, then SMB), each with his or her display name. */
const CSMS = [
  { email: 'takumi.chiba@demo.baton.example', name: '千葉 拓海' },
  { email: 'haruka.yokoyama@demo.baton.example', name: '横山 悠' },
  { email: 'kei.masuda@demo.baton.example', name: '増田 圭' },
];
const CSM = { email: CSMS[0]!.email, password: ADMIN.password };
const AM = { email: 'osamu.hirano@demo.baton.example', password: ADMIN.password };
const percent = new Intl.NumberFormat('ja-JP', { style: 'percent', maximumFractionDigits: 1 });
const FACTOR_LABELS: Record<string, string> = {
  usage_events: '製品の利用',
  active_users: 'アクティブユーザー',
  support_tickets: 'サポート問い合わせ',
  nps: 'NPS',
  engagement: 'CS の接触',
  days_to_renewal: '契約更新までの日数',
};

interface Customer {
  id: string;
  name: string;
  healthScore: number | null;
  healthBand: string | null;
  onboardingDone: number;
  onboardingTotal: number;
}

async function get<T>(api: APIRequestContext, path: string): Promise<T> {
  const res = await api.get(path);
  expect(res.ok(), `${path}: ${res.status()}`).toBeTruthy();
  return (await res.json()) as T;
}

async function userId(api: APIRequestContext, email: string): Promise<string> {
  const page = await get<{ items: { id: string; email: string }[] }>(api, `/api/v1/users?q=${email}`);
  return page.items.find((u) => u.email === email)!.id;
}

/** Writes of a cookie session echo its CSRF cookie in a header. */
async function csrf(api: APIRequestContext): Promise<Record<string, string>> {
  const cookie = (await api.storageState()).cookies.find((c) => c.name === 'baton_csrf');
  return cookie ? { 'x-csrf-token': cookie.value } : {};
}

const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('link', { name, exact: true });

// Each journey signs in and walks several pages; on a busy machine that takes longer than the default.
test.describe.configure({ timeout: 180_000 });

test('a CSM sees his book by health and reads why an account is at risk', async ({ page, request }) => {
  const api = await adminApi(request);
  // The small demo of these journeys starts at the hour they run: which CSM's book holds a
  // red account varies with it, so the journey follows the first CSM whose book does.
  let found: { csm: (typeof CSMS)[number]; me: string; worst: Customer } | undefined;
  for (const csm of CSMS) {
    const me = await userId(api, csm.email);
    const book = await get<{ items: Customer[] }>(
      api,
      `/api/v1/success/accounts?csmUserId=${me}&sort=healthScore&limit=200`,
    );
    const worst = book.items.find((c) => c.healthBand === 'red' || c.healthBand === 'yellow');
    if (worst && book.items.some((c) => c.healthBand === 'red')) {
      found = { csm, me, worst };
      break;
    }
  }
  expect(found, 'the demo gives a CSM a red account').toBeTruthy();
  const { csm, me, worst } = found!;
  const summary = await get<{ bands: Record<string, { accounts: number }> }>(
    api,
    `/api/v1/success/accounts/summary?csmUserId=${me}`,
  );

  await signIn(page, { ...CSM, email: csm.email });
  await nav(page, 'ヘルススコア').click();
  // A CSM starts on his own book.
  await expect(page.getByRole('combobox', { name: 'CSM' })).toHaveValue(new RegExp(csm.name));
  await expect(page.getByTestId('mix-red-count')).toContainText(`${summary.bands.red!.accounts} 社`);
  await expect(page.getByTestId('mix-yellow-count')).toContainText(`${summary.bands.yellow!.accounts} 社`);
  const rows = page.getByTestId('customer-row');
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) await expect(row).toContainText(csm.name);

  // Only the red ones, then the worst account's explanation.
  await page.getByTestId('mix-red').click();
  await expect(rows.first()).toHaveAttribute('data-band', 'red');
  await page.getByTestId('mix-red').click();
  await page.getByRole('button', { name: worst.name }).click();
  const detail = await get<{
    customer: { healthExplanation: { factors: { key: string; weight: number; points: number }[] } };
  }>(api, `/api/v1/success/accounts/${worst.id}`);
  const panel = page.getByTestId('customer-success-panel');
  await expect(panel.getByTestId('health-badge')).toContainText(String(worst.healthScore));
  const topLoss = detail.customer.healthExplanation.factors[0]!;
  await expect(panel.getByTestId('health-reason')).toContainText(FACTOR_LABELS[topLoss.key]!);
  await expect(panel.getByTestId(`factor-${topLoss.key}`)).toContainText(`/ ${topLoss.weight} 点`);
  await expect(panel.getByTestId('health-history')).toBeVisible();
});

test('renewals by month and the MRR chart show what the API reports', async ({ page, request }) => {
  const api = await adminApi(request);
  const me = await userId(api, CSM.email);
  const calendar = await get<{ months: { month: string; renewals: number }[] }>(
    api,
    `/api/v1/success/renewals/calendar?csmUserId=${me}`,
  );
  const monthly = await get<{ periods: { period: string; nrr: number | null; grr: number | null }[] }>(
    api,
    '/api/v1/reports/mrr?by=month',
  );
  const quarterly = await get<{ periods: { period: string; nrr: number | null; grr: number | null }[] }>(
    api,
    '/api/v1/reports/mrr?by=quarter',
  );

  await signIn(page, CSM);
  await nav(page, '契約更新').click();
  await expect(page.getByTestId('renewal-calendar').getByRole('button')).toHaveCount(12);
  const total = calendar.months.reduce((s, m) => s + m.renewals, 0);
  await expect(page.getByTestId('renewals-total')).toContainText(`12 か月で ${total} 件`);
  const busiest = calendar.months.reduce((a, b) => (b.renewals > a.renewals ? b : a));
  await page.getByTestId(`month-${busiest.month}`).click();
  await expect(page.getByTestId('renewal-row')).toHaveCount(Math.min(busiest.renewals, 25));

  await nav(page, 'MRR の動き').click();
  await expect(page.getByTestId('mrr-chart')).toBeVisible();
  const shown = page.getByTestId('mrr-selected-period');
  const expectRates = async (periods: typeof monthly.periods) => {
    const key = await shown.getAttribute('data-period');
    const period = periods.find((p) => p.period === key)!;
    expect(period, `period ${key} is in the report`).toBeTruthy();
    const rate = (r: number | null) => (r === null ? '—' : percent.format(r));
    await expect(page.getByTestId('stat-nrr')).toHaveText(rate(period.nrr));
    await expect(page.getByTestId('stat-grr')).toHaveText(rate(period.grr));
  };
  await expect(shown).toHaveAttribute('data-period', /^\d{4}-\d{2}$/);
  await expectRates(monthly.periods);
  await page.getByText('四半期（会計年度）').click();
  await expect(shown).toHaveAttribute('data-period', /^FY\d{4}-Q\d$/);
  await expectRates(quarterly.periods);
  await expect(page.getByTestId('mrr-table').getByRole('row')).toHaveCount(quarterly.periods.length + 1);
});

test('onboarding: the ONB completes a checklist item and the progress moves', async ({ page, request }) => {
  const api = await adminApi(request);
  // A new customer of its own, so no other journey completes its items.
  const name = uniq('E2E オンボーディング');
  const headers = await csrf(api);
  const made = await api.post('/api/v1/accounts', { data: { name }, headers });
  expect(made.status()).toBe(201);
  const account = (await made.json()) as { id: string };
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
  const created = await api.post('/api/v1/subscriptions', {
    data: { accountId: account.id, plan: 'standard', mrr: 50_000, startsOn: today },
    headers,
  });
  expect(created.status()).toBe(201);
  const view = await get<{ team: { onb: { id: string } | null } }>(
    api,
    `/api/v1/success/accounts/${account.id}`,
  );
  const onb = await get<{ email: string }>(api, `/api/v1/users/${view.team.onb!.id}`);
  const before = (
    await get<{ items: Customer[] }>(api, `/api/v1/success/accounts?stage=onboarding&q=${name}`)
  ).items[0]!;
  expect(before.onboardingDone).toBe(0);

  await signIn(page, { email: onb.email, password: ADMIN.password });
  await nav(page, 'オンボーディング').click();
  await expect(page.getByTestId('kpi-ttfv')).toBeVisible();
  await page.getByLabel('検索').fill(name);
  const row = page.getByTestId('onboarding-row').filter({ hasText: name });
  await expect(row.getByTestId('row-progress-text')).toHaveText(`0 / ${before.onboardingTotal} 完了`);
  await row.getByRole('button', { name }).click();
  const checklist = page.getByTestId('onboarding-checklist');
  await expect(checklist.getByTestId('checklist-item')).toHaveCount(before.onboardingTotal);
  await checklist
    .getByRole('button', { name: /完了にする/ })
    .first()
    .click();
  await expect(checklist.getByTestId('checklist-progress-text')).toHaveText(
    `1 / ${before.onboardingTotal} 完了`,
  );
  await expect(checklist.locator('[data-status="done"]')).toHaveCount(1);
  await expect(row.getByTestId('row-progress-text')).toHaveText(`1 / ${before.onboardingTotal} 完了`);
  const after = (await get<{ items: Customer[] }>(api, `/api/v1/success/accounts?stage=onboarding&q=${name}`))
    .items[0]!;
  expect(after.onboardingDone).toBe(1);
});

test('the AM accepts an expansion signal and it leaves the open list', async ({ page, request }) => {
  const api = await adminApi(request);
  const am = await userId(api, AM.email);
  const open = await get<{ items: { id: string; accountName: string }[] }>(
    api,
    `/api/v1/success/expansion-signals?status=open&amUserId=${am}&sort=detectedAt&limit=200`,
  );
  expect(open.items.length, 'the demo leaves open expansion signals for the AM').toBeGreaterThan(0);
  // The oldest open signal: the one that has waited longest for a decision.
  const signal = open.items[0]!;

  await signIn(page, AM);
  await nav(page, 'リスクと拡大').click();
  await expect(page.getByRole('tab', { name: /拡大の兆候/ })).toHaveAttribute('aria-selected', 'true');
  const row = page.locator(`[data-signal-id="${signal.id}"]`);
  await page.getByLabel('検索').fill(signal.accountName);
  await row.getByRole('button', { name: `商談化する: ${signal.accountName}` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('見込み MRR').fill('30000');
  await dialog.getByLabel('次のアクション').fill('利用部門の拡大を提案する');
  await dialog.getByRole('button', { name: '商談化する' }).click();
  await expect(page.getByTestId('signal-accepted')).toContainText(signal.accountName);
  await expect(row).toHaveCount(0);

  const accepted = await get<{ items: { id: string; opportunityId: string | null }[] }>(
    api,
    `/api/v1/success/expansion-signals?status=accepted&q=${encodeURIComponent(signal.accountName)}&limit=200`,
  );
  const mine = accepted.items.find((s) => s.id === signal.id);
  expect(mine?.opportunityId).toBeTruthy();
  await page.getByTestId('signal-accepted').getByRole('link', { name: '商談を開く' }).click();
  await expect(page).toHaveURL(new RegExp(`/field-sales/opportunities/${mine!.opportunityId}`));
});
