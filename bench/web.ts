/**
 * Browser benchmark of the web app: the JavaScript the landing page loads (gzip) and the
 * time until the leads list is interactive, in headless Debian Chromium against a real
 * `baton start` with a demo workspace. Prints a table and writes bench/results/web.json.
 *
 *   npm run bench:web            (BENCH_PEOPLE=2000 BENCH_RUNS=7 to change the size)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { startBaton } from '../e2e/start-baton.ts';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const BUDGET_KB = 500;
const PAGE = '/marketing/leads';
const PASSWORD = 'bench-admin-password-2026';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const p90 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.9) - 1)] ?? 0;

// Records when the list first shows rows and when the last long task ended, from navigation start.
const PROBE = `
  window.__bench = { rowsAt: 0, lastLongTaskEnd: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.lastLongTaskEnd = Math.max(window.__bench.lastLongTaskEnd, e.startTime + e.duration);
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((_, obs) => {
    if (document.querySelector('[data-testid=leads-table] tbody tr')) { window.__bench.rowsAt = performance.now(); obs.disconnect(); }
  }).observe(document, { childList: true, subtree: true });
`;

async function main(): Promise<void> {
  process.stdout.write(`Starting Baton with ${PEOPLE} demo people…\n`);
  const baton = await startBaton({ people: PEOPLE, adminPassword: PASSWORD });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ARGS,
  });
  try {
    const login = await fetch(`${baton.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.baton.example', password: PASSWORD }),
    });
    const cookie = /baton_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
    if (!cookie) throw new Error(`login failed: ${login.status}`);

    const tti: number[] = [];
    const rows: number[] = [];
    const dcl: number[] = [];
    let scripts: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      // A new context per run: cold cache, as a user's first visit.
      const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, locale: 'ja-JP' });
      await context.addCookies([{ name: 'baton_session', value: cookie, url: baton.url }]);
      await context.addInitScript(PROBE);
      const page = await context.newPage();
      const loaded: string[] = [];
      page.on('response', (res) => {
        if (res.request().resourceType() === 'script') loaded.push(new URL(res.url()).pathname);
      });
      await page.goto(`${baton.url}${PAGE}`);
      await page.locator('[data-testid=leads-table] tbody tr').first().waitFor();
      // Interactive: rows shown and the main thread quiet (no long task) for 500 ms.
      await page.waitForTimeout(600);
      const m = (await page.evaluate(
        `({ ...window.__bench, dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd })`,
      )) as { rowsAt: number; lastLongTaskEnd: number; dcl: number };
      rows.push(m.rowsAt);
      dcl.push(m.dcl);
      tti.push(Math.max(m.rowsAt, m.lastLongTaskEnd, m.dcl));
      scripts = loaded;
      await context.close();
    }

    const dist = join(import.meta.dirname, '..', 'web', 'dist');
    const files = [...new Set(scripts)].map((path) => {
      const body = readFileSync(join(dist, path));
      return { path, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
    });
    const gzipKb = files.reduce((s, f) => s + f.gzip, 0) / 1024;
    const rawKb = files.reduce((s, f) => s + f.bytes, 0) / 1024;
    const result = {
      page: PAGE,
      people: PEOPLE,
      runs: RUNS,
      measuredAt: new Date().toISOString(),
      initialJs: {
        files: files.length,
        rawKb: +rawKb.toFixed(1),
        gzipKb: +gzipKb.toFixed(1),
        budgetKb: BUDGET_KB,
      },
      timeToInteractiveMs: {
        median: Math.round(median(tti)),
        p90: Math.round(p90(tti)),
        runs: tti.map(Math.round),
      },
      rowsVisibleMs: { median: Math.round(median(rows)), p90: Math.round(p90(rows)) },
      domContentLoadedMs: { median: Math.round(median(dcl)), p90: Math.round(p90(dcl)) },
      withinBudget: gzipKb <= BUDGET_KB,
    };
    writeFileSync(join(import.meta.dirname, 'results', 'web.json'), `${JSON.stringify(result, null, 2)}\n`);
    const table = [
      ['metric', 'value'],
      [
        `initial JS of ${PAGE} (${files.length} files, gzip)`,
        `${result.initialJs.gzipKb} KB (budget ${BUDGET_KB} KB)`,
      ],
      ['initial JS (raw)', `${result.initialJs.rawKb} KB`],
      [
        'DOMContentLoaded median / p90',
        `${result.domContentLoadedMs.median} / ${result.domContentLoadedMs.p90} ms`,
      ],
      ['rows visible median / p90', `${result.rowsVisibleMs.median} / ${result.rowsVisibleMs.p90} ms`],
      [
        'time to interactive median / p90',
        `${result.timeToInteractiveMs.median} / ${result.timeToInteractiveMs.p90} ms`,
      ],
    ];
    const width = Math.max(...table.map((r) => r[0]!.length));
    for (const [k, v] of table) process.stdout.write(`${k!.padEnd(width)}  ${v}\n`);
    if (!result.withinBudget) process.exitCode = 1;
  } finally {
    await browser.close();
    await baton.stop();
  }
}

await main();
