import { type APIRequestContext, expect, test } from '@playwright/test';
import { ADMIN, adminApi, signIn, uniq } from './baton.ts';

const KEN = { email: 'ken.ono@demo.baton.example', password: ADMIN.password };
const yen = (n: number) => new Intl.NumberFormat('ja-JP', { style: 'currency', currency: 'JPY' }).format(n);
const count = (n: number) => new Intl.NumberFormat('ja-JP').format(n);

async function json<T>(request: APIRequestContext, url: string): Promise<T> {
  const res = await request.get(url);
  expect(res.ok(), `${url}: ${res.status()}`).toBeTruthy();
  return (await res.json()) as T;
}

/** Cookie-signed writes echo the session's CSRF cookie (as the web app does). */
async function csrfHeader(request: APIRequestContext): Promise<Record<string, string>> {
  const cookie = (await request.storageState()).cookies.find((c) => c.name === 'baton_csrf');
  return cookie ? { 'x-csrf-token': cookie.value } : {};
}

interface ForecastLine {
  ownerUserId: string | null;
  closed: number;
  commit: number;
  bestCase: number;
  pipeline: number;
  weighted: number;
  quota: number | null;
}

test('an AE works his pipeline: advances past exit criteria, sets a next step, checks hygiene and forecast', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  // Setup as the admin: two deals of Ken's own, so parallel journeys never touch them.
  const api = await adminApi(request);
  const ken = (await json<{ items: { id: string }[] }>(api, `/api/v1/users?q=${KEN.email}`)).items[0]!;
  const account = (await json<{ items: { id: string; name: string }[] }>(api, '/api/v1/accounts?limit=1'))
    .items[0]!;
  const quarter = (await json<{ period: { endDate: string } }>(api, '/api/v1/forecast')).period;
  const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const lastDay = new Date(Date.parse(`${quarter.endDate}T00:00:00Z`) - 86_400_000)
    .toISOString()
    .slice(0, 10);
  // Inside the current fiscal quarter, so both deals count in the default forecast.
  const closeDate = inAWeek < quarter.endDate ? inAWeek : lastDay;
  const headers = await csrfHeader(api);
  const create = async (name: string, amountMrr: number) => {
    const res = await api.post('/api/v1/opportunities', {
      headers,
      data: { accountId: account.id, name, ownerUserId: ken.id, amountMrr, closeDate },
    });
    expect(res.status()).toBe(201);
    return (await res.json()) as { id: string };
  };
  const dealName = uniq('基幹システム刷新');
  const deal = await create(dealName, 345_000);
  const neglected = await create(uniq('部門トライアル'), 80_000);

  await signIn(page, KEN);
  await page.getByRole('link', { name: 'パイプライン', exact: true }).click();
  await expect(page.getByRole('combobox', { name: '担当者' })).toHaveValue('自分の商談');
  await page.getByLabel('検索').fill(dealName);
  const qualification = page.getByTestId('column-qualification');
  const card = qualification.getByTestId(`card-${deal.id}`);
  await expect(card).toContainText(dealName);
  await expect(card).toContainText(account.name);
  await expect(card).toContainText(yen(345_000));
  await expect(page.getByTestId('column-totals-qualification')).toContainText(`1 件 · ${yen(345_000)}`);

  // Dragging to the next phase is refused while qualification's exit criteria are open.
  const next = page.getByTestId('column-problem_recognition');
  await card.dragTo(next);
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('move-blocked')).toContainText(dealName);
  await expect(dialog.getByLabel('お客様と初回の面談を実施した')).toBeVisible();
  await expect(dialog.getByLabel('課題の仮説を書き出した')).toBeVisible();
  await dialog.getByLabel('お客様と初回の面談を実施した').check();
  await dialog.getByLabel('課題の仮説を書き出した').check();
  await dialog.getByRole('button', { name: 'チェックを付けて進める' }).click();
  await expect(page.getByTestId('move-notice')).toContainText(`「${dealName}」を「課題認識」へ進めました。`);
  await expect(next.getByTestId(`card-${deal.id}`)).toBeVisible();
  await expect(qualification.getByTestId(`card-${deal.id}`)).toHaveCount(0);

  // The opportunity page: the move is in the history; a next step is saved and survives a reload.
  await next.getByRole('link', { name: dealName }).click();
  await expect(page.getByTestId('opportunity-name')).toHaveText(dealName);
  await expect(page.getByTestId('opportunity-phase')).toHaveText('課題認識');
  await expect(page.getByTestId('stage-history')).toContainText('リード以上・商談未満 → 課題認識');
  const step = `${closeDate} にキーマンと課題の優先度をすり合わせる`;
  await page.getByTestId('next-step-input').fill(step);
  await page.getByRole('button', { name: '次のステップを保存' }).click();
  await expect(page.getByTestId('next-step-status')).toHaveText('次のステップを保存しました');
  await page.reload();
  // A reload fetches the app's code again: allow a busy machine longer than one request.
  await expect(page.getByTestId('next-step-input')).toHaveValue(step, { timeout: 45_000 });
  expect((await json<{ nextStep: string }>(api, `/api/v1/opportunities/${deal.id}`)).nextStep).toBe(step);

  // From here the API is asked as Ken, to compare with what Ken sees.
  expect((await request.post('/api/v1/auth/login', { data: KEN })).ok()).toBeTruthy();
  await page.getByRole('link', { name: 'パイプラインの衛生' }).click();
  const issue = page.getByTestId(`issue-${neglected.id}`);
  await expect(issue).toContainText('次のステップがない');
  const hygiene = await json<{
    totals: { opportunities: number };
    byOwner: { userId: string; opportunities: number }[];
  }>(request, '/api/v1/pipeline/hygiene');
  await expect(page.getByTestId('hygiene-total')).toHaveText(count(hygiene.totals.opportunities));
  const mine = hygiene.byOwner.find((o) => o.userId === ken.id)!;
  await expect(page.getByTestId(`hygiene-owners-${ken.id}`).getByRole('cell').nth(1)).toHaveText(
    count(mine.opportunities),
  );
  await expect(page.getByTestId(`issue-${deal.id}`)).toHaveCount(0);
  await issue.getByRole('link', { name: /を直す/ }).click();
  await expect(page).toHaveURL(new RegExp(`/field-sales/opportunities/${neglected.id}`));

  await page.getByRole('link', { name: 'フォーキャスト', exact: true }).click();
  const forecast = await json<{ byOwner: ForecastLine[] }>(request, '/api/v1/forecast');
  const line = forecast.byOwner.find((l) => l.ownerUserId === ken.id)!;
  expect(line.pipeline).toBeGreaterThanOrEqual(345_000 + 80_000);
  await expect(page.getByTestId('headline-pipeline')).toHaveText(yen(line.pipeline));
  await expect(page.getByTestId('headline-weighted')).toHaveText(yen(line.weighted));
  const row = page.getByTestId(`forecast-row-${ken.id}`);
  for (const key of ['closed', 'commit', 'bestCase', 'pipeline', 'weighted'] as const)
    await expect(row.locator(`[data-col="${key}"]`)).toHaveText(yen(line[key]));
  await expect(row.locator('[data-col="quota"]')).toHaveText(
    line.quota === null ? '目標未設定' : yen(line.quota),
  );
  await expect(page.getByTestId('forecast-chart')).toContainText('大野 健');
});
