import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/db/query-rows.ts';
import { apiHarness } from './harness.ts';

let h: Awaited<ReturnType<typeof apiHarness>>;
let campaignId: string;
beforeAll(async () => {
  h = await apiHarness();
  const c = await h.app.inject({
    method: 'POST',
    url: '/api/v1/campaigns',
    headers: h.auth,
    payload: { name: '営業DXウェビナー', channel: 'seminar', cost: 250000 },
  });
  campaignId = c.json().id;
});
afterAll(() => h.close());

async function newForm(kind: string) {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/v1/forms',
    headers: h.auth,
    payload: { name: `form ${kind}`, kind, campaignId },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; formKey: string; handRaise: boolean };
}

const person = async (email: string) =>
  (
    await queryRows<{
      id: string;
      account_id: string | null;
      lifecycle_stage: string;
      last_name: string | null;
    }>(
      h.database.db,
      sql`select id, account_id, lifecycle_stage, last_name from people where email_normalized = ${email}`,
    )
  )[0];

describe('forms', () => {
  it('creates the person with the account of the domain, joins the campaign, and an ebook form is no MQL', async () => {
    const form = await newForm('ebook');
    expect(form.handRaise).toBe(false);
    const res = await h.app.inject({
      method: 'POST',
      url: `/f/v1/${form.formKey}`,
      payload: { email: 'taro@acme.co.jp', lastName: '山田', company: 'アクメ株式会社' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: true, mql: false, status: 'stored' });
    const p = await person('taro@acme.co.jp');
    expect(p?.account_id).not.toBeNull();
    const [account] = await queryRows<{ name: string; domain: string }>(
      h.database.db,
      sql`select name, domain from accounts where id = ${p!.account_id}`,
    );
    expect(account).toEqual({ name: 'アクメ株式会社', domain: 'acme.co.jp' });
    const members = await h.app.inject({
      method: 'GET',
      url: `/api/v1/campaigns/${campaignId}/members`,
      headers: h.auth,
    });
    expect(members.json().items).toEqual([expect.objectContaining({ personId: p!.id, status: 'responded' })]);
  });

  it('dedupes by normalised email, never makes accounts for free mail, and a demo request is an immediate MQL', async () => {
    const form = await newForm('demo_request');
    expect(form.handRaise).toBe(true);
    const post = (payload: Record<string, string>) =>
      h.app.inject({
        method: 'POST',
        url: `/f/v1/${form.formKey}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(payload).toString(),
      });
    const first = await post({ email: 'Jiro@Gmail.com', lastName: '鈴木', message: 'デモをお願いします' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ created: true, mql: true });
    const p = await person('jiro@gmail.com');
    expect(p).toMatchObject({ account_id: null, lifecycle_stage: 'mql' });
    const again = await post({ email: 'ｊｉｒｏ＠ｇｍａｉｌ．ｃｏｍ' });
    expect(again.json()).toMatchObject({ created: false, personId: p!.id });
    const [history] = await queryRows<{ to_stage: string; cause_event_id: string | null }>(
      h.database.db,
      sql`select to_stage, cause_event_id from stage_history where entity_id = ${p!.id} and to_stage = 'mql'`,
    );
    expect(history?.cause_event_id).not.toBeNull();
  });

  it('rejects an incomplete form with the field and an unknown form key with 404, storing nothing', async () => {
    const form = await newForm('contact');
    const bad = await h.app.inject({
      method: 'POST',
      url: `/f/v1/${form.formKey}`,
      payload: { email: 'nope' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('email');
    const unknown = await h.app.inject({
      method: 'POST',
      url: '/f/v1/bfk_00000000000000000000000000000000_abcdefghijkl',
      payload: { email: 'a@b.co.jp' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(await person('a@b.co.jp')).toBeUndefined();
  });

  it('sets campaign member statuses through the API', async () => {
    const p = await person('taro@acme.co.jp');
    const put = await h.app.inject({
      method: 'PUT',
      url: `/api/v1/campaigns/${campaignId}/members`,
      headers: h.auth,
      payload: { members: [{ personId: p!.id, status: 'attended' }] },
    });
    expect(put.statusCode).toBe(204);
    const bad = await h.app.inject({
      method: 'PUT',
      url: `/api/v1/campaigns/${campaignId}/members`,
      headers: h.auth,
      payload: { members: [{ personId: p!.id, status: 'maybe' }] },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('scoring rules API', () => {
  it('saves a new version and recomputes', async () => {
    const got = await h.app.inject({ method: 'GET', url: '/api/v1/scoring/rules', headers: h.auth });
    expect(got.statusCode).toBe(200);
    const { version, rules } = got.json();
    const res = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/scoring/rules',
      headers: h.auth,
      payload: { expectedVersion: version, rules: { ...rules, halfLifeDays: 14 } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: version + 1, recompute: { ruleVersion: version + 1 } });
    expect(res.json().recompute.people).toBeGreaterThan(0);
    const stale = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/scoring/rules',
      headers: h.auth,
      payload: { expectedVersion: version, rules },
    });
    expect(stale.statusCode).toBe(409);
    const invalid = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/scoring/rules',
      headers: h.auth,
      payload: { rules: { ...rules, halfLifeDays: 0 } },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.details[0].path).toContain('halfLifeDays');
  });
});
