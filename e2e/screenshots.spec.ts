import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { adminApi, signIn } from './baton.ts';
import { mainPages } from './pages.ts';

/**
 * Japanese screenshots of every page of the navigation into docs/screenshots/
 * (`npm run screenshots`), each named after its page (e2e/pages.ts). A generator, not a test:
 * playwright.config.ts leaves it out of the test run, which must not rewrite the committed
 * images, and it asserts nothing the journeys do not (every page it visits is checked by
 * shell.spec.ts's walk through the navigation).
 */
test.use({
  viewport: { width: 1280, height: 800 },
  deviceScaleFactor: 1,
  // Chromium draws date inputs in its own UI language.
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--lang=ja-JP'],
  },
});

const DIR = 'docs/screenshots';

async function shoot(page: Page, name: string): Promise<void> {
  // Every loader gone (lists, reports, charts); a page's empty live regions may stay.
  await expect(page.locator('.mantine-Loader-root')).toHaveCount(0, { timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${DIR}/${name}.png` });
}

test('Japanese screenshots of every page', async ({ page, request }) => {
  test.setTimeout(900_000);
  mkdirSync(DIR, { recursive: true });
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'サインイン' })).toBeVisible();
  await shoot(page, 'login');

  await signIn(page);
  for (const { path, name } of await mainPages(await adminApi(request))) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await shoot(page, name);
  }

  await page.goto('/marketing/campaigns');
  await page.getByRole('button', { name: '新しいキャンペーン' }).first().click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await shoot(page, 'campaign-form');
});
