import { expect, test } from '@playwright/test';
import { adminApi, signIn } from './baton.ts';

test('a field-sales rep finds an account by search, sorts by size and sees its people', async ({
  page,
  request,
}) => {
  const api = await adminApi(request);
  const biggest = (
    (await (await api.get('/api/v1/accounts?limit=1&sort=-employeeCount')).json()) as {
      items: { id: string; name: string; employeeCount: number }[];
    }
  ).items[0]!;

  await signIn(page);
  await page.getByRole('link', { name: '取引先' }).click();
  const table = page.getByTestId('accounts-table');
  await expect(table).toBeVisible();
  await table.getByRole('button', { name: /従業員数/ }).click();
  await expect(page).toHaveURL(/sort=employeeCount/);
  await table.getByRole('button', { name: /従業員数/ }).click();
  await expect(page).toHaveURL(/sort=-employeeCount/);
  const firstRow = table.getByRole('row').nth(1);
  await expect(firstRow).toContainText(biggest.name);
  await expect(firstRow).toContainText(new Intl.NumberFormat('ja-JP').format(biggest.employeeCount));

  const people = (
    (await (await api.get(`/api/v1/people?accountId=${biggest.id}&limit=200`)).json()) as { items: unknown[] }
  ).items;
  await page.getByLabel('検索').fill(biggest.name);
  await table.getByRole('link', { name: biggest.name }).click();
  await expect(page.getByTestId('account-name')).toHaveText(biggest.name);
  if (people.length > 0) {
    await expect(page.getByTestId('account-people').getByRole('row')).toHaveCount(
      Math.min(people.length, 25) + 1,
    );
  } else {
    await expect(page.getByText('この取引先にはまだ人が登録されていません。')).toBeVisible();
  }
});
