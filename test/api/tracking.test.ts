import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackEvents } from '../../src/capture/track-events.ts';
import { queryRows } from '../../src/platform/db/query-rows.ts';
import { apiHarness } from './harness.ts';

let h: Awaited<ReturnType<typeof apiHarness>>;
let writeKey: string;
beforeAll(async () => {
  h = await apiHarness();
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/v1/tracking/write-keys',
    headers: h.auth,
    payload: { name: 'website' },
  });
  expect(res.statusCode).toBe(201);
  writeKey = res.json().writeKey;
});
afterAll(() => h.close());

const count = async (table: string) =>
  (await queryRows<{ n: number }>(h.database.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!
    .n;

const batch = (events: unknown[], opts: { key?: string; query?: string } = {}) =>
  h.app.inject({
    method: 'POST',
    url: `/t/v1/batch${opts.query ?? ''}`,
    headers: { 'x-baton-write-key': opts.key ?? writeKey, origin: 'https://www.example.co.jp' },
    payload: { events },
  });

describe('tracking endpoint', () => {
  it('stores a batch, acknowledges after commit, and stores a replayed client id once', async () => {
    const before = await count('events');
    const events = [
      { id: 'c-1', type: 'page_view', anonymousId: 'anon-a', properties: { path: '/blog/kpi' } },
      { id: 'c-2', type: 'page_view', anonymousId: 'anon-a', properties: { path: '/pricing' } },
    ];
    const first = await batch(events);
    expect(first.statusCode).toBe(200);
    expect(first.headers['access-control-allow-origin']).toBe('*');
    expect(first.json()).toMatchObject({ stored: 2, duplicates: 0, rejected: 0 });
    const replay = await batch(events);
    expect(replay.json()).toMatchObject({ stored: 0, duplicates: 2 });
    expect(await count('events')).toBe(before + 2);
  });

  it('rejects a wrong write key with 401 and stores nothing', async () => {
    const before = await count('events');
    const res = await batch([{ type: 'page_view', anonymousId: 'x' }], {
      key: `${writeKey.slice(0, -3)}abc`,
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
    const garbage = await batch([{ type: 'page_view', anonymousId: 'x' }], { key: 'nonsense' });
    expect(garbage.statusCode).toBe(401);
    expect(await count('events')).toBe(before);
  });

  it('rejects a batch with malformed events, naming the index and path of each, unless partial', async () => {
    const before = await count('events');
    const events = [
      { id: 'm-1', type: 'page_view', anonymousId: 'anon-m' },
      { id: 'm-2', type: 'Page View!', anonymousId: 'anon-m' },
      { id: 'm-3', type: 'identify', anonymousId: 'anon-m', email: 'not-an-email' },
    ];
    const res = await batch(events);
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['events.1.type', 'events.2.email']));
    expect(await count('events')).toBe(before);

    const partial = await batch(events, { query: '?partial=true' });
    expect(partial.statusCode).toBe(200);
    const body = partial.json();
    expect(body).toMatchObject({ stored: 1, rejected: 2 });
    expect(body.results[0].status).toBe('stored');
    expect(body.results[1]).toMatchObject({
      index: 1,
      status: 'rejected',
      errors: [{ path: 'events.1.type' }],
    });
    expect(await count('events')).toBe(before + 1);
  });

  it('answers 413 to an oversized body', async () => {
    const big = 'x'.repeat(1900);
    const events = Array.from({ length: 400 }, (_, i) => ({
      type: 'page_view',
      anonymousId: `big-${i}`,
      properties: { a: big },
    }));
    const res = await batch(events);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('answers CORS preflights and serves the tracking script', async () => {
    const pre = await h.app.inject({
      method: 'OPTIONS',
      url: '/t/v1/batch',
      headers: { origin: 'https://a.example' },
    });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-headers']).toContain('x-baton-write-key');
    const js = await h.app.inject({ method: 'GET', url: '/t/baton.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
    expect(js.body).toContain('data-baton-track');
  });

  it('accepts sendBeacon text/plain bodies with the key inside', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/t/v1/batch',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({
        writeKey,
        events: [{ type: 'click', anonymousId: 'anon-beacon', properties: { name: 'cta' } }],
      }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().stored).toBe(1);
  });

  it('merges an anonymous history into the person who identifies, and scores it', async () => {
    const anon = 'anon-merge';
    await batch([
      { type: 'page_view', anonymousId: anon, properties: { path: '/pricing' } },
      { type: 'page_view', anonymousId: anon, properties: { path: '/pricing' } },
    ]);
    const res = await batch([
      {
        type: 'identify',
        anonymousId: anon,
        email: 'Hanako.Sato@Corp-Merge.co.jp',
        traits: { lastName: '佐藤', company: 'コープマージ' },
      },
    ]);
    expect(res.statusCode).toBe(200);
    const [person] = await queryRows<{ id: string; account_id: string | null }>(
      h.database.db,
      sql`select id, account_id from people where email_normalized = 'hanako.sato@corp-merge.co.jp'`,
    );
    expect(person?.account_id).not.toBeNull();
    const [merged] = await queryRows<{ n: number }>(
      h.database.db,
      sql`select count(*)::int as n from events where person_id = ${person!.id}`,
    );
    expect(merged!.n).toBe(3);
    // Later anonymous events of the identified browser belong to the person too.
    await batch([{ type: 'page_view', anonymousId: anon, properties: { path: '/case-studies/a' } }]);
    const score = await h.app.inject({
      method: 'GET',
      url: `/api/v1/people/${person!.id}/score`,
      headers: h.auth,
    });
    expect(score.statusCode).toBe(200);
    const explained = score.json();
    expect(explained.engagement).toBeGreaterThan(20);
    expect(explained.topRules[0]).toMatchObject({ ruleId: 'page.pricing', events: 2 });
    expect(explained.topEvents).toHaveLength(3);
  });

  it('revoked write keys stop working', async () => {
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/v1/tracking/write-keys',
      headers: h.auth,
      payload: { name: 'old' },
    });
    const { id, writeKey: key } = created.json();
    const list = await h.app.inject({ method: 'GET', url: '/api/v1/tracking/write-keys', headers: h.auth });
    expect(list.json().items.map((k: { id: string }) => k.id)).toContain(id);
    expect(JSON.stringify(list.json())).not.toContain(key);
    // Used once first, so the server has verified (and may remember) the key.
    expect((await batch([{ type: 'page_view', anonymousId: 'r' }], { key })).statusCode).toBe(200);
    const del = await h.app.inject({
      method: 'DELETE',
      url: `/api/v1/tracking/write-keys/${id}`,
      headers: h.auth,
    });
    expect(del.statusCode).toBe(204);
    expect((await batch([{ type: 'page_view', anonymousId: 'r' }], { key })).statusCode).toBe(401);
  });

  it('events follow their person out on delete; an account or campaign they name cannot be deleted', async () => {
    const campaign = await h.app.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      headers: h.auth,
      payload: { name: '削除テスト', channel: 'seminar' },
    });
    expect(campaign.statusCode).toBe(201);
    const campaignId = campaign.json().id as string;
    const { outcomes } = await trackEvents(h.ws.ctx, [
      { id: 'del-1', type: 'seminar_attended', email: 'leaving@del-ex.co.jp', campaignId },
      { id: 'del-2', type: 'page_view', email: 'leaving@del-ex.co.jp' },
    ]);
    const personId = outcomes[0]!.personId!;
    const eventsOf = async () =>
      (
        await queryRows<{ n: number; account_id: string | null }>(
          h.database.db,
          sql`select count(*)::int as n, min(account_id::text) as account_id from events
              where workspace_id = ${h.ws.workspace.id} and person_id = ${personId}`,
        )
      )[0]!;
    const { account_id: accountId } = await eventsOf();
    expect(accountId).not.toBeNull();

    const person = (
      await h.app.inject({ method: 'GET', url: `/api/v1/people/${personId}`, headers: h.auth })
    ).json();
    const moved = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${personId}`,
      headers: h.auth,
      payload: { version: person.version, accountId: null },
    });
    expect(moved.statusCode).toBe(200);
    const account = (
      await h.app.inject({ method: 'GET', url: `/api/v1/accounts/${accountId}`, headers: h.auth })
    ).json();
    const refused = await h.app.inject({
      method: 'DELETE',
      url: `/api/v1/accounts/${accountId}?version=${account.version}`,
      headers: h.auth,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details[0].message).toContain('tracked events');
    const refusedCampaign = await h.app.inject({
      method: 'DELETE',
      url: `/api/v1/campaigns/${campaignId}?version=${campaign.json().version}`,
      headers: h.auth,
    });
    expect(refusedCampaign.statusCode).toBe(409);

    const deleted = await h.app.inject({
      method: 'DELETE',
      url: `/api/v1/people/${personId}?version=${moved.json().version}`,
      headers: h.auth,
    });
    expect(deleted.statusCode).toBe(204);
    expect((await eventsOf()).n).toBe(0);
    const nowDeletable = await h.app.inject({
      method: 'DELETE',
      url: `/api/v1/accounts/${accountId}?version=${account.version}`,
      headers: h.auth,
    });
    expect(nowDeletable.statusCode).toBe(204);
  });
});
