import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/platform/context.ts';
import { matrixSuite } from './access/matrix.ts';
import { CORE_ROUTES } from './access/routes-core.ts';
import { FLOOR_ROUTES } from './access/routes-floor.ts';
import { REVENUE_ROUTES } from './access/routes-revenue.ts';

/**
 * The access matrix, part one: the check that every route of the OpenAPI document is
 * classified (in `access/routes-*.ts`), the core routes, and the cross-workspace and
 * policy-override cases. The revenue and sales-floor routes run in
 * `access-matrix-revenue.test.ts` and `access-matrix-floor.test.ts`.
 */
const ALL_ROUTES = { ...CORE_ROUTES, ...REVENUE_ROUTES, ...FLOOR_ROUTES };

const { fx, request, makeRecord, auditCount, marker, testRoutes } = matrixSuite();

describe('access matrix', () => {
  it('classifies every route of the OpenAPI document, each once', async () => {
    await fx.h.app.ready();
    const doc = fx.h.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace('{channel}', 'email')}`),
    );
    const unclassified = routes.filter((r) => !ALL_ROUTES[r]);
    expect(unclassified, 'add these routes to a ROUTES map in test/api/access/').toEqual([]);
    expect(Object.keys(ALL_ROUTES).filter((r) => !routes.includes(r))).toEqual([]);
    const parts = [CORE_ROUTES, REVENUE_ROUTES, FLOOR_ROUTES].map((m) => Object.keys(m).length);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(Object.keys(ALL_ROUTES).length);
  });

  testRoutes(CORE_ROUTES);

  it('never reads or writes across workspaces, even with ids or foreign keys from the other one', async () => {
    const before = await auditCount(fx.ws2.workspace.id);
    const foreignAccount = await makeRecord('accounts', 'other_ws', fx.ws2.adminUserId);
    const res = await request('admin', 'POST', '/api/v1/people', {
      email: `${marker()}@fk.example.jp`,
      accountId: foreignAccount.id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('accountId');
    // A token of one workspace is unknown to the other's records and to its audit log.
    const audit = await request('admin', 'GET', `/api/v1/audit?entityId=${foreignAccount.id}`);
    expect(audit.json().items).toEqual([]);
    expect(await auditCount(fx.ws2.workspace.id)).toBe(before);
  });

  it('follows a workspace’s own policy once an admin changes it', async () => {
    const rec = await makeRecord('accounts', 'team', fx.actors.get('ae')!.userId);
    expect((await request('ae', 'GET', `/api/v1/accounts/${rec.id}`)).statusCode).toBe(404);
    const put = await request('admin', 'PUT', '/api/v1/access-policy', {
      roles: { ae: { accounts: { read: 'team' } } },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().effective.ae.accounts).toEqual({ read: 'team', write: 'own' });
    expect((await request('ae', 'GET', `/api/v1/accounts/${rec.id}`)).statusCode).toBe(200);
    const patch = await request('ae', 'PATCH', `/api/v1/accounts/${rec.id}`, { version: 1, name: 'x' });
    expect(patch.statusCode).toBe(403);
    await request('admin', 'PUT', '/api/v1/access-policy', { roles: {} });
    const bad = await request('admin', 'PUT', '/api/v1/access-policy', {
      roles: { admin: { people: { read: 'none' } } },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('keeps one rep out of another rep’s opportunity, task, activity and subscription, and another workspace’s', async () => {
    const ae = fx.actors.get('ae')!.userId;
    const json = (r: { body: string }) => r.body.slice(0, 160);
    for (const relation of ['other_team', 'other_ws'] as const) {
      const opp = await makeRecord('opportunities', relation, ae);
      const task = await makeRecord('tasks', relation, ae);
      const sub = await makeRecord('subscriptions', relation, ae);
      const before = await auditCount(fx.h.ws.workspace.id);
      const attempts = [
        await request('ae', 'GET', `/api/v1/opportunities/${opp.id}`),
        await request('ae', 'PATCH', `/api/v1/opportunities/${opp.id}`, { version: 1, nextStep: 'x' }),
        await request('ae', 'POST', `/api/v1/opportunities/${opp.id}/phase`, { version: 1, to: 'lost' }),
        await request('ae', 'POST', `/api/v1/tasks/${task.id}/complete`),
        await request('ae', 'GET', `/api/v1/subscriptions/${sub.id}`),
        await request('ae', 'POST', `/api/v1/subscriptions/${sub.id}/amend`, {
          version: 1,
          mrr: 1,
          effectiveOn: new Date().toISOString().slice(0, 10),
        }),
      ];
      for (const res of attempts) expect(res.statusCode, `${relation}: ${json(res)}`).toBe(404);
      const activity = await request('ae', 'POST', '/api/v1/activities', {
        type: 'meeting',
        opportunityId: opp.id,
      });
      expect(activity.statusCode, json(activity)).toBe(404);
      expect(await auditCount(fx.h.ws.workspace.id)).toBe(before);
    }
  });

  it('scopes the forecast, the export and campaign members to what the role may read', async () => {
    const ae = fx.actors.get('ae')!.userId;
    const period = 'FY2031';
    const close = '2031-06-15';
    const amounts = { own: 1_000, team: 20_000, other_team: 300_000 } as const;
    for (const [relation, amount] of Object.entries(amounts)) {
      const opp = await makeRecord('opportunities', relation as keyof typeof amounts, ae);
      await fx.h.database.db.execute(
        sql`update opportunities set amount_mrr = ${amount}, close_date = ${close} where id = ${opp.id}`,
      );
    }
    const pipeline = async (role: Role) => {
      const res = await request(role, 'GET', `/api/v1/forecast?period=${period}`);
      expect(res.statusCode, res.body.slice(0, 160)).toBe(200);
      return res.json().total.openPipeline as number;
    };
    expect(await pipeline('ae')).toBe(1_000);
    expect(await pipeline('manager')).toBe(21_000);
    expect(await pipeline('admin')).toBe(321_000);

    const mine = await makeRecord('people', 'own', ae);
    const theirs = await makeRecord('people', 'other_team', ae);
    const csv = (await request('ae', 'GET', '/api/v1/export/people')).body;
    expect(csv).toContain(mine.marker);
    expect(csv).not.toContain(theirs.marker);
    expect((await request('admin', 'GET', '/api/v1/export/people')).body).toContain(theirs.marker);

    const campaign = await makeRecord('campaigns', 'ownerless', ae);
    const members = [mine.id, theirs.id].map((personId) => ({ personId, status: 'sent' }));
    expect(
      (await request('ae', 'PUT', `/api/v1/campaigns/${campaign.id}/members`, { members })).statusCode,
    ).toBe(403);
    const put = await request('marketing', 'PUT', `/api/v1/campaigns/${campaign.id}/members`, { members });
    expect(put.statusCode, put.body).toBeLessThan(300);
    const listed = (role: Role) =>
      request(role, 'GET', `/api/v1/campaigns/${campaign.id}/members`).then((r) =>
        (r.json().items as { personId: string }[]).map((m) => m.personId).sort(),
      );
    expect(await listed('ae')).toEqual([mine.id]);
    expect(await listed('marketing')).toEqual([mine.id, theirs.id].sort());
  });

  it('shows a rep only their own workbench; a manager their teams’ reps, an admin everyone’s', async () => {
    const sdr = fx.actors.get('sdr')!.userId;
    const status = async (role: Role, userId: string, path: string) =>
      (await request(role, 'GET', `/api/v1/workbench/${path}?userId=${userId}`)).statusCode;
    for (const path of ['queue', 'slots', 'tasks']) {
      expect(await status('mdr', sdr, path)).toBe(404);
      expect(await status('manager', sdr, path)).toBe(200);
      expect(await status('manager', fx.mateId, path)).toBe(200);
      expect(await status('manager', fx.strangerId, path)).toBe(404);
      expect(await status('admin', fx.strangerId, path)).toBe(200);
    }
  });
});
