import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness } from '../../test/api/harness.ts';
import { newAccount, newMember, newTeam } from '../../test/sales-floor.ts';
import { createApiToken } from '../workspace/create-api-token.ts';

let h: Awaited<ReturnType<typeof apiHarness>>;
let ae: string;
let other: string;
let aeAuth: { authorization: string };
let accountId: string;
let teamId: string;

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
const get = (url: string, headers = h.auth) => h.app.inject({ method: 'GET', url, headers });
const post = (url: string, payload: object, headers = h.auth) =>
  h.app.inject({ method: 'POST', url, headers, payload });

beforeAll(async () => {
  h = await apiHarness();
  teamId = (await newTeam(h.ws.ctx)).id;
  accountId = (await newAccount(h.ws.ctx, { name: '株式会社ボード検証' })).id;
  ae = await newMember(h.ws.ctx, 'ae', teamId, undefined, '大野 健');
  other = await newMember(h.ws.ctx, 'ae', null);
  aeAuth = {
    authorization: `Bearer ${(await createApiToken(h.ws.ctx, { userId: ae, name: 'ae' })).token}`,
  };
  const deal = (name: string, owner: string, amountMrr: number, closeIn: number) =>
    post('/api/v1/opportunities', {
      accountId,
      name,
      ownerUserId: owner,
      amountMrr,
      closeDate: inDays(closeIn),
    });
  for (const [name, owner, mrr, close] of [
    ['A 全社導入', ae, 100_000, 30],
    ['B 部門導入', ae, 50_000, 10],
    ['C 他担当', other, 70_000, 20],
  ] as const) {
    expect((await deal(name, owner, mrr, close)).statusCode).toBe(201);
  }
});
afterAll(() => h.close());

describe('pipeline board API', () => {
  it('totals each phase over what the actor may read, and narrows by owner, team and search', async () => {
    const all = (await get('/api/v1/pipeline/board')).json();
    expect(all.columns[0]).toEqual({
      phase: 'qualification',
      count: 3,
      amountMrr: 220_000,
      weighted: 22_000,
    });
    const mine = (await get('/api/v1/pipeline/board', aeAuth)).json();
    expect(mine.columns[0]).toMatchObject({ count: 2, amountMrr: 150_000, weighted: 15_000 });
    const team = (await get(`/api/v1/pipeline/board?teamId=${teamId}`)).json();
    expect(team.columns[0]).toMatchObject({ count: 2 });
    const byAccount = (await get(`/api/v1/pipeline/board?q=${encodeURIComponent('ボード検証')}`)).json();
    expect(byAccount.columns[0].count).toBe(3);
    const bad = await get('/api/v1/pipeline/board?type=bogus');
    expect(bad.statusCode).toBe(400);
  });

  it('pages a phase by close date with account and owner names', async () => {
    const first = (await get('/api/v1/pipeline/cards?phase=qualification&limit=2')).json();
    expect(first.items.map((c: { name: string }) => c.name)).toEqual(['B 部門導入', 'C 他担当']);
    expect(first.items[0]).toMatchObject({ accountName: '株式会社ボード検証', ownerName: '大野 健' });
    const second = (
      await get(`/api/v1/pipeline/cards?phase=qualification&limit=2&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items.map((c: { name: string }) => c.name)).toEqual(['A 全社導入']);
    expect(second.nextCursor).toBeNull();
    const mine = (await get('/api/v1/pipeline/cards?phase=qualification', aeAuth)).json();
    expect(mine.items.every((c: { ownerUserId: string }) => c.ownerUserId === ae)).toBe(true);
    const biggest = (await get('/api/v1/pipeline/cards?phase=qualification&sort=-amountMrr&limit=1')).json();
    expect(biggest.items[0].name).toBe('A 全社導入');
    const rest = (
      await get(`/api/v1/pipeline/cards?phase=qualification&sort=-amountMrr&cursor=${biggest.nextCursor}`)
    ).json();
    expect(rest.items.map((c: { name: string }) => c.name)).toEqual(['C 他担当', 'B 部門導入']);
    const one = await get(`/api/v1/pipeline/cards/${first.items[0].id}`, aeAuth);
    expect(one.json()).toMatchObject({ name: 'B 部門導入', accountName: '株式会社ボード検証' });
    expect(one.json().primaryPersonName).toBeNull();
    expect((await get(`/api/v1/pipeline/cards/${first.items[1].id}`, aeAuth)).statusCode).toBe(404);
  });

  it("keeps an AE's hygiene list and phase moves to the deals the AE owns", async () => {
    const hygiene = (await get('/api/v1/pipeline/hygiene', aeAuth)).json();
    expect(hygiene.issues.length).toBe(2);
    expect(hygiene.byOwner.map((o: { userId: string }) => o.userId)).toEqual([ae]);
    const theirs = (await get('/api/v1/pipeline/cards?phase=qualification&q=C')).json().items[0];
    const move = await post(
      `/api/v1/opportunities/${theirs.id}/phase`,
      { version: theirs.version, to: 'lost', lossReason: 'price' },
      aeAuth,
    );
    expect(move.statusCode).toBe(404);
    const after = (await get(`/api/v1/opportunities/${theirs.id}`)).json();
    expect(after.phase).toBe('qualification');
  });
});
