import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { ADMIN, signIn, uniq } from './baton.ts';

const KYOKO = { email: 'kyoko.nishimura@demo.baton.example', password: ADMIN.password };

interface KpiNode {
  key: string;
  value: number | null;
  children?: KpiNode[];
}
interface Finding {
  kind: string;
  revenueAtStake: number | null;
  affected: { type: string; id: string }[];
}

/** The previous calendar month in the workspace zone: a whole period with data in the demo. */
function previousMonth(): { from: string; to: string; nameJa: string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
  const [y, m] = today.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 2, 1));
  const end = new Date(Date.UTC(y, m - 1, 0));
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const nameJa = new Intl.DateTimeFormat('ja-JP', { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    start,
  );
  return { from: day(start), to: day(end), nameJa };
}

/** A manager of their own (the language choice is saved on the user, so the shared RevOps lead keeps Japanese). */
async function newManager(request: APIRequestContext) {
  expect((await request.post('/api/v1/auth/login', { data: ADMIN })).ok()).toBeTruthy();
  const csrf = (await request.storageState()).cookies.find((c) => c.name === 'baton_csrf')?.value ?? '';
  const email = `${uniq('revops')}@demo.baton.example`;
  const password = 'journey-password-123';
  const res = await request.post('/api/v1/users', {
    headers: { 'x-csrf-token': csrf },
    data: { email, password, displayName: 'レベニュー 確認', roles: [{ role: 'manager' }] },
  });
  expect(res.status(), await res.text()).toBe(201);
  return { email, password };
}

async function getJson<T>(request: APIRequestContext, path: string): Promise<T> {
  const res = await request.get(path);
  expect(res.ok(), `${path}: ${res.status()}`).toBeTruthy();
  return (await res.json()) as T;
}

const digits = (s: string | null) => (s ?? '').replace(/[^\d]/g, '');
const percentJa = (r: number) =>
  new Intl.NumberFormat('ja-JP', { style: 'percent', maximumFractionDigits: 1 }).format(r);

/** Interface text inside the page body that is English (acronyms THE MODEL uses as they are allowed). */
async function englishWords(page: Page): Promise<string[]> {
  const allowed = new Set([
    'MRR',
    'KPI',
    'MQL',
    'SQL',
    'SAL',
    'MDR',
    'SDR',
    'AE',
    'IS',
    'CSM',
    'ADR',
    'SLA',
    'LMDI',
  ]);
  const texts = await page
    .getByRole('main')
    .locator('h1, h2, h3, h4, label, button, th, .mantine-Badge-label, [placeholder], [aria-label], [title]')
    .evaluateAll((els) =>
      els
        .filter((el) => !el.closest('tbody') || el.matches('.mantine-Badge-label'))
        .flatMap((el) => [
          // A chart's own labels are data (stage names, axis values); its accessible name is the interface.
          el.matches('[role=img]') ? '' : (el.textContent ?? ''),
          el.getAttribute('placeholder') ?? '',
          el.getAttribute('aria-label') ?? '',
          el.getAttribute('title') ?? '',
        ]),
    );
  return texts.flatMap((t) => t.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !allowed.has(w));
}

test.describe('a day of the RevOps lead', () => {
  test('reads the KPI tree and the funnel, then drills into a bottleneck', async ({ page, request }) => {
    test.setTimeout(300_000);
    const login = await request.post('/api/v1/auth/login', { data: KYOKO });
    expect(login.ok()).toBeTruthy();
    const month = previousMonth();
    const range = `by=month&from=${month.from}&to=${month.to}`;

    await signIn(page, KYOKO);
    await page.getByRole('navigation').getByRole('link', { name: '収益の全体像' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '収益の全体像' })).toBeVisible({
      timeout: 60_000,
    });

    // Last month, a whole period.
    await page.getByTestId('period-select').click();
    await page.getByRole('option', { name: month.nameJa, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`from=${month.from}`));

    // The KPI tree shows what the API computes, and its factors multiply to New MRR.
    const kpis = await getJson<{ periods: { period: string; tree: KpiNode }[] }>(
      request,
      `/api/v1/reports/kpis?${range}`,
    );
    const tree = kpis.periods.at(-1)!.tree;
    const newMrr = tree.children!.find((n) => n.key === 'newMrr')!;
    const factor = (key: string) => newMrr.children!.find((n) => n.key === key)!.value!;
    const card = (key: string) => page.getByTestId(`kpi-${key}`);
    await expect(card('newMrr')).toHaveAttribute('data-value', String(newMrr.value));
    expect(digits(await card('newMrr').getByTestId('kpi-value').textContent())).toBe(String(newMrr.value));
    await expect(card('leads').getByTestId('kpi-value')).toHaveText(factor('leads').toLocaleString('ja-JP'));
    for (const rate of ['rLeadToMql', 'rMqlToSql', 'rSqlToWon']) {
      await expect(card(rate).getByTestId('kpi-value')).toHaveText(percentJa(factor(rate)));
    }
    expect(digits(await card('mrrPerWin').getByTestId('kpi-value').textContent())).toBe(
      String(Math.round(factor('mrrPerWin'))),
    );
    const product = ['leads', 'rLeadToMql', 'rMqlToSql', 'rSqlToWon', 'mrrPerWin'].reduce(
      (p, k) => p * factor(k),
      1,
    );
    expect(Math.abs(product - newMrr.value!)).toBeLessThanOrEqual(Math.max(1, newMrr.value! * 0.001));
    // The CS movements are on the tree too, with values for a month.
    for (const key of ['expansionMrr', 'contractionMrr', 'churnMrr']) {
      const node = tree.children!.find((n) => n.key === key)!;
      await expect(card(key)).toHaveAttribute('data-value', String(node.value));
    }

    // The funnel: period view, then the cohort view changes the table to what the cohort reached.
    const funnel = page.getByRole('region', { name: 'ファネル' });
    const period = await getJson<{
      periods: { stages: Record<string, { inflow: number; balance: number }> }[];
    }>(request, `/api/v1/reports/funnel?${range}&view=period&lifecycle=lead`);
    const cohort = await getJson<{ periods: { reached: Record<string, number> }[] }>(
      request,
      `/api/v1/reports/funnel?${range}&view=cohort&lifecycle=lead`,
    );
    const table = funnel.getByTestId('funnel-table');
    await expect(table).toHaveAttribute('data-view', 'period');
    await expect(table.getByRole('columnheader', { name: '期末残高' })).toBeVisible();
    const leadRow = table.getByTestId('funnel-row-lead');
    await expect(leadRow.getByTestId('inflow')).toHaveText(
      period.periods[0]!.stages.lead!.inflow.toLocaleString('ja-JP'),
    );
    await expect(funnel.getByTestId('sankey-chart')).toBeVisible();

    await funnel.getByTestId('funnel-view').getByText('コホート').click();
    await expect(table).toHaveAttribute('data-view', 'cohort');
    await expect(table.getByRole('columnheader', { name: '到達数' })).toBeVisible();
    await expect(table.getByRole('columnheader', { name: '期末残高' })).toHaveCount(0);
    const reached = cohort.periods[0]!.reached;
    for (const stage of ['lead', 'mql', 'sql']) {
      await expect(table.getByTestId(`funnel-row-${stage}`).getByTestId('reached')).toHaveText(
        (reached[stage] ?? 0).toLocaleString('ja-JP'),
      );
    }

    // The trends and the top bottlenecks are on the page too (the trends load when scrolled to).
    await page.getByTestId('trends').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('trend-volumes')).toBeVisible();
    const bottlenecks = await getJson<{ findings: Finding[] }>(
      request,
      `/api/v1/reports/bottlenecks?${range}`,
    );
    expect(bottlenecks.findings.length).toBeGreaterThan(0);
    await expect(page.getByTestId('top-bottlenecks').locator('tbody tr')).toHaveCount(
      Math.min(5, bottlenecks.findings.length),
    );

    // The bottlenecks page: ranked by revenue at stake, with the same numbers.
    await page.getByTestId('all-bottlenecks').click();
    await expect(page.getByRole('heading', { level: 1, name: 'ボトルネック' })).toBeVisible();
    const findings = page.getByTestId('finding');
    await expect(findings).toHaveCount(bottlenecks.findings.length);
    const first = bottlenecks.findings[0]!;
    if (first.revenueAtStake !== null) {
      expect(digits(await findings.first().getByTestId('finding-stake').textContent())).toBe(
        String(first.revenueAtStake),
      );
    }

    // Filter by a kind: only that kind stays.
    const kind = first.kind;
    const ofKind = bottlenecks.findings.filter((f) => f.kind === kind).length;
    await page.getByRole('combobox', { name: '種類' }).click();
    const kindName = (await findings.first().getByTestId('finding-kind').textContent())!;
    await page.getByRole('option', { name: kindName, exact: true }).click();
    await expect(findings).toHaveCount(ofKind);
    for (const badge of await findings.getByTestId('finding-kind').all())
      await expect(badge).toHaveText(kindName);

    // Drill into a finding with records: its evidence and the affected records, linked.
    const at = bottlenecks.findings.findIndex((f) =>
      f.affected.some((a) => ['person', 'opportunity', 'handoff', 'account'].includes(a.type)),
    );
    expect(at).toBeGreaterThanOrEqual(0);
    // Choosing the selected kind again clears the filter.
    await page.getByRole('combobox', { name: '種類' }).click();
    await page.getByRole('option', { name: kindName, exact: true }).click();
    await expect(findings).toHaveCount(bottlenecks.findings.length);
    const target = page.getByTestId('finding').nth(at);
    await target.getByRole('button').first().click();
    await expect(target.getByTestId('finding-evidence')).toBeVisible();
    const affected = bottlenecks.findings[at]!.affected;
    const rows = target.getByTestId('affected-row');
    await expect(rows).toHaveCount(affected.length);
    const one = affected[0]!;
    const href =
      one.type === 'person'
        ? `/marketing/leads/${one.id}`
        : one.type === 'opportunity'
          ? `/field-sales/opportunities/${one.id}`
          : one.type === 'account'
            ? `/accounts/${one.id}`
            : null;
    const link = rows.first().getByRole('link');
    await expect(link).toBeVisible();
    if (href) await expect(link).toHaveAttribute('href', href);
    else
      await expect(link).toHaveAttribute(
        'href',
        /\/(marketing\/leads|field-sales\/opportunities|accounts)\//,
      );
    const to = (await link.getAttribute('href'))!;
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${to}$`));
  });

  test('the Japanese cockpit has no untranslated English', async ({ page }) => {
    test.setTimeout(300_000);
    await signIn(page, KYOKO);
    for (const path of ['/cockpit', '/cockpit/bottlenecks?open=0']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 60_000 });
      await expect(page.getByRole('status')).toHaveCount(0, { timeout: 90_000 });
      expect(await englishWords(page), `English words on ${path}`).toEqual([]);
    }
  });

  test('the cockpit reads in English too', async ({ page, request }) => {
    test.setTimeout(300_000);
    const manager = await newManager(request);
    await signIn(page, manager);
    await page.goto('/cockpit');
    await expect(page.getByRole('heading', { level: 1, name: '収益の全体像' })).toBeVisible({
      timeout: 60_000,
    });
    await page.getByTestId('language-switch').getByText('English').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Revenue overview' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'KPI tree' })).toBeVisible();
    await expect(page.getByTestId('kpi-newMrr')).toContainText('New MRR');
    await expect(page.getByTestId('kpi-newMrr').getByTestId('kpi-value')).toHaveText(/^¥[\d,]+$/);
    const funnel = page.getByRole('region', { name: 'Funnel' });
    await expect(funnel.getByRole('columnheader', { name: 'Balance at end' })).toBeVisible();
    await page.getByTestId('all-bottlenecks').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Bottlenecks' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Kind' })).toBeVisible();
    await expect(page.getByTestId('finding').first().getByTestId('finding-kind')).toHaveText(
      /Conversion drop|Inventory build-up|Capacity overload|Supply shortage|SLA breach|Pipeline hygiene|Anomaly/i,
    );
  });
});
