import { expect, test } from '@playwright/test';
import { ADMIN, newUser, signIn } from './baton.ts';

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

  test('the Japanese UI has no untranslated English on any page', async ({ page }) => {
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
      'SLA',
      'ROI',
      'Webhook',
      'API',
      'Web',
      'English',
      'THE',
      'MODEL',
    ]);
    for (const path of [
      '/marketing/campaigns',
      '/marketing/leads',
      '/accounts',
      '/settings/users',
      '/settings/api-tokens',
    ]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByRole('status')).toHaveCount(0);
      // Open a form too, so its labels and built-in buttons are checked.
      const create = page.getByRole('main').getByRole('button').first();
      if (path !== '/marketing/leads' && path !== '/accounts') await create.click();
      // Interface text only: headings, labels, buttons, column headers, navigation, badges.
      const texts = await page
        .locator(
          'h1, h2, label, button:not([data-testid=user-menu]), th, nav a, .mantine-Badge-label, [placeholder], [aria-label], [title]',
        )
        .evaluateAll((els) =>
          els
            // Rows hold the workspace's own data (names may be English); only their badges are interface.
            .filter((el) => !el.closest('tbody') || el.matches('.mantine-Badge-label'))
            .flatMap((el) => [
              el.matches('button[data-testid=user-menu]') ? '' : (el.textContent ?? ''),
              el.getAttribute('placeholder') ?? '',
              el.getAttribute('aria-label') ?? '',
              el.getAttribute('title') ?? '',
            ]),
        );
      const english = texts
        .flatMap((text) => text.match(/[A-Za-z]{2,}/g) ?? [])
        .filter((word) => !allowed.has(word));
      expect(english, `English words on ${path}`).toEqual([]);
      await page.keyboard.press('Escape');
    }
  });
});
