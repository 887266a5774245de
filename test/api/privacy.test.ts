import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/db/query-rows.ts';
import { apiHarness } from './harness.ts';

let h: Awaited<ReturnType<typeof apiHarness>>;
beforeAll(async () => {
  h = await apiHarness();
});
afterAll(() => h.close());

const count = async (table: string) =>
  (await queryRows<{ n: number }>(h.database.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

async function seedPersonWithTraces() {
  const created = await h.app.inject({
    method: 'POST',
    url: '/api/v1/people',
    headers: h.auth,
    payload: {
      email: 'Hanako.Sato@Example.co.jp',
      lastName: '佐藤',
      firstName: '花子',
      phone: '03-1234-5678',
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const person = created.json();
  const ws = h.ws.workspace.id;
  const visitorId = randomUUID();
  const now = new Date().toISOString();
  await h.database.db.execute(sql`insert into visitors (workspace_id, id, anonymous_id, person_id, first_seen_at, last_seen_at)
    values (${ws}, ${visitorId}, 'cookie-123', ${person.id}, ${now}, ${now})`);
  await h.database.db.execute(sql`insert into events (workspace_id, id, idempotency_key, type, occurred_at, person_id, visitor_id, properties)
    values (${ws}, ${randomUUID()}, ${randomUUID()}, 'form_submit', ${now}, ${person.id}, ${visitorId},
      ${JSON.stringify({ email: 'hanako.sato@example.co.jp', name: '佐藤花子' })}::jsonb)`);
  await h.database.db.execute(sql`insert into activities (workspace_id, id, type, person_id, occurred_at, notes)
    values (${ws}, ${randomUUID()}, 'call', ${person.id}, ${now}, '佐藤さんの携帯 090-0000-0000')`);
  return person;
}

describe('privacy', () => {
  it('records consent and unsubscribes per channel', async () => {
    const p = (
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/people',
        headers: h.auth,
        payload: { email: 'c@ex.jp' },
      })
    ).json();
    const before = (
      await h.app.inject({ method: 'GET', url: `/api/v1/people/${p.id}/consents`, headers: h.auth })
    ).json();
    expect(before.items.find((c: { channel: string }) => c.channel === 'email').canContact).toBe(false);
    const granted = await h.app.inject({
      method: 'PUT',
      url: `/api/v1/people/${p.id}/consents/email`,
      headers: h.auth,
      payload: { status: 'granted', source: 'seminar form' },
    });
    expect(granted.json().items.find((c: { channel: string }) => c.channel === 'email').canContact).toBe(
      true,
    );
    const unsub = await h.app.inject({
      method: 'PUT',
      url: `/api/v1/people/${p.id}/consents/email`,
      headers: h.auth,
      payload: { status: 'unsubscribed' },
    });
    expect(unsub.json().items.find((c: { channel: string }) => c.channel === 'email')).toMatchObject({
      status: 'unsubscribed',
      canContact: false,
    });
  });

  it('exports everything about a person as JSON', async () => {
    const p = await seedPersonWithTraces();
    const res = await h.app.inject({ method: 'GET', url: `/api/v1/people/${p.id}/export`, headers: h.auth });
    expect(res.statusCode, res.body).toBe(200);
    const doc = res.json();
    expect(doc.person.email).toBe('Hanako.Sato@Example.co.jp');
    expect(doc.events).toHaveLength(1);
    expect(doc.visitors).toHaveLength(1);
    expect(doc.activities).toHaveLength(1);
    expect(doc.audit[0].action).toBe('person.create');
    const erase = await h.app.inject({
      method: 'POST',
      url: `/api/v1/people/${p.id}/erase`,
      headers: h.auth,
      payload: { reason: 'request by email 2026-11-20' },
    });
    expect(erase.statusCode, erase.body).toBe(200);
  });

  it('erases personal data everywhere, keeps counts, suppresses the address and keeps the chain valid', async () => {
    const counts = async () => ({
      people: await count('people'),
      events: await count('events'),
      visitors: await count('visitors'),
      activities: await count('activities'),
    });
    const erasedAgain = await h.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: h.auth,
      payload: { email: 'hanako.sato@example.co.jp' },
    });
    expect(erasedAgain.statusCode).toBe(409);
    const person = (
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/people',
        headers: h.auth,
        payload: { email: 'ichiro@example.co.jp', lastName: '鈴木', phone: '03-0000-1111' },
      })
    ).json();
    await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${person.id}`,
      headers: h.auth,
      payload: { version: 1, title: '情報システム部長' },
    });
    const ws = h.ws.workspace.id;
    const now = new Date().toISOString();
    await h.database.db.execute(sql`insert into events (workspace_id, id, idempotency_key, type, occurred_at, person_id, properties)
      values (${ws}, ${randomUUID()}, ${randomUUID()}, 'page_view', ${now}, ${person.id}, '{"email":"ichiro@example.co.jp"}'::jsonb)`);
    const before = await counts();
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/v1/people/${person.id}/erase`,
      headers: h.auth,
      payload: { reason: 'data subject request' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ suppressed: true, auditRowsRedacted: 2 });
    expect(await counts()).toEqual(before);

    const dump = JSON.stringify(
      await queryRows(
        h.database.db,
        sql`select p.*, (select json_agg(e.properties) from events e where e.person_id = p.id) as ev,
          (select json_agg(a) from audit_log a where a.entity_id = p.id) as au
          from people p where p.id = ${person.id}`,
      ),
    );
    for (const secret of ['ichiro', '鈴木', '03-0000-1111', '情報システム部長'])
      expect(dump).not.toContain(secret);

    const again = await h.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: h.auth,
      payload: { email: 'ICHIRO@example.co.jp' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details[0].path).toBe('email');

    const verify = (
      await h.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: h.auth })
    ).json();
    expect(verify.broken).toBeNull();
    expect(verify.redacted).toBeGreaterThanOrEqual(2);

    const twice = await h.app.inject({
      method: 'POST',
      url: `/api/v1/people/${person.id}/erase`,
      headers: h.auth,
      payload: { reason: 'again' },
    });
    expect(twice.statusCode).toBe(409);
  });

  it('suppresses an address without a person', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/suppressions',
      headers: h.auth,
      payload: { email: 'nomail@example.jp', reason: 'objection by phone' },
    });
    expect(res.json()).toEqual({ added: true });
    const create = await h.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: h.auth,
      payload: { email: 'nomail@example.jp' },
    });
    expect(create.statusCode).toBe(409);
  });
});
