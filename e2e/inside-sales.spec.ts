import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { ADMIN, adminApi, signIn, uniq } from './baton.ts';

const HANA = { email: 'hana.matsui@demo.baton.example', password: ADMIN.password };
const MANAGER = { email: 'kyoko.nishimura@demo.baton.example', password: ADMIN.password };
const MARKETING_MANAGER = { email: 'ryoko.fujiwara@demo.baton.example', password: ADMIN.password };

/** The admin's API session; writes echo the CSRF cookie as the web app does. */
async function admin(request: APIRequestContext) {
  await adminApi(request);
  const csrf = (await request.storageState()).cookies.find((c) => c.name === 'baton_csrf')?.value ?? '';
  const post = async (path: string, data?: object) => {
    const res = await request.post(`/api/v1${path}`, { headers: { 'x-csrf-token': csrf }, data });
    expect(res.ok(), `${path}: ${await res.text()}`).toBeTruthy();
    return res.json();
  };
  const get = async (path: string) => {
    const res = await request.get(`/api/v1${path}`);
    expect(res.ok(), `${path}: ${await res.text()}`).toBeTruthy();
    return res.json();
  };
  return { post, get };
}
type Admin = Awaited<ReturnType<typeof admin>>;

async function userId(api: Admin, email: string): Promise<string> {
  const users = await api.get(`/users?q=${encodeURIComponent(email)}`);
  return users.items[0].id;
}

/**
 * A new enterprise inbound lead moved to mql as Marketing would: the hand-off opens with
 * its context and routes by the rules; if the round robin picks a colleague, a manager
 * assigns it to Hana, so parallel journeys never share a record.
 */
async function mqlForHana(api: Admin, hana: string) {
  const tag = uniq('is');
  const account = await api.post('/accounts', {
    name: `${tag} 製作所株式会社`,
    domain: `${tag}.example.co.jp`,
    employeeCount: 1200,
    industry: '製造',
  });
  const lastName = `検証${tag.slice(-6)}`;
  const person = await api.post('/people', {
    email: `buyer@${tag}.example.co.jp`,
    lastName,
    firstName: '花子',
    accountId: account.id,
    source: 'inbound',
  });
  await api.post(`/people/${person.id}/transitions`, { to: 'nurturing' });
  const { handoff } = await api.post(`/people/${person.id}/transitions`, {
    to: 'mql',
    context: {
      notes: '料金ページを3回閲覧し、デモを依頼',
      bant: { budget: '来期予算で確保済み', need: 'MQLの追客漏れ' },
    },
  });
  const routed = await api.post(`/handoffs/${handoff.id}/route`);
  if (routed.toUserId !== hana)
    await api.post(`/handoffs/${handoff.id}/override`, { userId: hana, reason: '検証の担当' });
  return { personId: person.id as string, handoffId: handoff.id as string, name: `${lastName} 花子` };
}

const slotsUsed = async (page: Page) =>
  Number(((await page.getByTestId('slot-used').textContent()) ?? '').match(/^(\d+)/)?.[1]);

async function openHandoff(page: Page, name: string) {
  await page.goto('/inside-sales/handoffs');
  await page.getByLabel('検索').fill(name);
  const row = page.getByTestId('handoff-row').filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: /引き継ぎの詳細/ }).click();
  return page.getByTestId('handoff-drawer');
}

test.describe('a day of the MDR', () => {
  // A whole working session per test: many screens and writes on a shared demo server.
  test.describe.configure({ timeout: 300_000 });

  test('accepts a hand-off, logs calls, qualifies an SQL and sends another hand-off back', async ({
    page,
    request,
  }) => {
    const api = await admin(request);
    const hana = await userId(api, HANA.email);
    const first = await mqlForHana(api, hana);
    const second = await mqlForHana(api, hana);

    await signIn(page, HANA);
    await page.getByRole('link', { name: 'ワークキュー' }).click();
    await expect(page.getByRole('heading', { name: 'ワークキュー', level: 1 })).toBeVisible();
    await expect(page.getByTestId('slot-meter')).toContainText('今週のコマ');
    await expect(page.getByTestId('slot-used')).toContainText('/ 80 コマ');
    const before = await slotsUsed(page);

    // The hand-off inbox: the context handed over, then accept.
    const drawer = await openHandoff(page, first.name);
    await expect(drawer.getByTestId('handoff-notes')).toHaveText('料金ページを3回閲覧し、デモを依頼');
    await expect(drawer).toContainText('来期予算で確保済み');
    await expect(drawer.getByTestId('score-breakdown')).toContainText('グレード');
    await expect(drawer.getByTestId('sla-timer')).toContainText('残り');
    await drawer.getByTestId('accept-handoff').click();
    await expect(page.getByTestId('flash')).toContainText('受け入れました');
    await expect(page.getByTestId('handoff-row').filter({ hasText: first.name })).toHaveCount(0);

    // Back in the queue: the lead is SAL, with a live SLA; a call with no answer is counted.
    await page.getByRole('link', { name: 'ワークキュー' }).click();
    await page.getByLabel('検索').fill(first.name);
    const row = page.getByTestId('queue-row').filter({ hasText: first.name });
    await expect(row).toContainText('SAL');
    await expect(row.getByTestId('sla-timer')).toBeVisible();
    await expect(row.getByTestId('last-touch')).toHaveText('未接触');
    await row.getByTestId('log-call').click();
    await page.getByRole('menuitem', { name: '不在' }).click();
    await expect(row.getByTestId('last-touch')).toContainText('電話 · 不在');
    await expect(row.getByTestId('last-touch')).toContainText('1 回接触');
    await expect(page.getByTestId('slot-used')).toContainText(`${before + 1} / 80`);

    // The next call sets an appointment: the SQL dialog checks the opportunity definition.
    await row.getByTestId('log-call').click();
    await page.getByRole('menuitem', { name: 'アポイント獲得' }).click();
    const dialog = page.getByTestId('sql-dialog');
    await expect(dialog).toBeVisible();
    await expect(row.getByTestId('last-touch')).toContainText('2 回接触');
    await dialog.getByLabel(/^予算/).check();
    await dialog.getByLabel(/^ニーズ/).check();
    await dialog.getByRole('button', { name: 'SQLを作成' }).click();
    const refusal = dialog.getByRole('alert');
    await expect(refusal).toContainText('checklist.authority');
    await expect(refusal).toContainText('checklist.appointment');
    await expect(dialog.getByText('2 / 5 項目を満たしています')).toBeVisible();
    for (const item of [/^決裁者/, /^導入時期/, /^フィールドセールスとのアポイント/])
      await dialog.getByLabel(item).check();
    await dialog.getByLabel('引き継ぎメモ').fill('12/10 14:00 に部長同席で商談');
    await dialog.getByRole('button', { name: 'SQLを作成' }).click();
    await expect(page.getByTestId('flash')).toContainText('SQLにしました');
    await expect(page.getByTestId('queue-row').filter({ hasText: first.name })).toHaveCount(0);
    expect((await api.get(`/people/${first.personId}`)).lifecycleStage).toBe('sql');

    // The second hand-off goes back to Marketing with a reason.
    const second_ = await openHandoff(page, second.name);
    await second_.getByTestId('reject-handoff').click();
    const reject = page.getByTestId('reject-dialog');
    await reject.getByRole('button', { name: '差し戻す' }).click();
    await expect(reject.getByRole('alert')).toContainText('body.reason');
    await reject.getByLabel('理由').fill('決裁者ではなく、来期まで予算なし');
    await reject.getByLabel('リサイクル（時期を改めて再アプローチ）').check();
    await reject.getByRole('button', { name: '差し戻す' }).click();
    await expect(page.getByTestId('flash')).toContainText('差し戻しました');
    await expect(page.getByTestId('handoff-row').filter({ hasText: second.name })).toHaveCount(0);
    await page.getByTestId('status-filter').getByText('差し戻し', { exact: true }).click();
    const rejected = page.getByTestId('handoff-row').filter({ hasText: second.name });
    await expect(rejected.getByTestId('handoff-status')).toHaveText('差し戻し');
    expect((await api.get(`/people/${second.personId}`)).lifecycleStage).toBe('recycled');
  });

  test("a manager looks at the MDR's queue", async ({ page, request }) => {
    const api = await admin(request);
    const hana = await userId(api, HANA.email);
    const lead = await mqlForHana(api, hana);
    await signIn(page, MANAGER);
    await page.goto('/inside-sales/queue');
    await page.getByTestId('rep-picker').click();
    await page.getByRole('option', { name: /松井 花/ }).click();
    await expect(page).toHaveURL(new RegExp(`rep=${hana}`));
    await page.getByLabel('検索').fill(lead.name);
    const row = page.getByTestId('queue-row').filter({ hasText: lead.name });
    await expect(row.getByTestId('queue-reason')).toHaveText('新規MQL引き継ぎ');
    await expect(page.getByText('他の担当者のキューは閲覧のみです')).toBeVisible();
    await expect(row.getByTestId('log-call')).toHaveCount(0);
    // Leave her queue as it was: the lead goes back to Marketing.
    await api.post(`/handoffs/${lead.handoffId}/reject`, {
      reason: '検証の後片付け',
      outcome: 'disqualified',
    });
  });

  test('Marketing builds a cadence; the MDR is refused an opted-out lead and works the first step', async ({
    page,
    request,
  }) => {
    const api = await admin(request);
    const tag = uniq('cad');
    const optedOut = await api.post('/people', {
      email: `optout@${tag}.example.co.jp`,
      lastName: `配信停止${tag.slice(-5)}`,
      attributes: { optedOut: true },
    });
    const fresh = await api.post('/people', {
      email: `fresh@${tag}.example.co.jp`,
      lastName: `新規${tag.slice(-5)}`,
    });
    const name = `初回アプローチ ${tag}`;

    await signIn(page, MARKETING_MANAGER);
    await page.goto('/inside-sales/cadences');
    await page.getByRole('button', { name: '新しいケイデンス' }).first().click();
    const form = page.getByTestId('cadence-form');
    await form.getByLabel('名前').fill(name);
    await form.getByLabel('指示').fill('資料ダウンロードのお礼と課題のヒアリング');
    await form.getByRole('button', { name: 'ステップを追加' }).click();
    await form.getByLabel('登録からの日数').nth(1).fill('3');
    await form.getByRole('button', { name: '作成' }).click();
    await expect(form.getByRole('alert')).toContainText('steps.1.instructions');
    await form.getByLabel('指示').nth(1).fill('事例を添えてメール');
    await form.getByRole('button', { name: '作成' }).click();
    await expect(page.getByTestId('flash')).toContainText(name);

    await page.getByLabel('検索').fill(tag);
    const row = page.getByTestId('cadence-row').filter({ hasText: name });
    await expect(row).toContainText('2 ステップ');
    await expect(row).toContainText('3日目 電話');

    // The MDR enrols leads in it; she does not edit the template.
    await page.context().clearCookies();
    await signIn(page, HANA);
    await page.goto('/inside-sales/cadences');
    await expect(page.getByText('ケイデンスの作成・編集はマーケティングと管理者が行います')).toBeVisible();
    await page.getByLabel('検索').fill(tag);
    await expect(row.getByRole('button', { name: /編集/ })).toHaveCount(0);
    const enrol = async (lastName: string) => {
      await row.getByRole('button', { name: `リードを登録: ${name}` }).click();
      const dialog = page.getByTestId('enrol-dialog');
      await dialog.getByLabel('リード').fill(lastName);
      await page.getByRole('option', { name: new RegExp(lastName) }).click();
      await dialog.getByRole('button', { name: 'リードを登録' }).click();
      return dialog;
    };
    const refused = await enrol(optedOut.lastName);
    await expect(refused.getByTestId('api-message')).toContainText('opted out of contact');
    await refused.getByRole('button', { name: 'キャンセル' }).click();
    await enrol(fresh.lastName);
    await expect(page.getByTestId('flash')).toContainText(`${fresh.lastName} を「${name}」に登録しました`);

    await page.getByRole('link', { name: 'ワークキュー' }).click();
    await page.getByLabel('検索').fill(fresh.lastName);
    const queued = page.getByTestId('queue-row').filter({ hasText: fresh.lastName });
    await expect(queued.getByTestId('queue-reason')).toHaveText('ケイデンスのタスク');
    const task = page.getByTestId('task-item').filter({ hasText: fresh.lastName });
    await expect(task).toContainText('資料ダウンロードのお礼と課題のヒアリング');
    await task.getByRole('button', { name: /完了にする/ }).click();
    await expect(task).toHaveCount(0);
    await expect(queued).toHaveCount(0);
  });
});
