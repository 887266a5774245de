import { type APIRequestContext, expect as baseExpect, test } from '@playwright/test';
import { adminApi, signIn, uniq } from './baton.ts';

// The settings screens render dozens of inputs at once; on a loaded machine that takes a while.
const expect = baseExpect.configure({ timeout: 45_000 });

/** Cookie-authenticated writes echo the CSRF cookie in a header, as the app does. */
async function csrf(request: APIRequestContext): Promise<Record<string, string>> {
  const { cookies } = await request.storageState();
  const token = cookies.find((c) => c.name === 'baton_csrf')?.value;
  return token ? { 'x-csrf-token': token } : {};
}

test.describe('the RevOps admin configures Baton', () => {
  // Each journey saves and waits for background work (a recompute, an import run).
  test.describe.configure({ timeout: 240_000 });
  test('changes an SLA of the lead lifecycle, sees the rule a bad edit breaks, and saves a new version', async ({
    page,
    playwright,
    baseURL,
  }) => {
    const request = await adminApi(await playwright.request.newContext({ baseURL }));
    const before = (await (await request.get('/api/v1/stages/lead')).json()) as {
      version: number;
      definition: { stages: { key: string; maxDwellHours: number | null }[] };
    };
    const salHours = before.definition.stages.find((s) => s.key === 'sal')?.maxDwellHours ?? 72;
    try {
      await signIn(page);
      await page.getByRole('link', { name: 'ステージと SLA', exact: true }).click();
      await expect(page.getByTestId('stages-version')).toHaveText(/バージョン \d+/);
      const version = Number((await page.getByTestId('stages-version').textContent())?.match(/\d+/)?.[0]);

      // Without the opportunity stage, lost can no longer be reached: refused, naming rule and stage.
      await page.getByRole('button', { name: 'ステージ 商談 を削除' }).click();
      await page.getByRole('button', { name: `バージョン ${version + 1} として保存` }).click();
      await expect(page.getByTestId('stage-issues')).toContainText('到達できないステージ');
      await expect(page.getByTestId('stage-issues')).toContainText('ステージ「失注」');
      await expect(page.getByTestId('stages-version')).toHaveText(`バージョン ${version}`);
      await page.getByRole('button', { name: '変更を破棄' }).click();
      await expect(page.getByTestId('stage-issues')).toBeHidden();

      const dwell = page.getByLabel('滞留上限（時間）: 対応中 (SAL)');
      await expect(dwell).toHaveValue(String(salHours));
      // Emptied, the SLA stage breaks a rule: the API refuses and the screen names rule and stage.
      await dwell.fill('');
      await page.getByRole('button', { name: `バージョン ${version + 1} として保存` }).click();
      const issues = page.getByTestId('stage-issues');
      await expect(issues).toContainText('SLA ステージに滞留上限がない');
      await expect(issues).toContainText('ステージ「対応中 (SAL)」');
      await expect(page.getByTestId('stages-version')).toHaveText(`バージョン ${version}`);

      await dwell.fill(String(salHours + 24));
      await page.getByRole('button', { name: `バージョン ${version + 1} として保存` }).click();
      await expect(page.getByTestId('stages-saved')).toHaveText(`バージョン ${version + 1} を保存しました。`);
      await expect(page.getByTestId('stages-version')).toHaveText(`バージョン ${version + 1}`);
      await page.reload();
      await expect(page.getByLabel('滞留上限（時間）: 対応中 (SAL)')).toHaveValue(String(salHours + 24));
    } finally {
      // Other journeys share the workspace: the SLA in force goes back to what it was.
      const now = (await (await request.get('/api/v1/stages/lead')).json()) as typeof before;
      if (JSON.stringify(now.definition) !== JSON.stringify(before.definition))
        await request.put('/api/v1/stages/lead', {
          data: before.definition,
          headers: await csrf(request),
        });
    }
  });

  test('previews a scoring change, saves it and follows the recompute', async ({
    page,
    playwright,
    baseURL,
  }) => {
    const request = await adminApi(await playwright.request.newContext({ baseURL }));
    const before = (await (await request.get('/api/v1/scoring/rules')).json()) as {
      version: number;
      rules: { mql: { minEngagement: number } } & Record<string, unknown>;
    };
    const stricter = before.rules.mql.minEngagement + 30;
    try {
      await signIn(page);
      await page.getByRole('link', { name: 'スコアリング', exact: true }).click();
      await expect(page.getByTestId('scoring-version')).toContainText(`バージョン ${before.version}`);
      await page.getByLabel('MQL に必要なスコア').fill(String(stricter));
      await expect(page.getByRole('button', { name: '保存して再計算' })).toBeDisabled();
      await page.getByRole('button', { name: '影響を確認する' }).click();

      // The counts on screen are the API's for the same proposal.
      const expected = (await (
        await request.post('/api/v1/scoring/preview', {
          headers: await csrf(request),
          data: { rules: { ...before.rules, mql: { ...before.rules.mql, minEngagement: stricter } } },
        })
      ).json()) as {
        stopCrossing: number;
        newlyCrossing: number;
        meetingBefore: number;
        meetingAfter: number;
      };
      const preview = page.getByTestId('scoring-preview');
      await expect(preview.getByTestId('preview-stop')).toHaveText(
        expected.stopCrossing.toLocaleString('ja-JP'),
      );
      await expect(preview.getByTestId('preview-newly')).toHaveText('0');
      await expect(preview).toContainText(
        `MQL 条件を満たす人数: ${expected.meetingBefore.toLocaleString('ja-JP')} → ${expected.meetingAfter.toLocaleString('ja-JP')}`,
      );

      await page.getByRole('button', { name: '保存して再計算' }).click();
      await expect(page.getByTestId('recompute-status')).toContainText('再計算が完了しました', {
        timeout: 45_000,
      });
      await expect(page.getByTestId('scoring-version')).toContainText(`バージョン ${before.version + 1}`);
      await expect(page.getByLabel('MQL に必要なスコア')).toHaveValue(String(stricter));
    } finally {
      const now = (await (await request.get('/api/v1/scoring/rules')).json()) as typeof before;
      if (JSON.stringify(now.rules) !== JSON.stringify(before.rules))
        await request.put('/api/v1/scoring/rules', {
          data: { rules: before.rules, recompute: 'background' },
          headers: await csrf(request),
        });
    }
  });

  test('creates a write key and gets the tag to paste with it', async ({ page }) => {
    await signIn(page);
    await page.getByRole('link', { name: 'トラッキング', exact: true }).click();
    const name = uniq('コーポレートサイト');
    await page.getByRole('button', { name: '書き込みキーを作成' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('キーの名前').fill(name);
    await dialog.getByRole('button', { name: '書き込みキーを作成' }).click();
    await expect(dialog).toContainText('このキーは今回しか表示されません。');
    const key = (await dialog.getByTestId('write-key').textContent())?.trim() ?? '';
    expect(key.length).toBeGreaterThan(20);
    const snippet = dialog.getByTestId('tracking-snippet');
    await expect(snippet).toContainText('/t/baton.js');
    await expect(snippet).toContainText(`data-write-key="${key}"`);
    await expect(dialog.getByRole('button', { name: 'タグをコピー' })).toBeVisible();
    await dialog.getByRole('button', { name: '保存しました' }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole('row', { name: new RegExp(name) });
    await expect(row).toContainText('有効');
    await expect(row).toContainText(key.slice(-4));
  });

  test('dry-runs a HubSpot export with a bad line, imports the valid lines and finds the lead', async ({
    page,
  }) => {
    const tag = uniq('imp').replace(/[^a-z0-9]/g, '');
    const good = `${tag}@import-journey.co.jp`;
    const csv = [
      'Email,First Name,Last Name,Company Name,Job Title,Lifecycle Stage,Create Date',
      `${good},花子,${tag},インポート商事,マーケティング部長,lead,2026-01-15`,
      `not-an-email-${tag},太郎,${tag},インポート商事,,lead,2026-01-15`,
      `second-${good},次郎,${tag},インポート商事,,subscriber,2026-01-16`,
    ].join('\n');
    await signIn(page);
    await page.getByRole('link', { name: 'インポート', exact: true }).click();
    await expect(page.getByLabel('形式').first()).toHaveValue('HubSpot コンタクト');
    await page.locator('input[type=file]').setInputFiles({
      name: 'hubspot-contacts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByRole('button', { name: '試行する（まだ取り込みません）' }).click();

    const errors = page.getByTestId('import-errors');
    await expect(errors.getByRole('row')).toHaveCount(2);
    const bad = errors.getByRole('row').nth(1);
    await expect(bad.getByRole('cell').nth(0)).toHaveText('3');
    await expect(bad.getByRole('cell').nth(1)).toHaveText('Email');
    await expect(page.getByTestId('import-created')).toHaveText('2');
    await expect(page.getByTestId('import-invalid')).toHaveText('1');

    const importButton = page.getByRole('button', { name: '2 行を取り込む' });
    await expect(importButton).toBeDisabled();
    await page.getByLabel('エラーのある行を飛ばして、有効な行だけ取り込む').check();
    await importButton.click();
    await expect(page.getByText('取り込みが完了しました')).toBeVisible();
    await expect(page.getByTestId('import-created')).toHaveText('2');

    await page.getByRole('link', { name: 'リード一覧で確認する' }).click();
    await page.getByLabel('検索').fill(good);
    await expect(page.getByRole('row', { name: new RegExp(good) }).first()).toBeVisible();
  });
});
