import { defineConfig } from '@playwright/test';

/**
 * Browser journeys in Debian's Chromium (never a downloaded browser). The global setup
 * starts a real `baton start` on a free port with a 300-person demo workspace, on PGlite
 * or, when TEST_DATABASE_URL is set, on a fresh PostgreSQL database.
 */
export default defineConfig({
  testDir: 'e2e',
  // The screenshot generator rewrites docs/screenshots; it runs only as `npm run screenshots`.
  testIgnore: process.env.BATON_SCREENSHOTS ? [] : ['screenshots.spec.ts'],
  globalSetup: './e2e/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'e2e/.results',
  use: {
    baseURL: process.env.BATON_E2E_URL,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    viewport: { width: 1360, height: 860 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
