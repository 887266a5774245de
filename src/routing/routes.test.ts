import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness } from '../../test/api/harness.ts';
import { newHandoff, newMember, newPerson } from '../../test/sales-floor.ts';
import { queryRows } from '../platform/db/query-rows.ts';

let h: Awaited<ReturnType<typeof apiHarness>>;
beforeAll(async () => {
  h = await apiHarness();
});
afterAll(() => h.close());

const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  h.app.inject({ method, url, headers: h.auth, ...(payload ? { payload } : {}) });
const audits = async () =>
  (await queryRows<{ n: number }>(h.database.db, sql`select count(*) as n from audit_log`))[0]!.n;

describe('sales floor API', () => {
  it('reads and sets the org model, and builds PODs with members', async () => {
    const model = await call('GET', '/api/v1/org-model');
    expect(model.json()).toMatchObject({ orgModel: 'assembly_line', salesFloor: { slotsPerOpenLead: 2 } });
    const set = await call('PUT', '/api/v1/org-model', { version: model.json().version, orgModel: 'pods' });
    expect(set.statusCode).toBe(200);
    const stale = await call('PUT', '/api/v1/org-model', {
      version: model.json().version,
      orgModel: 'islands',
    });
    expect(stale.statusCode).toBe(409);

    const noSegment = await call('POST', '/api/v1/teams', { name: 'ENT', kind: 'pod' });
    expect(noSegment.statusCode).toBe(400);
    expect(noSegment.json().error.details[0].path).toBe('segmentRule');
    const badRule = await call('POST', '/api/v1/teams', {
      name: 'ENT',
      kind: 'pod',
      segmentRule: { field: 'revenue', op: 'gte', value: 1 },
    });
    expect(badRule.statusCode).toBe(400);
    const pod = await call('POST', '/api/v1/teams', {
      name: 'ENT',
      kind: 'pod',
      segmentRule: { field: 'tier', op: 'eq', value: 'enterprise' },
    });
    expect(pod.statusCode).toBe(201);
    const user = await newMember(h.ws.ctx, 'mdr', null);
    const added = await call('POST', `/api/v1/teams/${pod.json().id}/members`, { userId: user, role: 'mdr' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ role: 'mdr', capacity: 80 });
    const members = await call('GET', `/api/v1/teams/${pod.json().id}/members`);
    expect(members.json()).toHaveLength(1);
  });

  it('refuses a manual assignment to a member without the role (400, nothing changes)', async () => {
    const ae = await newMember(h.ws.ctx, 'ae', null);
    const person = await newPerson(h.ws.ctx);
    const handoff = await newHandoff(h.ws.ctx, { kind: 'mql', toRole: 'mdr', personId: person.id });
    const before = await audits();
    const res = await call('POST', `/api/v1/handoffs/${handoff.id}/override`, {
      userId: ae,
      reason: 'busy week',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('does not hold that role');
    expect(await audits()).toBe(before);
    const noReason = await call('POST', `/api/v1/handoffs/${handoff.id}/override`, { userId: ae });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].path).toBe('body.reason');
  });

  it('refuses to enrol an opted-out person (409 naming the rule)', async () => {
    const cadence = await call('POST', '/api/v1/cadences', {
      name: 'フォロー',
      steps: [{ dayOffset: 0, channel: 'call', instructions: '架電' }],
    });
    expect(cadence.statusCode).toBe(201);
    const person = await newPerson(h.ws.ctx, { attributes: { optedOut: true } });
    const before = await audits();
    const res = await call('POST', `/api/v1/cadences/${cadence.json().id}/enrolments`, {
      personId: person.id,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('opted out');
    expect(await audits()).toBe(before);
    const backwards = await call('POST', '/api/v1/cadences', {
      name: 'x',
      steps: [
        { dayOffset: 3, channel: 'call', instructions: 'a' },
        { dayOffset: 1, channel: 'email', instructions: 'b' },
      ],
    });
    expect(backwards.statusCode).toBe(400);
  });

  it('logs activities and reports the queue and slots of the caller', async () => {
    const person = await newPerson(h.ws.ctx);
    const logged = await call('POST', '/api/v1/activities', {
      type: 'meeting',
      outcome: 'held',
      personId: person.id,
    });
    expect(logged.statusCode).toBe(201);
    const slots = await call('GET', '/api/v1/workbench/slots');
    expect(slots.json()).toMatchObject({ used: 2, slotMinutes: 30 });
    const queue = await call('GET', '/api/v1/workbench/queue');
    expect(queue.json()).toMatchObject({ total: 0, items: [] });
    const sqlRes = await call('POST', `/api/v1/people/${person.id}/sql`, { checklist: {} });
    expect(sqlRes.statusCode).toBe(409);
  });
});
