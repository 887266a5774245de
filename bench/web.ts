/**
 * Browser benchmark of the web app in headless Debian Chromium against a real `baton start`
 * with a demo workspace: the JavaScript each measured route loads (gzip) and the time until
 * it is interactive, median and p90 over several runs on a warm server. Prints a table and
 * writes bench/results/web.json.
 *
 *   npm run bench:web                         starts Baton with BENCH_PEOPLE (20,000) demo people
 *   BENCH_URL=http://127.0.0.1:3000 BENCH_PASSWORD=… npm run bench:web   reuses a running server
 *   BENCH_RUNS=9 to change the number of measured runs (one warm-up run per route is discarded)
 *
 * "Interactive" is measured, not estimated:
 * - /cockpit: the KPI tree shows its values, the funnel chart has drawn its bars (echarts
 *   loaded), and no long task (> 50 ms) runs after that; then a real click on the funnel's
 *   cohort/period toggle is timed (Event Timing: input to the next paint).
 * - /marketing/leads: the list shows rows and no long task runs after that.
 * The time is max(content ready, end of the last long task, DOMContentLoaded), from
 * navigation start, with a cold browser cache (a new context per run).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium, type Page } from '@playwright/test';
import { startBaton } from '../e2e/start-baton.ts';
import { median, p90 } from './stats.ts';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const PASSWORD = process.env.BENCH_PASSWORD ?? 'bench-admin-password-2026';
const BUDGET_KB = 500;
const BUDGET_MS = 1500;
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

interface Route {
  name: string;
  path: string;
  /** A selector whose first match means the route's content is shown with data. */
  ready: string[];
  /** An element to click once interactive, to time the response to input. */
  input?: string;
}

const ROUTES: Route[] = [
  {
    name: 'cockpit',
    path: '/cockpit',
    ready: ['[data-testid=kpi-tree] [data-testid=kpi-value]', '[data-testid=funnel-chart] svg path'],
    input: '[data-testid=funnel-view] label >> nth=1',
  },
  {
    name: 'leads',
    path: '/marketing/leads',
    ready: ['[data-testid=leads-table] tbody tr'],
  },
];

// Records, from navigation start, when each ready selector first matched, when every loader
// was gone, the end of the last long task and the duration of input events.
const probe = (ready: string[]) => `
  window.__bench = { readyAt: ${JSON.stringify(ready)}.map(() => 0), settledAt: 0, longTasks: [], events: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.events.push({ name: e.name, duration: e.duration, delay: e.processingStart - e.startTime });
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  new MutationObserver(() => {
    const b = window.__bench;
    ${JSON.stringify(ready)}.forEach((s, i) => { if (!b.readyAt[i] && document.querySelector(s)) b.readyAt[i] = performance.now(); });
    if (b.readyAt.every(Boolean) && !b.settledAt && !document.querySelector('[role=status], [role=img] .mantine-Loader-root'))
      b.settledAt = performance.now();
  }).observe(document, { childList: true, subtree: true, attributes: true });
`;

interface Sample {
  ready: number;
  interactive: number;
  settled: number;
  dcl: number;
  input: number | null;
  requests: { path: string; ms: number }[];
  scripts: string[];
}

async function measure(browser: Browser, url: string, cookie: string, route: Route): Promise<Sample> {
  // A new context per run: cold cache, as a user's first visit.
  const context = await browser.newContext({
    viewport: { width: 1360, height: 860 },
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
  await context.addCookies([{ name: 'baton_session', value: cookie, url }]);
  await context.addInitScript(probe(route.ready));
  const page = await context.newPage();
  const scripts: string[] = [];
  const requests: { path: string; ms: number }[] = [];
  page.on('response', (res) => {
    const u = new URL(res.url());
    if (res.request().resourceType() === 'script') scripts.push(u.pathname);
  });
  page.on('requestfinished', (req) => {
    const u = new URL(req.url());
    const timing = req.timing();
    if (u.pathname.startsWith('/api/'))
      requests.push({ path: `${u.pathname}${u.search}`, ms: Math.round(timing.responseEnd) });
  });
  try {
    await page.goto(`${url}${route.path}`);
    for (const s of route.ready)
      await page.locator(s).first().waitFor({ state: 'attached', timeout: 30_000 });
    // Interactive once the main thread has been quiet (no long task) for 500 ms.
    await quiet(page);
    const m = (await page.evaluate(
      `({ ...window.__bench, dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd })`,
    )) as { readyAt: number[]; settledAt: number; longTasks: [number, number][]; dcl: number };
    const ready = Math.max(...m.readyAt);
    const lastLongTaskEnd = Math.max(0, ...m.longTasks.map(([s, d]) => s + d));
    let input: number | null = null;
    if (route.input) {
      await page.locator(route.input).click();
      await page.waitForTimeout(300);
      const events = (await page.evaluate('window.__bench.events')) as { name: string; duration: number }[];
      // Below the 16 ms threshold no entry is written: the response took less than a frame.
      input = Math.max(
        16,
        ...events.filter((e) => /pointer|click|mouse/.test(e.name)).map((e) => e.duration),
      );
    }
    await page.waitForFunction('window.__bench.settledAt > 0', undefined, { timeout: 30_000 });
    const settledAt = (await page.evaluate('window.__bench.settledAt')) as number;
    return {
      ready,
      interactive: Math.max(ready, lastLongTaskEnd, m.dcl),
      settled: settledAt,
      dcl: m.dcl,
      input,
      requests,
      scripts,
    };
  } finally {
    await context.close();
  }
}

async function quiet(page: Page): Promise<void> {
  for (;;) {
    const last = (await page.evaluate(
      'Math.max(0, ...window.__bench.longTasks.map(([s, d]) => s + d), window.__bench.readyAt.reduce((a, b) => Math.max(a, b), 0))',
    )) as number;
    const now = (await page.evaluate('performance.now()')) as number;
    if (now - last >= 500) return;
    await page.waitForTimeout(Math.max(50, 500 - (now - last)));
  }
}

function jsSize(paths: string[]) {
  const dist = join(import.meta.dirname, '..', 'web', 'dist');
  const files = [...new Set(paths)].map((path) => {
    const body = readFileSync(join(dist, path));
    return { path, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
  });
  const kb = (n: number) => +(n / 1024).toFixed(1);
  const charts = files.filter((f) => /echarts-setup/.test(f.path));
  return {
    files: files.length,
    rawKb: kb(files.reduce((s, f) => s + f.bytes, 0)),
    gzipKb: kb(files.reduce((s, f) => s + f.gzip, 0)),
    chartsGzipKb: kb(charts.reduce((s, f) => s + f.gzip, 0)),
    largest: files
      .sort((a, b) => b.gzip - a.gzip)
      .slice(0, 5)
      .map((f) => ({ path: f.path, gzipKb: kb(f.gzip) })),
  };
}

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.baton.example', password: PASSWORD }),
  });
  const cookie = /baton_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error(`login failed: ${res.status}`);
  return cookie;
}

async function main(): Promise<void> {
  let url = process.env.BENCH_URL;
  let stop = async () => {};
  let people: number | 'unknown' = 'unknown';
  if (!url) {
    process.stdout.write(`Starting Baton with ${PEOPLE} demo people…\n`);
    const baton = await startBaton({ people: PEOPLE, adminPassword: PASSWORD });
    url = baton.url;
    stop = baton.stop;
    people = PEOPLE;
  } else if (process.env.BENCH_PEOPLE) people = PEOPLE;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ARGS,
  });
  try {
    const cookie = await login(url);
    const rows: Record<string, unknown>[] = [];
    const table: string[][] = [
      ['route', 'JS gzip (charts)', 'interactive med / p90', 'settled med / p90', 'input med / max'],
    ];
    for (const route of ROUTES) {
      // One warm-up run (server caches, Chromium's own start-up) is not counted.
      await measure(browser, url, cookie, route);
      const samples: Sample[] = [];
      for (let run = 0; run < RUNS; run++) samples.push(await measure(browser, url, cookie, route));
      const js = jsSize(samples.at(-1)!.scripts);
      const interactive = samples.map((s) => s.interactive);
      const settled = samples.map((s) => s.settled);
      const inputs = samples.flatMap((s) => (s.input === null ? [] : [s.input]));
      const api = new Map<string, number[]>();
      for (const s of samples)
        for (const r of s.requests) api.set(r.path, [...(api.get(r.path) ?? []), r.ms]);
      const row = {
        route: route.path,
        initialJs: { ...js, budgetKb: BUDGET_KB },
        interactiveMs: {
          median: Math.round(median(interactive)),
          p90: Math.round(p90(interactive)),
          budget: BUDGET_MS,
          runs: interactive.map(Math.round),
        },
        contentReadyMs: {
          median: Math.round(median(samples.map((s) => s.ready))),
          p90: Math.round(p90(samples.map((s) => s.ready))),
        },
        settledMs: { median: Math.round(median(settled)), p90: Math.round(p90(settled)) },
        domContentLoadedMs: {
          median: Math.round(median(samples.map((s) => s.dcl))),
          p90: Math.round(p90(samples.map((s) => s.dcl))),
        },
        inputResponseMs: inputs.length
          ? { median: Math.round(median(inputs)), max: Math.round(Math.max(...inputs)) }
          : null,
        apiMedianMs: Object.fromEntries([...api].map(([path, ms]) => [path, Math.round(median(ms))])),
        withinBudget: js.gzipKb <= BUDGET_KB && median(interactive) <= BUDGET_MS,
      };
      rows.push(row);
      table.push([
        route.path,
        `${js.gzipKb} KB (${js.chartsGzipKb} KB)`,
        `${row.interactiveMs.median} / ${row.interactiveMs.p90} ms`,
        `${row.settledMs.median} / ${row.settledMs.p90} ms`,
        row.inputResponseMs ? `${row.inputResponseMs.median} / ${row.inputResponseMs.max} ms` : '–',
      ]);
    }
    const result = {
      measuredAt: new Date().toISOString(),
      people,
      runs: RUNS,
      loadAverage: loadavg().map((n) => +n.toFixed(2)),
      budgets: { initialJsGzipKb: BUDGET_KB, cockpitInteractiveMs: BUDGET_MS },
      routes: rows,
    };
    writeFileSync(join(import.meta.dirname, 'results', 'web.json'), `${JSON.stringify(result, null, 2)}\n`);
    const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
    for (const r of table) process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i]!)).join('  ')}\n`);
    process.stdout.write(`load average ${result.loadAverage.join(' ')}\n`);
    if (rows.some((r) => !r.withinBudget)) process.exitCode = 1;
  } finally {
    await browser.close();
    await stop();
  }
}

await main();
