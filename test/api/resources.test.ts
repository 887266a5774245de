import SwaggerParser from '@apidevtools/swagger-parser';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChainBreak } from '../../src/platform/audit/audit-chain.ts';
import { listAuditRows } from '../../src/platform/audit/store.ts';
import { queryRows } from '../../src/platform/db/query-rows.ts';
import { createApiToken } from '../../src/workspace/create-api-token.ts';
import { newWorkspace } from '../factories.ts';
import { apiHarness } from './harness.ts';

let h: Awaited<ReturnType<typeof apiHarness>>;
beforeAll(async () => {
  h = await apiHarness();
});
afterAll(() => h.close());

const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, headers = h.auth) =>
  h.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

describe('accounts, campaigns and users', () => {
  it('normalises account domains and refuses a second account with the same domain', async () => {
    const a = await call('POST', '/api/v1/accounts', {
      name: '東都テクノロジーズ株式会社',
      domain: 'https://www.Toto-Tech.co.jp/about',
      employeeCount: 320,
    });
    expect(a.statusCode).toBe(201);
    expect(a.json().domain).toBe('toto-tech.co.jp');
    const dup = await call('POST', '/api/v1/accounts', { name: '別名', domain: 'toto-tech.co.jp' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details[0].path).toBe('domain');
    const person = await call('POST', '/api/v1/people', {
      email: 'taro@toto-tech.co.jp',
      accountId: a.json().id,
    });
    expect(person.statusCode).toBe(201);
    const filtered = await call('GET', `/api/v1/people?accountId=${a.json().id}`);
    expect(filtered.json().items.map((p: { email: string }) => p.email)).toEqual(['taro@toto-tech.co.jp']);
    // An account that people still belong to cannot be deleted out from under them.
    const del = await call('DELETE', `/api/v1/accounts/${a.json().id}?version=1`);
    expect(del.statusCode).toBe(409);
  });

  it('validates campaign periods and costs', async () => {
    const bad = await call('POST', '/api/v1/campaigns', {
      name: '展示会',
      channel: 'exhibition',
      startsOn: '2026-05-10',
      endsOn: '2026-05-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('body.endsOn');
    const neg = await call('POST', '/api/v1/campaigns', { name: '展示会', channel: 'exhibition', cost: -1 });
    expect(neg.json().error.details[0].path).toBe('body.cost');
    const ok = await call('POST', '/api/v1/campaigns', {
      name: '展示会',
      channel: 'exhibition',
      startsOn: '2026-05-01',
      endsOn: '2026-05-03',
      cost: 4_500_000,
    });
    expect(ok.statusCode).toBe(201);
    const moved = await call('PATCH', `/api/v1/campaigns/${ok.json().id}`, {
      version: 1,
      startsOn: '2026-06-01',
    });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error.details[0].path).toBe('endsOn');
    const list = await call('GET', '/api/v1/campaigns?channel=exhibition&sort=-cost');
    expect(list.json().items[0].cost).toBe(4_500_000);
  });

  it('adds users with roles and default capacities; only admins manage users', async () => {
    const u = await call('POST', '/api/v1/users', {
      email: 'is.rep@example.co.jp',
      displayName: 'IS 担当',
      password: 'long-enough-password',
      roles: [{ role: 'mdr' }, { role: 'sdr', capacity: 40 }],
    });
    expect(u.statusCode).toBe(201);
    expect(u.json().roles).toEqual([
      { role: 'mdr', teamId: null, capacity: 80 },
      { role: 'sdr', teamId: null, capacity: 40 },
    ]);
    expect(JSON.stringify(u.json())).not.toContain('password');
    const { token } = await createApiToken({ ...h.ws.ctx }, { userId: u.json().id, name: 'rep' });
    const rep = { authorization: `Bearer ${token}` };
    const denied = await call('POST', '/api/v1/users', { email: 'x@example.co.jp', displayName: 'x' }, rep);
    expect(denied.statusCode).toBe(403);
    const self = await call('PATCH', `/api/v1/users/${u.json().id}`, { version: 1, locale: 'en' }, rep);
    expect(self.statusCode).toBe(200);
    const escalate = await call(
      'PATCH',
      `/api/v1/users/${u.json().id}`,
      { version: 2, roles: [{ role: 'admin' }] },
      rep,
    );
    expect(escalate.statusCode).toBe(403);
  });
});

describe('tenancy and audit', () => {
  it('never shows or changes another workspace’s records', async () => {
    const mine = (await call('POST', '/api/v1/people', { email: 'mine@example.jp' })).json();
    const other = await newWorkspace(h.database);
    const { token } = await createApiToken(other.ctx, { userId: other.adminUserId, name: 'other' });
    const them = { authorization: `Bearer ${token}` };
    expect((await call('GET', `/api/v1/people/${mine.id}`, undefined, them)).statusCode).toBe(404);
    expect(
      (await call('PATCH', `/api/v1/people/${mine.id}`, { version: 1, title: 'x' }, them)).statusCode,
    ).toBe(404);
    expect((await call('DELETE', `/api/v1/people/${mine.id}?version=1`, undefined, them)).statusCode).toBe(
      404,
    );
    const theirList = (await call('GET', '/api/v1/people?q=mine', undefined, them)).json();
    expect(theirList.items).toEqual([]);
    // Linking to another workspace's account fails like an unknown id.
    const account = (await call('POST', '/api/v1/accounts', { name: '他社' })).json();
    const cross = await call('POST', '/api/v1/people', { email: 'x@other.jp', accountId: account.id }, them);
    expect(cross.statusCode).toBe(400);
    expect((await call('GET', `/api/v1/people/${mine.id}`)).json().version).toBe(1);
  });

  it('writes one hash-chained audit row per mutation, with before and after', async () => {
    const p = (await call('POST', '/api/v1/people', { email: 'audit@example.jp' })).json();
    await call('PATCH', `/api/v1/people/${p.id}`, { version: 1, title: '部長' });
    const rows = await queryRows<{
      action: string;
      before: { title: string | null } | null;
      after: { title: string } | null;
    }>(
      h.database.db,
      sql`select action, before, after from audit_log where entity_id = ${p.id} order by seq`,
    );
    expect(rows.map((r) => r.action)).toEqual(['person.create', 'person.update']);
    expect(rows[1]!.before!.title).toBeNull();
    expect(rows[1]!.after!.title).toBe('部長');
    const chain = await listAuditRows(h.ws.ctx, 0, 10_000);
    expect(findChainBreak(chain)).toBeNull();
    await h.database.db.execute(
      sql`update audit_log set reason = 'edited' where entity_id = ${p.id} and action = 'person.create'`,
    );
    expect(findChainBreak(await listAuditRows(h.ws.ctx, 0, 10_000))?.problem).toBe('hash_mismatch');
  });
});

describe('OpenAPI', () => {
  it('is a valid OpenAPI 3 document describing the resources, served without credentials', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    await SwaggerParser.validate(structuredClone(doc));
    for (const path of [
      '/api/v1/people',
      '/api/v1/accounts/{id}',
      '/api/v1/campaigns',
      '/api/v1/users',
      '/api/v1/auth/login',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const docs = await h.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });
});
