import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.ts';
import { newWorkspace } from '../../test/factories.ts';
import { newHandoff, newMember, newPerson, newTeam } from '../../test/sales-floor.ts';
import { people } from '../crm/schema.ts';
import { transitionEntity } from '../lifecycle/transition-entity.ts';
import type { RequestContext } from '../platform/context.ts';
import type { Database } from '../platform/db/open-database.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { assignHandoff } from './assign-handoff.ts';
import { completeTask } from './complete-task.ts';
import { createSql } from './create-sql.ts';
import { enrolInCadence } from './enrol-in-cadence.ts';
import { optOutPerson, sweepCadenceExits } from './exit-cadences.ts';
import { getDueTasks, getDueTasksOf, getSlotUsage, getWorkQueue } from './get-work-queue.ts';
import { logActivity } from './log-activity.ts';
import { cadenceUseCases } from './manage-cadences.ts';
import { cadenceEnrolments, tasks } from './schema.ts';
import { insertTask } from './work-store.ts';

let database: Database;
let ctx: RequestContext;
let rep: string;
let repCtx: RequestContext;
beforeEach(async () => {
  database = await createTestDatabase();
  ctx = (await newWorkspace(database)).ctx;
  const pod = await newTeam(ctx, { segmentRule: { field: 'employeeCount', op: 'gte', value: 0 } });
  rep = await newMember(ctx, 'mdr', pod.id, 80);
  repCtx = { ...ctx, actor: { type: 'user', userId: rep, roles: ['mdr'] } };
});
afterEach(() => database.close());

async function mqlFor(userId: string) {
  const person = await newPerson(ctx);
  await transitionEntity(ctx, { entityType: 'person', entityId: person.id, to: 'mql' });
  const h = await newHandoff(ctx, { kind: 'mql', toRole: 'mdr', personId: person.id });
  const assigned = await assignHandoff(ctx, h.id);
  expect(assigned.toUserId).toBe(userId);
  return person;
}

const cadence = async () =>
  (await cadenceUseCases.create(ctx, {
    name: '新規MQL 3ステップ',
    steps: [
      { dayOffset: 0, channel: 'call', instructions: '初回架電' },
      { dayOffset: 2, channel: 'email', instructions: '資料送付メール' },
      { dayOffset: 5, channel: 'call', instructions: '再架電' },
    ],
  })) as { id: string };

describe('the inside-sales workbench', () => {
  it("puts routed MQLs in the rep's queue and counts slots against capacity", async () => {
    const a = await mqlFor(rep);
    const b = await mqlFor(rep);
    const queue = await getWorkQueue(ctx, rep);
    expect(queue.items.map((i) => i.personId).sort()).toEqual([a.id, b.id].sort());
    expect(queue.items[0]!.reason).toBe('handoff');
    await logActivity(repCtx, { type: 'call', outcome: 'no_answer', personId: a.id });
    await logActivity(repCtx, { type: 'meeting', outcome: 'held', personId: b.id, durationMinutes: 60 });
    await logActivity(repCtx, { type: 'note', personId: b.id, notes: 'budget in April' });
    expect(await getSlotUsage(ctx, rep)).toMatchObject({ used: 3, capacity: 80, free: 77 });
  });

  it('brings recycled leads back into the queue when their re-approach date has come', async () => {
    const person = await mqlFor(rep);
    const reapproachOn = new Date(Date.now() + 10 * 86_400_000);
    await transitionEntity(ctx, {
      entityType: 'person',
      entityId: person.id,
      to: 'recycled',
      reason: 'timing',
      reapproachOn,
    });
    expect((await getWorkQueue(ctx, rep)).items).toHaveLength(0);
    const later: RequestContext = { ...ctx, now: () => new Date(reapproachOn.getTime() + 3_600_000) };
    expect((await getWorkQueue(later, rep)).items).toMatchObject([
      { personId: person.id, reason: 'recycled_due' },
    ]);
    // Woken back to nurturing by the recycle job: still in the queue until the rep touches the lead.
    await transitionEntity(later, {
      entityType: 'person',
      entityId: person.id,
      to: 'nurturing',
      reason: 're-approach',
    });
    expect((await getWorkQueue(later, rep)).items).toMatchObject([
      { personId: person.id, stage: 'nurturing' },
    ]);
    await logActivity(
      { ...later, actor: repCtx.actor },
      { type: 'call', outcome: 'connected', personId: person.id },
    );
    expect((await getWorkQueue(later, rep)).items).toHaveLength(0);
  });

  it('creates an SQL only when the opportunity definition is met (400 listing unmet items, nothing changes)', async () => {
    const person = await mqlFor(rep);
    await expect(
      createSql(repCtx, person.id, { checklist: { budget: true, need: true } }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      details: [
        { path: 'checklist.authority' },
        { path: 'checklist.timeline' },
        { path: 'checklist.appointment' },
      ],
    });
    const [still] = await ctx.db.select().from(people).where(eq(people.id, person.id));
    expect(still!.lifecycleStage).toBe('mql');
    const done = await createSql(repCtx, person.id, {
      checklist: { budget: true, authority: true, need: true, timeline: true, appointment: true },
    });
    expect(done.stage).toBe('sql');
  });

  it('ends a cadence when the lead replies', async () => {
    const person = await mqlFor(rep);
    const c = await cadence();
    const { enrolment, task } = await enrolInCadence(repCtx, c.id, { personId: person.id });
    expect(task).toMatchObject({ kind: 'cadence_step', assigneeUserId: rep, status: 'open' });
    expect((await getDueTasks(ctx, rep)).map((t) => t.id)).toEqual([task.id]);
    const second = await completeTask(repCtx, task.id);
    expect(second.next).toMatchObject({ title: '新規MQL 3ステップ 2: email' });
    const logged = await logActivity(repCtx, { type: 'email', outcome: 'replied', personId: person.id });
    expect(logged.cadencesExited).toBe(1);
    const [e] = await ctx.db.select().from(cadenceEnrolments).where(eq(cadenceEnrolments.id, enrolment.id));
    expect(e).toMatchObject({ status: 'exited', exitReason: 'replied' });
    const [t] = await ctx.db.select().from(tasks).where(eq(tasks.id, second.next!.id));
    expect(t!.status).toBe('cancelled');
  });

  it('ends a cadence on a stage change, and refuses to enrol an opted-out lead (409, nothing written)', async () => {
    const person = await mqlFor(rep);
    const c = await cadence();
    await enrolInCadence(repCtx, c.id, { personId: person.id });
    await transitionEntity(ctx, { entityType: 'person', entityId: person.id, to: 'sal' });
    expect(await sweepCadenceExits(ctx)).toBe(1);

    const other = await mqlFor(rep);
    await optOutPerson(repCtx, other.id, 'asked by phone');
    const before = (
      await queryRows<{ n: number }>(ctx.db, sql`select count(*) as n from cadence_enrolments`)
    )[0]!.n;
    await expect(enrolInCadence(repCtx, c.id, { personId: other.id })).rejects.toMatchObject({
      code: 'conflict',
      details: [{ path: 'personId', message: 'opted out (attributes.optedOut)' }],
    });
    const after = (
      await queryRows<{ n: number }>(ctx.db, sql`select count(*) as n from cadence_enrolments`)
    )[0]!.n;
    expect(after).toBe(before);
  });

  it("reads several reps' due tasks at once exactly as one rep at a time, and hides reps out of reach", async () => {
    const second = await newMember(ctx, 'mdr', null, 80);
    const person = await newPerson(ctx);
    const due = (assigneeUserId: string, hours: number, title: string) =>
      insertTask(ctx, {
        kind: 'nurture_follow_up',
        title,
        dueAt: new Date(Date.now() - hours * 3_600_000),
        assigneeUserId,
        personId: person.id,
      });
    await due(rep, 2, 'a');
    await due(second, 3, 'b');
    await due(rep, 1, 'c');
    await due(second, -72, 'not yet');
    const both = await getDueTasksOf(ctx, [rep, second]);
    for (const userId of [rep, second]) expect(both.get(userId)).toEqual(await getDueTasks(ctx, userId));
    expect(both.get(rep)!.map((t) => t.title)).toEqual(['a', 'c']);
    // A rep sees only their own list: another rep's is a 404, whether asked alone or with theirs.
    await expect(getDueTasksOf(repCtx, [rep, second])).rejects.toMatchObject({ code: 'not_found' });
    expect((await getDueTasksOf(repCtx, [rep])).get(rep)!.map((t) => t.title)).toEqual(['a', 'c']);
  });
});
