import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness } from '../../test/api/harness.ts';
import { newAccount, newHandoff, newMember, newPerson, newTeam } from '../../test/sales-floor.ts';
import { transitionEntity } from '../lifecycle/transition-entity.ts';
import { createApiToken } from '../workspace/create-api-token.ts';
import { assignHandoff } from './assign-handoff.ts';

let h: Awaited<ReturnType<typeof apiHarness>>;
let rep: string;
let repAuth: { authorization: string };
beforeAll(async () => {
  h = await apiHarness();
  const pod = await newTeam(h.ws.ctx, { segmentRule: { field: 'employeeCount', op: 'gte', value: 0 } });
  rep = await newMember(h.ws.ctx, 'mdr', pod.id, 80);
  const { token } = await createApiToken(h.ws.ctx, { userId: rep, name: 'rep' });
  repAuth = { authorization: `Bearer ${token}` };
});
afterAll(() => h.close());

const as = (auth: Record<string, string>, method: 'GET' | 'POST', url: string, payload?: object) =>
  h.app.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) });

async function routedMql() {
  const account = await newAccount(h.ws.ctx, { name: '株式会社キュー', employeeCount: 800 });
  const person = await newPerson(h.ws.ctx, { accountId: account.id });
  await transitionEntity(h.ws.ctx, { entityType: 'person', entityId: person.id, to: 'mql' });
  const handoff = await newHandoff(h.ws.ctx, { kind: 'mql', toRole: 'mdr', personId: person.id });
  expect((await assignHandoff(h.ws.ctx, handoff.id)).toUserId).toBe(rep);
  return { person, account };
}

describe('the workbench as a rep sees it', () => {
  it('shows each queued lead with its account, grade and last activity, updated by a logged call', async () => {
    const { person, account } = await routedMql();
    const before = (await as(repAuth, 'GET', '/api/v1/workbench/queue')).json();
    const row = before.items.find((i: { personId: string }) => i.personId === person.id);
    expect(row).toMatchObject({
      reason: 'handoff',
      name: '山田',
      accountId: account.id,
      accountName: '株式会社キュー',
      activityCount: 0,
      lastActivity: null,
      // Never scored: no grade yet, and it sorts after scored leads.
      grade: null,
      score: null,
    });

    const logged = await as(repAuth, 'POST', '/api/v1/activities', {
      type: 'call',
      outcome: 'no_answer',
      personId: person.id,
    });
    expect(logged.statusCode).toBe(201);
    const after = (await as(repAuth, 'GET', '/api/v1/workbench/queue')).json();
    expect(after.items.find((i: { personId: string }) => i.personId === person.id)).toMatchObject({
      activityCount: 1,
      lastActivity: { type: 'call', outcome: 'no_answer' },
    });
    const limited = (await as(repAuth, 'GET', '/api/v1/workbench/queue?limit=1')).json();
    expect(limited.items).toHaveLength(1);
    expect(limited.total).toBeGreaterThanOrEqual(1);
  });

  it('puts a lead with a due cadence step in the queue, and lists the task with the lead name', async () => {
    const person = await newPerson(h.ws.ctx);
    const cadence = await as(h.auth, 'POST', '/api/v1/cadences', {
      name: '初回フォロー',
      steps: [{ dayOffset: 0, channel: 'call', instructions: '初回架電' }],
    });
    const enrolled = await as(h.auth, 'POST', `/api/v1/cadences/${cadence.json().id}/enrolments`, {
      personId: person.id,
      userId: rep,
    });
    expect(enrolled.statusCode).toBe(201);
    const queue = (await as(repAuth, 'GET', '/api/v1/workbench/queue')).json();
    expect(queue.items.find((i: { personId: string }) => i.personId === person.id)).toMatchObject({
      reason: 'cadence_task',
    });
    const tasks = (await as(repAuth, 'GET', '/api/v1/workbench/tasks')).json();
    expect(tasks.find((t: { personId: string }) => t.personId === person.id)).toMatchObject({
      kind: 'cadence_step',
      personName: '山田',
    });
  });

  it("hides another rep's queue, slots and tasks from a rep (404); an admin may look", async () => {
    const other = await newMember(h.ws.ctx, 'mdr', null, 80);
    for (const path of ['queue', 'slots', 'tasks']) {
      const res = await as(repAuth, 'GET', `/api/v1/workbench/${path}?userId=${other}`);
      expect(res.statusCode, path).toBe(404);
      expect(res.json().error.details[0].path).toBe('userId');
      const admin = await as(h.auth, 'GET', `/api/v1/workbench/${path}?userId=${rep}`);
      expect(admin.statusCode, path).toBe(200);
    }
    const own = await as(repAuth, 'GET', `/api/v1/workbench/slots?userId=${rep}`);
    expect(own.json()).toMatchObject({ userId: rep, capacity: 80 });
  });
});
