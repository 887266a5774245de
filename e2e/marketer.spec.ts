import { expect, test } from '@playwright/test';
import { adminApi, signIn, uniq } from './baton.ts';

test.describe('a day of the marketer', () => {
  test('creates a campaign and sees it in the list with its cost in yen, then edits it', async ({ page }) => {
    await signIn(page);
    await page.getByRole('link', { name: 'キャンペーン' }).click();
    await expect(page.getByRole('heading', { name: 'キャンペーン', level: 1 })).toBeVisible();
    await expect(page.getByTestId('campaigns-table')).toBeVisible();

    const name = uniq('春の導入事例セミナー');
    await page.getByRole('button', { name: '新しいキャンペーン' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('キャンペーン名').fill(name);
    await dialog.getByRole('combobox', { name: 'チャネル' }).click();
    await page.getByRole('option', { name: '展示会' }).click();
    await dialog.getByLabel('開始日').fill('2026-04-01');
    await dialog.getByLabel('終了日').fill('2026-04-30');
    await dialog.getByLabel('費用').fill('1234567');
    await dialog.getByRole('button', { name: '作成' }).click();
    await expect(dialog).toBeHidden();

    await page.getByLabel('検索').fill(name);
    const row = page.getByRole('row', { name: new RegExp(name) });
    await expect(row).toContainText('￥1,234,567');
    await expect(row).toContainText('展示会');
    await expect(row).toContainText('2026/04/01 – 2026/04/30');

    await row.getByRole('button', { name: /編集/ }).click();
    await dialog.getByLabel('費用').fill('2000000');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText('￥2,000,000');
  });

  test('sees why a campaign is rejected, with the field named', async ({ page }) => {
    await signIn(page);
    await page.goto('/marketing/campaigns');
    await page.getByRole('button', { name: '新しいキャンペーン' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('キャンペーン名').fill(uniq('期間の誤り'));
    await dialog.getByLabel('開始日').fill('2026-05-10');
    await dialog.getByLabel('終了日').fill('2026-05-01');
    await dialog.getByRole('button', { name: '作成' }).click();
    const alert = dialog.getByRole('alert');
    await expect(alert).toContainText('入力内容に問題があります');
    await expect(alert).toContainText('endsOn');
    await expect(dialog.getByText('the end date is before the start date').first()).toBeVisible();
  });

  test('finds leads by stage and search, pages through them and edits one', async ({ page, request }) => {
    await signIn(page);
    await page.getByRole('link', { name: 'リード' }).click();
    const table = page.getByTestId('leads-table');
    await expect(table).toBeVisible();
    await expect(page.getByTestId('list-count')).toContainText('50 件を表示中');
    await page.getByRole('button', { name: 'さらに読み込む' }).click();
    await expect(page.getByTestId('list-count')).toContainText('100 件を表示中');

    await page.getByTestId('stage-filter').click();
    await page.getByRole('option', { name: 'リード育成' }).click();
    await expect(page).toHaveURL(/stage=nurturing/);
    // The demo's people are all in "lead" until the lifecycle engine moves them: an empty
    // filtered list says how to widen the search.
    const api = await adminApi(request);
    const nurturing = (await (await api.get('/api/v1/people?lifecycleStage=nurturing&limit=1')).json()) as {
      items: unknown[];
    };
    if (nurturing.items.length === 0) {
      await expect(page.getByTestId('empty-state')).toContainText('条件に合うリードはいません');
    } else {
      await expect(table.getByText('リード育成').first()).toBeVisible();
    }
    await page.goto('/marketing/leads');

    // The oldest demo person: journeys running beside this one add people of their own.
    const sample = (await (await api.get('/api/v1/people?limit=1&sort=createdAt')).json()) as {
      items: { id: string; lastName: string; email: string }[];
    };
    const person = sample.items[0]!;
    await page.getByLabel('検索').fill(person.email);
    await expect(page.getByTestId('list-count')).not.toContainText('50 件');
    await table.getByRole('row').filter({ hasText: person.email }).getByRole('link').first().click();
    await expect(page.getByTestId('person-name')).toContainText(person.lastName);

    const title = uniq('営業企画');
    await page.getByRole('button', { name: '編集' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('役職').fill(title);
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(title).first()).toBeVisible();

    // Someone else changes the person meanwhile: the stale edit is refused, not overwritten.
    const current = (await (await api.get(`/api/v1/people/${person.id}`)).json()) as { version: number };
    await api.patch(`/api/v1/people/${person.id}`, {
      data: { version: current.version, department: '別の部署' },
    });
    await page.getByRole('button', { name: '編集' }).click();
    await dialog.getByLabel('役職').fill('競合する変更');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.getByRole('alert')).toContainText('他の人がこのレコードを先に更新しました');
    await dialog.getByRole('button', { name: '最新の内容を読み込む' }).click();
    await expect(page.getByText('別の部署').first()).toBeVisible();
  });
});
