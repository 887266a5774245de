import { expect, test } from '@playwright/test';
import { ADMIN, adminApi, newUser, signIn } from './baton.ts';
import { mainPages } from './pages.ts';

test.describe('the shell', () => {
  test('a wrong password is refused with the reason, in Japanese', async ({ page }) => {
    await page.goto('/marketing/leads');
    await page.getByLabel('メールアドレス').fill(ADMIN.email);
    await page.getByLabel('パスワード').first().fill('not-the-password');
    await page.getByRole('button', { name: 'サインイン' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('サインインが必要です');
    await expect(alert).toContainText('The email or password is wrong.');
    await expect(alert).toContainText('password');
  });

  test('a user switches to English, the choice is remembered, and signs out', async ({ page, request }) => {
    const user = await newUser(request, ['marketing']);
    await signIn(page, user);
    // A Japanese workspace starts in Japanese.
    const nav = page.getByRole('navigation');
    await expect(nav.getByRole('link', { name: 'キャンペーン' })).toBeVisible();
    await expect(nav).toContainText('マーケティング');

    await page.getByTestId('language-switch').getByText('English').click();
    await expect(nav.getByRole('link', { name: 'Campaigns' })).toBeVisible();
    await expect(nav).toContainText('Field Sales');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');

    // Saved on the user, not only in this browser: a fresh browser context shows English after sign-in.
    await expect
      .poll(async () => {
        const res = await request.get(`/api/v1/users/${user.id}`);
        return ((await res.json()) as { locale: string | null }).locale;
      })
      .toBe('en');
    const other = await page.context().browser()!.newContext({ baseURL: process.env.BATON_E2E_URL });
    const second = await other.newPage();
    await signIn(second, user);
    await expect(second.getByRole('navigation').getByRole('link', { name: 'Leads' })).toBeVisible();
    await other.close();

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    // The session is gone: the API refuses the old cookie.
    expect((await page.request.get('/api/v1/me')).status()).toBe(401);
  });

  test('the navigation is reachable by keyboard', async ({ page }) => {
    await signIn(page);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: '本文へ移動' })).toBeFocused();
    const leads = page.getByRole('navigation').getByRole('link', { name: 'リード' });
    await leads.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/marketing\/leads$/);
    await expect(page.getByRole('heading', { name: 'リード', level: 1 })).toBeVisible();
  });

  test('the Japanese UI has no untranslated English on any page', async ({ page, request }) => {
    test.setTimeout(600_000);
    await signIn(page);
    // Acronyms THE MODEL uses as-is in Japanese, and the language switch's own label.
    const allowed = new Set([
      'Baton',
      'MQL',
      'SQL',
      'SAL',
      'MDR',
      'SDR',
      'AE',
      'ADR',
      'CSM',
      'IS',
      'MRR',
      'ARR',
      'NRR',
      'GRR',
      'KPI',
      // Marketing automation, as Japanese B2B writes it ("MA連携", e.g. in a deal's name).
      'MA',
      'SLA',
      'ROI',
      'CS',
      'NPS',
      'POD',
      'IT',
      'URL',
      'CSV',
      'UTF',
      'Webhook',
      'API',
      'Web',
      'English',
      'THE',
      'MODEL',
    ]);
    // Pages with a "new" form: the form is opened so its labels and built-in buttons are checked too.
    const forms: Record<string, string> = {
      campaigns: '新しいキャンペーン',
      cadences: '新しいケイデンス',
      users: 'ユーザーを追加',
      'api-tokens': 'トークンを作成',
      teams: 'チームを作成',
      webhooks: 'Webhook を追加',
    };
    const found: string[] = [];
    for (const { path, name } of await mainPages(await adminApi(request))) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      // Every loader gone: lists, reports and charts have drawn (a page's empty live regions stay).
      await expect(page.locator('.mantine-Loader-root')).toHaveCount(0, { timeout: 60_000 });
      const form = forms[name];
      if (form) {
        await page.getByRole('main').getByRole('button', { name: form }).first().click();
        await expect(page.getByRole('dialog')).toBeVisible();
      }
      // Interface text only: headings, labels, buttons, column headers, navigation, badges.
      const texts = await page
        .locator(
          'h1, h2, h3, h4, label, button:not([data-testid=user-menu]), th, nav a, .mantine-Badge-label, [placeholder], [aria-label], [title]',
        )
        .evaluateAll((els) =>
          els
            // Table rows and pipeline cards hold the workspace's own records (names may be English):
            // only their badges are interface. Hidden helpers (e.g. a textarea's sizer) are not shown.
            .filter((el) => !el.closest('tbody, [data-testid^=card-]') || el.matches('.mantine-Badge-label'))
            .filter((el) => !el.closest('[aria-hidden=true]'))
            .flatMap((el) => [
              // A chart's own labels are data (stage names, axis values); its accessible name is the interface.
              el.matches('button[data-testid=user-menu], [role=img]') ? '' : (el.textContent ?? ''),
              el.getAttribute('placeholder') ?? '',
              el.getAttribute('aria-label') ?? '',
              el.getAttribute('title') ?? '',
            ]),
        );
      const english = texts
        .flatMap((text) => text.match(/[A-Za-z]{2,}/g) ?? [])
        .filter((word) => !allowed.has(word));
      for (const word of new Set(english)) found.push(`${path}: ${word}`);
      if (form) {
        await page.keyboard.press('Escape');
        await expect(page.getByRole('dialog')).toBeHidden();
      }
    }
    expect(found).toEqual([]);
  });
});
