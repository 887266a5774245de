import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness } from './harness.ts';

let h: Awaited<ReturnType<typeof apiHarness>>;
beforeAll(async () => {
  h = await apiHarness();
});
afterAll(() => h.close());

async function createPerson(email: string, extra: Record<string, unknown> = {}) {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/v1/people',
    headers: h.auth,
    payload: { email, ...extra },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('audit viewer, export, history and verification', () => {
  it('filters by entity and action, pages with cursors, newest first', async () => {
    const p = await createPerson('audit1@example.jp', { lastName: '山田' });
    await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${p.id}`,
      headers: h.auth,
      payload: { version: 1, title: '部長' },
    });
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/v1/audit?entityType=person&entityId=${p.id}&limit=1`,
      headers: h.auth,
    });
    expect(res.statusCode, res.body).toBe(200);
    const page1 = res.json();
    expect(page1.items.map((i: { action: string }) => i.action)).toEqual(['person.update']);
    const page2 = (
      await h.app.inject({
        method: 'GET',
        url: `/api/v1/audit?entityType=person&entityId=${p.id}&limit=1&cursor=${page1.nextCursor}`,
        headers: h.auth,
      })
    ).json();
    expect(page2.items.map((i: { action: string }) => i.action)).toEqual(['person.create']);
    expect(page2.nextCursor).toBeNull();
    const byPrefix = (
      await h.app.inject({ method: 'GET', url: '/api/v1/audit?action=person.&limit=500', headers: h.auth })
    ).json();
    expect(byPrefix.items.every((i: { action: string }) => i.action.startsWith('person.'))).toBe(true);
    const future = (
      await h.app.inject({
        method: 'GET',
        url: `/api/v1/audit?from=${encodeURIComponent('2999-01-01T00:00:00Z')}`,
        headers: h.auth,
      })
    ).json();
    expect(future.items).toEqual([]);
  });

  it('exports CSV with formulas defused, and JSON', async () => {
    await createPerson('formula@example.jp', { lastName: '=HYPERLINK("http://evil.example","x")' });
    const csv = await h.app.inject({
      method: 'GET',
      url: '/api/v1/audit/export?format=csv',
      headers: h.auth,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe(
      'seq,at,actorType,actorId,action,entityType,entityId,reason,before,after,hash',
    );
    expect(csv.body).not.toMatch(/(^|,)=HYPERLINK/m);
    const json = await h.app.inject({
      method: 'GET',
      url: '/api/v1/audit/export?format=json',
      headers: h.auth,
    });
    const rows = JSON.parse(json.body);
    expect(rows.length).toBeGreaterThan(2);
  });

  it('shows a person’s field history', async () => {
    const p = await createPerson('history@example.jp', { title: '課長' });
    await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${p.id}`,
      headers: h.auth,
      payload: { version: 1, title: '部長' },
    });
    const res = await h.app.inject({ method: 'GET', url: `/api/v1/people/${p.id}/history`, headers: h.auth });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    expect(items.map((i: { action: string }) => i.action)).toEqual(['person.create', 'person.update']);
    expect(items[1].changes).toEqual([{ field: 'title', from: '課長', to: '部長' }]);
  });

  it('verifies the chain and names the first tampered row', async () => {
    const ok = await h.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: h.auth });
    expect(ok.json().broken).toBeNull();
    const target = (
      await h.app.inject({
        method: 'GET',
        url: '/api/v1/audit?action=person.create&limit=1',
        headers: h.auth,
      })
    ).json().items[0];
    await h.database.db.execute(
      sql`update audit_log set after = jsonb_set(after, '{lastName}', '"改ざん"') where id = ${target.id}`,
    );
    const bad = (await h.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: h.auth })).json();
    expect(bad.broken).toMatchObject({ id: target.id, seq: target.seq, problem: 'hash_mismatch' });
  });
});
