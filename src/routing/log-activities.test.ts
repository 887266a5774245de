import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.ts';
import { newWorkspace } from '../../test/factories.ts';
import { newAccount, newMember, newPerson, newTeam } from '../../test/sales-floor.ts';
import { people } from '../crm/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import type { Database } from '../platform/db/open-database.ts';
import { auditLog } from '../platform/schema.ts';
import { enrolInCadence } from './enrol-in-cadence.ts';
import { type LogOutcome, logActivities, logActivity } from './log-activity.ts';
import { cadenceUseCases } from './manage-cadences.ts';
import { activities, cadenceEnrolments, tasks } from './schema.ts';
import type { LogActivityInput } from './workbench.ts';

let database: Database;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.close());

/**
 * One workspace with a rep's day of activities to log: their own leads (one in a cadence
 * who replies twice), someone else's lead, an unknown id, no subject, an unowned account
 * (readable, not writable), an activity logged for another member.
 */
async function world() {
  const { ctx } = await newWorkspace(database);
  const pod = await newTeam(ctx, { segmentRule: { field: 'employeeCount', op: 'gte', value: 0 } });
  const rep = await newMember(ctx, 'mdr', pod.id, 80);
  const other = await newMember(ctx, 'mdr', pod.id, 80);
  const repCtx: RequestContext = { ...ctx, actor: { type: 'user', userId: rep, roles: ['mdr'] } };
  const account = await newAccount(ctx);
  const own = await newPerson(ctx, { accountId: account.id });
  const enrolled = await newPerson(ctx);
  const theirs = await newPerson(ctx);
  for (const [p, owner] of [
    [own, rep],
    [enrolled, rep],
    [theirs, other],
  ] as const)
    await ctx.db.update(people).set({ ownerUserId: owner }).where(eq(people.id, p.id));
  const c = (await cadenceUseCases.create(ctx, {
    name: 'フォロー',
    steps: [
      { dayOffset: 0, channel: 'call', instructions: '架電' },
      { dayOffset: 2, channel: 'email', instructions: 'メール' },
    ],
  })) as { id: string };
  await enrolInCadence(repCtx, c.id, { personId: enrolled.id });
  const inputs: LogActivityInput[] = [
    { type: 'call', outcome: 'no_answer', personId: own.id, occurredAt: '2026-04-01T01:00:00Z' },
    { type: 'email', outcome: 'replied', personId: enrolled.id, occurredAt: '2026-04-01T02:00:00Z' },
    { type: 'call', outcome: 'connected', personId: theirs.id },
    { type: 'call', personId: randomUUID() },
    { type: 'note', notes: 'about nobody' },
    { type: 'meeting', outcome: 'held', accountId: account.id, durationMinutes: 60 },
    { type: 'call', outcome: 'connected', personId: own.id, userId: other },
    { type: 'email', outcome: 'inbound_email', personId: enrolled.id, occurredAt: '2026-04-01T03:00:00Z' },
    { type: 'note', personId: own.id, notes: '4月に予算化', occurredAt: '2026-04-01T04:00:00Z' },
  ];
  return { ctx, repCtx, inputs, names: new Map([own.id, enrolled.id, theirs.id].map((id, k) => [id, k])) };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** What a world looks like afterwards, without its ids. */
async function snapshot(ctx: RequestContext, outcomes: LogOutcome[], names: Map<string, number>) {
  const who = (id: string | null) => (id === null ? null : (names.get(id) ?? 'unknown'));
  const rows = await ctx.db
    .select()
    .from(activities)
    .where(eq(activities.workspaceId, ctx.workspaceId))
    .orderBy(asc(activities.occurredAt), asc(activities.type));
  const enrolments = await ctx.db
    .select({ status: cadenceEnrolments.status, exitReason: cadenceEnrolments.exitReason })
    .from(cadenceEnrolments)
    .where(eq(cadenceEnrolments.workspaceId, ctx.workspaceId));
  const stepTasks = await ctx.db
    .select({ status: tasks.status })
    .from(tasks)
    .where(eq(tasks.workspaceId, ctx.workspaceId));
  const audit = await ctx.db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.workspaceId, ctx.workspaceId));
  return {
    outcomes: outcomes.map((o) =>
      o.ok
        ? { ok: true, type: o.result.activity.type, exited: o.result.cadencesExited }
        : {
            ok: false,
            code: o.error.code,
            message: o.error.message.replace(UUID, (id) => `#${who(id)}`),
            details: o.error.details,
          },
    ),
    activities: rows.map((r) => ({
      type: r.type,
      outcome: r.outcome,
      person: who(r.personId),
      hasAccount: r.accountId !== null,
      minutes: r.durationMinutes,
      notes: r.notes,
    })),
    enrolments,
    tasks: stepTasks.map((t) => t.status).sort(),
    audit: audit.map((a) => a.action).sort(),
  };
}

describe('logActivities', () => {
  it('logs a batch exactly as the same activities logged one call at a time', async () => {
    const one = await world();
    const singles: LogOutcome[] = [];
    for (const input of one.inputs) {
      try {
        singles.push({ ok: true, result: await logActivity(one.repCtx, input) });
      } catch (error) {
        singles.push({ ok: false, error: error as never });
      }
    }
    const many = await world();
    const batch = await logActivities(many.repCtx, many.inputs);

    const expected = await snapshot(one.ctx, singles, one.names);
    expect(await snapshot(many.ctx, batch, many.names)).toEqual(expected);
    // The refusals are the rules' own: unknown subject, out of sight, read-only, someone else's log.
    expect(expected.outcomes.map((o) => (o.ok ? 'ok' : o.code))).toEqual([
      'ok',
      'ok',
      'not_found',
      'invalid_input',
      'invalid_input',
      'forbidden',
      'forbidden',
      'ok',
      'ok',
    ]);
    // The reply ends the cadence once; the second reply finds none left.
    expect(expected.outcomes[1]).toMatchObject({ exited: 1 });
    expect(expected.outcomes[7]).toMatchObject({ exited: 0 });
    expect(expected.enrolments).toEqual([{ status: 'exited', exitReason: 'replied' }]);
  });

  it('writes nothing when every activity of a batch is refused', async () => {
    const { repCtx, inputs } = await world();
    const outcomes = await logActivities(repCtx, inputs.slice(2, 6));
    expect(outcomes.every((o) => !o.ok)).toBe(true);
    const rows = await repCtx.db
      .select()
      .from(activities)
      .where(eq(activities.workspaceId, repCtx.workspaceId));
    expect(rows).toHaveLength(0);
  });
});
