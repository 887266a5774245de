import { expect, test } from '@playwright/test';
import { signIn, uniq } from './baton.ts';

test.describe('a day of the RevOps admin', () => {
  test('adds a user with a role, changes the roles, and deactivates them', async ({ page }) => {
    await signIn(page);
    await page.getByRole('link', { name: 'ユーザーとロール' }).click();
    await expect(page.getByTestId('users-table')).toBeVisible();

    const email = `${uniq('is')}@demo.baton.example`;
    const name = uniq('新人 インサイドセールス');
    await page.getByRole('button', { name: 'ユーザーを追加' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('表示名').fill(name);
    await dialog.getByLabel('メールアドレス').fill(email);
    await dialog.getByLabel('初期パスワード').fill('short');
    await dialog.getByRole('combobox', { name: 'ロール' }).click();
    await page.getByRole('option', { name: 'MDR（インバウンド IS）' }).click();
    await dialog.getByRole('heading').click();
    await dialog.getByRole('button', { name: 'ユーザーを追加' }).click();
    // The API names the field that is wrong.
    await expect(dialog.getByRole('alert')).toContainText('password');
    await dialog.getByLabel('初期パスワード').fill('a-long-enough-password');
    await dialog.getByRole('button', { name: 'ユーザーを追加' }).click();
    await expect(dialog).toBeHidden();

    await page.getByLabel('検索').fill(email);
    // Wait for the search to narrow the list to the new user (header and one row): its row
    // can first show in the refreshed unfiltered list, and a click as the filtered list
    // replaces it lands on whatever moved under the pointer.
    await expect(page.getByRole('row')).toHaveCount(2);
    const row = page.getByRole('row', { name: new RegExp(email) });
    await expect(row).toContainText('MDR（インバウンド IS）');
    await expect(row).toContainText('有効');

    await row.getByRole('button', { name: 'ロールを編集' }).click();
    await dialog.getByRole('combobox', { name: 'ロール' }).click();
    await page.getByRole('option', { name: 'SDR（アウトバウンド IS）' }).click();
    await dialog.getByRole('heading').click();
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText('SDR（アウトバウンド IS）');

    await row.getByRole('button', { name: '無効にする' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '無効にする' }).click();
    await expect(row).toContainText('無効');
    await expect(row.getByRole('button', { name: '有効にする' })).toBeVisible();
  });

  test('creates an API token, sees the secret once, uses it, and revokes it', async ({
    page,
    playwright,
  }) => {
    await signIn(page);
    await page.getByRole('link', { name: 'API トークン' }).click();
    const name = uniq('週次レポート');
    await page.getByRole('button', { name: 'トークンを作成' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名前').fill(name);
    await dialog.getByRole('button', { name: 'トークンを作成' }).click();
    await expect(dialog).toContainText('このトークンが表示されるのは今だけです');
    const secret = (await dialog.getByTestId('token-secret').textContent())?.trim() ?? '';
    expect(secret.length).toBeGreaterThan(20);
    await dialog.getByRole('button', { name: '保管しました' }).click();

    const row = page.getByRole('row', { name: new RegExp(name) });
    await expect(row).toContainText('有効');
    await expect(page.getByText(secret)).toHaveCount(0);

    const bearer = await playwright.request.newContext({
      baseURL: process.env.BATON_E2E_URL,
      extraHTTPHeaders: { authorization: `Bearer ${secret}` },
    });
    expect((await bearer.get('/api/v1/me')).status()).toBe(200);

    await row.getByRole('button', { name: '失効させる' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '失効させる' }).click();
    await expect(row).toContainText('失効済み');
    expect((await bearer.get('/api/v1/me')).status()).toBe(401);
    await bearer.dispose();
  });
});
