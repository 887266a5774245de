import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/db/query-rows.ts';
import { apiHarness } from './harness.ts';

let h: Awaited<ReturnType<typeof apiHarness>>;
beforeAll(async () => {
  h = await apiHarness();
});
afterAll(() => h.close());

async function auditCount(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(h.database.db, sql`select count(*) as n from audit_log`);
  return row!.n;
}

describe('people API', () => {
  it('creates, reads, updates with versions and deletes, auditing each mutation', async () => {
    const before = await auditCount();
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: h.auth,
      payload: { email: ' Taro.Yamada@Example.co.jp ', lastName: '山田', firstName: '太郎' },
    });
    expect(created.statusCode).toBe(201);
    const person = created.json();
    expect(person).toMatchObject({ email: 'Taro.Yamada@Example.co.jp', lifecycleStage: 'lead', version: 1 });
    expect(await auditCount()).toBe(before + 1);

    const got = await h.app.inject({ method: 'GET', url: `/api/v1/people/${person.id}`, headers: h.auth });
    expect(got.json().lastName).toBe('山田');

    const updated = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${person.id}`,
      headers: h.auth,
      payload: { version: 1, title: '営業部長' },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ title: '営業部長', version: 2 });

    const stale = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${person.id}`,
      headers: h.auth,
      payload: { version: 1, title: '課長' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'version_conflict', details: [{ path: 'version' }] });
    expect(await auditCount()).toBe(before + 2);

    const removed = await h.app.inject({
      method: 'DELETE',
      url: `/api/v1/people/${person.id}?version=2`,
      headers: h.auth,
    });
    expect(removed.statusCode).toBe(204);
    expect(await auditCount()).toBe(before + 3);
    const gone = await h.app.inject({ method: 'GET', url: `/api/v1/people/${person.id}`, headers: h.auth });
    expect(gone.statusCode).toBe(404);
  });

  it('deduplicates by normalised email with a 409 naming the field', async () => {
    await h.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: h.auth,
      payload: { email: 'dup@example.jp' },
    });
    const before = await auditCount();
    const again = await h.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: h.auth,
      payload: { email: 'ＤＵＰ@example.jp' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details[0].path).toBe('email');
    expect(await auditCount()).toBe(before);
  });

  it('paginates with cursors, filters, sorts and searches', async () => {
    for (let i = 0; i < 7; i++) {
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/people',
        headers: h.auth,
        payload: {
          email: `page${i}@paging.jp`,
          lastName: `佐藤${i}`,
          source: i % 2 ? 'inbound' : 'outbound',
        },
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/people?q=paging&limit=3&sort=email${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await h.app.inject({ method: 'GET', url, headers: h.auth })).json();
      seen.push(...page.items.map((p: { email: string }) => p.email));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toHaveLength(7);
    const inbound = (
      await h.app.inject({ method: 'GET', url: '/api/v1/people?q=paging&source=inbound', headers: h.auth })
    ).json();
    expect(inbound.items).toHaveLength(3);
  });

  it('rejects bad input with 400 and the field path, writing nothing', async () => {
    const before = await auditCount();
    const cases = [
      { payload: '{"email":', path: 'body' },
      { payload: { email: 'not-an-email' }, path: 'body.email' },
      { payload: { email: 'a@b.jp', shoeSize: 42 }, path: 'body.shoeSize' },
      { payload: { email: 'a@b.jp', lastName: 5 }, path: 'body.lastName' },
      { payload: { email: 'a@b.jp', lastName: 'x'.repeat(81) }, path: 'body.lastName' },
      { payload: { email: 'a@b.jp', accountId: '00000000-0000-4000-8000-000000000000' }, path: 'accountId' },
      { payload: { lastName: '匿名' }, path: 'body.email' },
    ];
    for (const c of cases) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/people',
        headers: { ...h.auth, 'content-type': 'application/json' },
        payload: typeof c.payload === 'string' ? c.payload : JSON.stringify(c.payload),
      });
      expect(res.statusCode, JSON.stringify(c)).toBe(400);
      const body = res.json();
      expect(body.error.code).toBe('invalid_input');
      expect(body.error.details.map((d: { path: string }) => d.path)).toContain(c.path);
    }
    const unknown = await h.app.inject({
      method: 'GET',
      url: '/api/v1/people/00000000-0000-4000-8000-000000000000',
      headers: h.auth,
    });
    expect(unknown.statusCode).toBe(404);
    const notUuid = await h.app.inject({ method: 'GET', url: '/api/v1/people/123', headers: h.auth });
    expect(notUuid.statusCode).toBe(400);
    expect(await auditCount()).toBe(before);
  });

  it('requires credentials', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/people' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
    const bad = await h.app.inject({
      method: 'GET',
      url: '/api/v1/people',
      headers: { authorization: 'Bearer nope' },
    });
    expect(bad.statusCode).toBe(401);
  });
});
