import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { planningJa as ja } from '../web/src/features/planning/i18n.ts';
import { signIn, uniq } from './baton.ts';

const KYOKO = { email: 'kyoko.nishimura@demo.baton.example', password: 'e2e-admin-password-2026' };
const STAGES = ['lead', 'mql', 'sql', 'opportunity', 'won'] as const;
const volume = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('ja-JP', { style: 'percent', maximumFractionDigits: 1 });
const yen = new Intl.NumberFormat('ja-JP', { style: 'currency', currency: 'JPY' });

type Role = keyof typeof ja.roles;
interface Plan {
  assumptions: { rates: Record<string, number> };
  totals: Record<(typeof STAGES)[number], number>;
  capacity: { binding: Role | null };
}

/** The same API the screen calls, signed in as the same user (cookie + CSRF header). */
async function apiAs(request: APIRequestContext) {
  const login = await request.post('/api/v1/auth/login', { data: KYOKO });
  expect(login.ok()).toBeTruthy();
  const csrf = (await request.storageState()).cookies.find((c) => c.name === 'baton_csrf')!.value;
  const post = async <T>(path: string, data: object): Promise<T> => {
    const res = await request.post(`/api/v1${path}`, { data, headers: { 'x-csrf-token': csrf } });
    expect(res.ok(), await res.text()).toBeTruthy();
    return (await res.json()) as T;
  };
  const me = (await (await request.get('/api/v1/me')).json()) as {
    workspace: { fiscalYearStartMonth: number };
  };
  return { post, fiscalStart: me.workspace.fiscalYearStartMonth };
}

/** Next fiscal year's first quarter, as the API names it and as the period picker shows it. */
function nextQuarter(fiscalStart: number) {
  const now = new Date();
  const fy = (now.getMonth() + 1 >= fiscalStart ? now.getFullYear() : now.getFullYear() - 1) + 1;
  return { period: `FY${fy}-Q1`, label: `${fy} 年度 第 1 四半期` };
}

const rateInput = (page: Page) => page.getByRole('textbox', { name: /^MQL → SQL 転換率/ });

async function expectTotals(page: Page, plan: Plan) {
  for (const stage of STAGES) {
    await expect(page.getByTestId(`total-${stage}-value`)).toHaveText(volume.format(plan.totals[stage]), {
      timeout: 60_000,
    });
  }
}

test.describe('the RevOps lead plans the quarter backwards', () => {
  test('reverse plan, overrides, constraint, levers, probability, scenarios and the org simulation', async ({
    page,
    request,
  }) => {
    test.setTimeout(420_000);
    const api = await apiAs(request);
    const { period, label } = nextQuarter(api.fiscalStart);
    await signIn(page, KYOKO);
    await page.getByRole('link', { name: ja.plan.title }).click();
    await expect(page.getByRole('heading', { name: ja.plan.title, level: 1 })).toBeVisible();
    await expect(page.getByTestId('empty-state')).toContainText(ja.plan.emptyTitle);

    // The target in: the waterfall shows what the API computes for the same input.
    const target = 12_000_000;
    await page.getByLabel(ja.target.newMrr).fill(String(target));
    await page.getByRole('combobox', { name: '対象期間' }).click();
    await page.getByRole('option', { name: label }).click();
    await expect(page).toHaveURL(new RegExp(`period=${period}`));
    const base = { target, period, windowMonths: 12, overrides: {} };
    const measured = await api.post<Plan>('/plan/reverse', base);
    await expectTotals(page, measured);
    await expect(page.getByTestId('waterfall-chart')).toContainText('MQL');

    // Overriding MQL → SQL changes the leads needed exactly as the API says.
    const measuredRate = measured.assumptions.rates.mql_to_sql!;
    const rate = measuredRate > 0.4 ? 30 : 60;
    await rateInput(page).fill(String(rate));
    const request2 = { ...base, overrides: { rates: { mql_to_sql: rate / 100 } } };
    const overridden = await api.post<Plan>('/plan/reverse', request2);
    expect(overridden.totals.lead).not.toBeCloseTo(measured.totals.lead, 3);
    await expectTotals(page, overridden);
    await expect(page.getByText(ja.assumptions.overridden).first()).toBeVisible();

    // The binding constraint and the levers, as the API ranks them.
    const binding = page.getByTestId('binding-constraint');
    await expect(binding).toContainText(
      overridden.capacity.binding ? ja.roles[overridden.capacity.binding] : ja.capacity.noBinding,
    );
    const levers = await api.post<{ levers: { lever: keyof typeof ja.levers.names; change: number }[] }>(
      '/plan/levers',
      request2,
    );
    const top = levers.levers[0]!;
    if (top.change > 0) await expect(page.getByTestId('top-lever')).toContainText(ja.levers.names[top.lever]);
    await expect(page.getByTestId('levers-chart')).toContainText(ja.levers.names[top.lever]);

    // Probability of plan: the seeded simulation gives the same answer on screen and in the API.
    await page.getByRole('button', { name: ja.probability.run }).click();
    const sim = await api.post<{ probabilityOfHit: number; p50: number }>('/plan/simulate', {
      ...request2,
      runs: 10_000,
      seed: 1,
    });
    await expect(page.getByTestId('probability-hit')).toHaveText(percent.format(sim.probabilityOfHit), {
      timeout: 60_000,
    });
    await expect(page.getByTestId('probability-percentiles')).toContainText(yen.format(sim.p50));
    // The runs' distribution is drawn with the target on it.
    await expect(page.getByTestId('probability-chart')).toContainText(ja.probability.target);

    // Two scenarios: the overridden plan and the measured one.
    const tag = uniq('逆算');
    const save = async (name: string) => {
      await page.getByRole('button', { name: ja.save.action }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(ja.save.name).fill(name);
      await dialog.getByRole('button', { name: '保存' }).click();
      await expect(dialog).toBeHidden({ timeout: 60_000 });
      await expect(page.getByTestId('saved-notice')).toContainText(name);
    };
    await save(`${tag} 慎重`);
    await page
      .getByRole('button', { name: `${ja.assumptions.reset}: ${ja.fields.rates.mql_to_sql}` })
      .click();
    await expectTotals(page, measured);
    await save(`${tag} 実績`);

    // Compare them side by side: the rate and the leads differ, the target does not.
    await page.getByRole('link', { name: ja.save.compareLink }).click();
    await expect(page.getByRole('heading', { name: ja.scenarios.title, level: 1 })).toBeVisible();
    await page.getByLabel('検索').fill(tag);
    const table = page.getByTestId('scenarios-table');
    await expect(table.getByRole('row')).toHaveCount(3);
    // The selection lives in the address: a click, then the re-rendered box shows it.
    await page.getByRole('checkbox', { name: `比較に選ぶ: ${tag} 慎重` }).click();
    await expect(page.getByRole('checkbox', { name: `比較に選ぶ: ${tag} 慎重` })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: `比較に選ぶ: ${tag} 実績` })).toBeChecked();
    await page.getByTestId('compare-button').click();
    const comparison = page.getByTestId('comparison');
    await expect(comparison.getByTestId('compare-row-rates.mql_to_sql')).toHaveAttribute(
      'data-differs',
      'true',
    );
    await expect(comparison.getByTestId('compare-row-rates.mql_to_sql')).toContainText(`${rate}%`);
    await expect(comparison.getByTestId('compare-row-totals.lead')).toHaveAttribute('data-differs', 'true');
    await expect(comparison.getByTestId('compare-row-newMrr')).toHaveAttribute('data-differs', 'false');
    await expect(comparison.locator('td[data-diff="true"]').first()).toBeVisible();

    // A scenario can be deleted; the comparison then needs another pick.
    await page.getByRole('button', { name: `削除: ${tag} 実績` }).click();
    await page.getByRole('dialog').getByRole('button', { name: '削除' }).click();
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(comparison).toBeHidden();

    // Assembly Line vs PODs: the workspace's numbers, then more SMB demand than the team can take.
    await page.getByRole('link', { name: ja.orgSim.title }).click();
    for (const model of ['assembly_line', 'pods']) {
      await expect(page.getByTestId(`model-${model}`).getByTestId('jam')).toContainText('詰まり:', {
        timeout: 60_000,
      });
    }
    const defaults = await api.post<{ input: { segments: { key: string; mqlsPerDay: number }[] } }>(
      '/plan/org-sim',
      {},
    );
    const input = structuredClone(defaults.input);
    const smb = input.segments.findIndex((s) => s.key === 'smb');
    input.segments[smb]!.mqlsPerDay = 20;
    await page
      .getByRole('textbox', { name: `${ja.orgSim.segmentNames.smb}: ${ja.orgSim.columns.mqlsPerDay}` })
      .fill('20');
    await expect(page.getByText(ja.orgSim.edited)).toBeVisible();
    await page.getByRole('button', { name: ja.orgSim.run }).click();
    type Result = { jam: Role | 'demand'; newMrr: number };
    const sim2 = await api.post<{ assemblyLine: Result; pods: Result }>('/plan/org-sim', { input });
    for (const [model, r] of [
      ['assembly_line', sim2.assemblyLine],
      ['pods', sim2.pods],
    ] as const) {
      const card = page.getByTestId(`model-${model}`);
      await expect(card.getByTestId('model-new-mrr')).toHaveText(yen.format(r.newMrr), { timeout: 60_000 });
      await expect(card.getByTestId('jam')).toContainText(
        r.jam === 'demand' ? ja.orgSim.jamDemand : `詰まり: ${ja.roles[r.jam]}`,
      );
    }
    await expect(page.getByTestId('org-chart-meanQueue')).toContainText(ja.roles.is);
    await expect(page.getByTestId('org-chart-meanWaitDays')).toContainText(ja.orgSim.models.pods);
  });

  test('a rate of 150 % is refused, and the error names the assumption', async ({ page, request }) => {
    test.setTimeout(180_000);
    const api = await apiAs(request);
    const { period } = nextQuarter(api.fiscalStart);
    await signIn(page, KYOKO);
    await page.goto(`/planning?target=5000000&period=${period}`);
    const plan = await api.post<Plan>('/plan/reverse', {
      target: 5_000_000,
      period,
      windowMonths: 12,
      overrides: {},
    });
    await expectTotals(page, plan);

    await rateInput(page).fill('150');
    const error = page.getByTestId('plan-error');
    await expect(error).toContainText(ja.fields.rates.mql_to_sql, { timeout: 60_000 });
    await expect(error).toContainText('a rate is between 0 and 1');
    await expect(error).toContainText('overrides.rates.mql_to_sql');
    // The last plan that worked stays on screen, unchanged.
    await expectTotals(page, plan);
    await expect(page.getByRole('button', { name: ja.save.action })).toBeDisabled();

    await rateInput(page).fill('50');
    await expect(error).toBeHidden({ timeout: 60_000 });
  });

  test('a POD is planned from its own numbers and members, and the scope stays in the address', async ({
    page,
    request,
  }) => {
    test.setTimeout(180_000);
    const api = await apiAs(request);
    const { period } = nextQuarter(api.fiscalStart);
    const slices = (await (await request.get('/api/v1/plan/slices')).json()) as {
      pods: { id: string; name: string }[];
    };
    const pod = slices.pods[0]!;
    await signIn(page, KYOKO);
    await page.goto(`/planning?target=6000000&period=${period}`);
    const base = { target: 6_000_000, period, windowMonths: 12, overrides: {} };
    await expectTotals(page, await api.post<Plan>('/plan/reverse', base));

    await page.getByTestId('scope-select').click();
    await page.getByRole('option', { name: pod.name }).click();
    await expect(page).toHaveURL(new RegExp(`scope=pod%3A${pod.id}`));
    const forPod = await api.post<Plan & { evidence: { slice: { label: string } } }>('/plan/reverse', {
      ...base,
      slice: { dimension: 'pod', value: pod.id },
    });
    expect(forPod.evidence.slice.label).toBe(pod.name);
    await expectTotals(page, forPod);
    await page.reload();
    await expect(page.getByTestId('scope-select')).toHaveValue(pod.name);
    await expectTotals(page, forPod);
  });

  test('the Japanese planning screens have no untranslated English', async ({ page, request }) => {
    test.setTimeout(240_000);
    const api = await apiAs(request);
    const { period } = nextQuarter(api.fiscalStart);
    await signIn(page, KYOKO);
    // Acronyms used as-is in Japanese revenue operations, and the language switch's own label.
    const allowed = new Set([
      'Baton',
      'MQL',
      'SQL',
      'SAL',
      'MRR',
      'SLA',
      'POD',
      'IS',
      'AE',
      'English',
      'THE',
      'MODEL',
    ]);
    for (const [path, ready] of [
      [`/planning?target=8000000&period=${period}`, 'total-lead-value'],
      ['/planning/scenarios', 'scenarios-table'],
      ['/planning/org-sim', 'org-sim-results'],
    ] as const) {
      await page.goto(path);
      await expect(page.getByTestId(ready)).toBeVisible({ timeout: 60_000 });
      const texts = await page
        .getByRole('main')
        .locator('h1, h2, h3, label, button, th, .mantine-Badge-label, [placeholder], [aria-label], [title]')
        .evaluateAll((els) =>
          els
            // Rows hold the workspace's own data (scenario names may be English).
            .filter((el) => !el.closest('tbody') || el.matches('.mantine-Badge-label, th'))
            .flatMap((el) => [
              // A chart's own text is its SVG: legends run together, its label is what counts.
              el.matches('[role=img]') ? '' : (el.textContent ?? ''),
              el.getAttribute('placeholder') ?? '',
              el.getAttribute('aria-label') ?? '',
              el.getAttribute('title') ?? '',
            ]),
        );
      const english = texts.flatMap((t) => t.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !allowed.has(w));
      expect(english, `English words on ${path}`).toEqual([]);
    }
  });
});
