import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness } from '../../test/api/harness.ts';
import { newAccount, newHandoff } from '../../test/sales-floor.ts';
import { peopleUseCases } from '../crm/manage-people.ts';
import type { RequestContext } from '../platform/context.ts';

let h: Awaited<ReturnType<typeof apiHarness>>;
beforeAll(async () => {
  h = await apiHarness();
});
afterAll(() => h.close());

const list = async (query: string) => {
  const res = await h.app.inject({ method: 'GET', url: `/api/v1/handoffs?${query}`, headers: h.auth });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    items: { id: string; personName: string | null; accountName: string | null; dueAt: string }[];
    nextCursor: string | null;
  };
};

/** Three hand-offs opened an hour apart, each due a day later than the one before it. */
async function threeHandoffs() {
  const account = await newAccount(h.ws.ctx, { name: '北斗ロジスティクス株式会社' });
  const ids: string[] = [];
  for (const [i, lastName] of ['佐藤', '鈴木', '高橋'].entries()) {
    const person = (await peopleUseCases.create(h.ws.ctx, {
      email: `handoff-list-${i}@hokuto.example.co.jp`,
      lastName,
      firstName: '一郎',
      accountId: account.id,
    })) as { id: string };
    const at = new Date(Date.UTC(2030, 0, 1, i));
    const ctx: RequestContext = { ...h.ws.ctx, now: () => at };
    const row = await newHandoff(ctx, {
      kind: 'mql',
      toRole: 'mdr',
      personId: person.id,
      accountId: account.id,
    });
    ids.push(row.id);
  }
  return ids;
}

describe('hand-off list', () => {
  it('names the person and account, searches them, and sorts by due time with keyset pages', async () => {
    const ids = await threeHandoffs();
    const byName = await list('q=鈴木');
    expect(byName.items.map((x) => x.id)).toEqual([ids[1]]);
    expect(byName.items[0]).toMatchObject({
      personName: '鈴木 一郎',
      accountName: '北斗ロジスティクス株式会社',
    });
    expect((await list('q=hokuto&sort=dueAt')).items.map((x) => x.id)).toEqual(ids);
    expect((await list('q=北斗&sort=-dueAt')).items.map((x) => x.id)).toEqual([...ids].reverse());

    const first = await list('q=hokuto&sort=dueAt&limit=2');
    expect(first.items.map((x) => x.id)).toEqual(ids.slice(0, 2));
    const second = await list(`q=hokuto&sort=dueAt&limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((x) => x.id)).toEqual(ids.slice(2));
    expect((await list('q=100%25')).items).toEqual([]);
    expect((await list('q=hokuto&unassigned=true')).items).toHaveLength(3);
    expect((await list('q=hokuto&unassigned=false')).items).toEqual([]);
  });

  it('refuses an unknown sort naming the field', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/handoffs?sort=name', headers: h.auth });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toContain('sort');
  });
});
