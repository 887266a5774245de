import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { adminApi, signIn } from './baton.ts';

/**
 * Japanese screenshots of every main page into docs/screenshots/ (`npm run screenshots`).
 * Skipped in the normal test run: they document, they do not assert behaviour.
 */
test.skip(!process.env.BATON_SCREENSHOTS, 'set BATON_SCREENSHOTS=1 (npm run screenshots)');
test.use({
  viewport: { width: 1440, height: 900 },
  deviceScaleFactor: 1,
  // Chromium draws date inputs in its own UI language.
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--lang=ja-JP'],
  },
});

const DIR = 'docs/screenshots';

async function shoot(page: Page, name: string): Promise<void> {
  await expect(page.getByRole('status')).toHaveCount(0);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${DIR}/${name}.png` });
}

test('Japanese screenshots of the main pages', async ({ page, request }) => {
  test.setTimeout(600_000);
  mkdirSync(DIR, { recursive: true });
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'サインイン' })).toBeVisible();
  await shoot(page, 'login');

  await signIn(page);
  await page.goto('/marketing/campaigns');
  await expect(page.getByTestId('campaigns-table')).toBeVisible();
  await shoot(page, 'campaigns');
  await page.getByRole('button', { name: '新しいキャンペーン' }).first().click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await shoot(page, 'campaign-form');
  await page.keyboard.press('Escape');

  await page.goto('/marketing/leads');
  await expect(page.getByTestId('leads-table')).toBeVisible();
  await shoot(page, 'leads');

  const api = await adminApi(request);
  const people = (await (await api.get('/api/v1/people?limit=1&sort=-updatedAt')).json()) as {
    items: { id: string }[];
  };
  await page.goto(`/marketing/leads/${people.items[0]!.id}`);
  await expect(page.getByTestId('person-name')).toBeVisible();
  await shoot(page, 'person');

  await page.goto('/accounts');
  await expect(page.getByTestId('accounts-table')).toBeVisible();
  await shoot(page, 'accounts');
  await page.getByTestId('accounts-table').getByRole('link').first().click();
  await expect(page.getByTestId('account-name')).toBeVisible();
  await shoot(page, 'account');

  await page.goto('/settings/users');
  await expect(page.getByTestId('users-table')).toBeVisible();
  await shoot(page, 'users');

  await page.goto('/settings/api-tokens');
  await expect(page.getByRole('heading', { name: 'API トークン', level: 1 })).toBeVisible();
  await shoot(page, 'api-tokens');

  const deals = (await (await api.get('/api/v1/opportunities?limit=1&phase=evaluation')).json()) as {
    items: { id: string }[];
  };
  // Every department's main screens, each named after its path.
  const pages: [string, string][] = [
    ['/cockpit', 'cockpit'],
    ['/cockpit/bottlenecks', 'bottlenecks'],
    ['/inside-sales/queue', 'queue'],
    ['/inside-sales/handoffs', 'handoffs'],
    ['/inside-sales/cadences', 'cadences'],
    ['/field-sales/pipeline', 'pipeline'],
    [`/field-sales/opportunities/${deals.items[0]?.id}`, 'opportunity'],
    ['/field-sales/hygiene', 'hygiene'],
    ['/field-sales/forecast', 'forecast'],
    ['/success/health', 'health'],
    ['/success/renewals', 'renewals'],
    ['/success/mrr', 'mrr'],
    ['/success/onboarding', 'onboarding'],
    ['/success/tasks', 'cs-tasks'],
    ['/planning', 'plan'],
    ['/planning/scenarios', 'scenarios'],
    ['/planning/org-sim', 'org-sim'],
    ['/settings/stages', 'stages'],
    ['/settings/scoring', 'scoring'],
    ['/settings/teams', 'teams'],
    ['/settings/tracking', 'tracking'],
    ['/settings/webhooks', 'webhooks'],
    ['/settings/import', 'import'],
  ];
  for (const [path, name] of pages) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // Charts draw after their library loads: wait for every chart's SVG.
    await expect(page.locator('[role=img] .mantine-Loader-root')).toHaveCount(0);
    await shoot(page, name);
  }
});
