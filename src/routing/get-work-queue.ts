import { assertCan } from '../platform/access.ts';
import type { RequestContext } from '../platform/context.ts';
import { scopeCondition } from '../platform/db/record-scope.ts';
import { DomainError } from '../platform/errors.ts';
import { startOfZonedDay, zonedWeek } from '../platform/zoned-time.ts';
import { leadSlaHours, queueCandidates, queueDetails } from './queue-store.ts';
import { getWorkspaceConfig, rolesOfUser, usersWithinScope } from './store.ts';
import { DUE_TASKS_SHOWN, dueTasks, slotsUsed } from './work-store.ts';
import { orderQueue, uniqueByPerson } from './workbench.ts';

const HOUR = 3_600_000;

/**
 * Another rep's queue, slots or tasks follow the tasks read scope: by default a manager
 * sees the members of their teams (all reps when they lead no team), an admin everyone,
 * a rep only themselves. Someone out of reach is a 404, as for any record.
 */
async function assertMayViewReps(ctx: RequestContext, userIds: string[]): Promise<void> {
  const others = [...new Set(userIds.filter((id) => id !== ctx.actor.userId))];
  if (others.length === 0) return;
  const scopes = await assertCan(ctx, 'tasks', 'read');
  const within = await usersWithinScope(ctx, others, (owner) => scopeCondition(ctx, scopes, owner));
  const missing = others.find((id) => !within.has(id));
  if (missing)
    throw new DomainError('not_found', `No rep ${missing} whose work you may see.`, [
      { path: 'userId', message: 'not a member of your teams' },
    ]);
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d));

/**
 * A rep's work queue: their leads in mql/sal, recycled leads whose re-approach date has
 * come, due nurture follow-ups and cadence steps, ordered by SLA urgency, then score,
 * then recency; each with its account, grade and last activity.
 */
export async function getWorkQueue(ctx: RequestContext, userId: string, limit = 100) {
  return (await getWorkQueues(ctx, [userId], limit)).get(userId)!;
}

/** Several reps' work queues (a team, a simulated day) from two reads instead of two per rep. */
export async function getWorkQueues(ctx: RequestContext, userIds: string[], limit = 100) {
  await assertMayViewReps(ctx, userIds);
  const now = ctx.now();
  const sla = await leadSlaHours(ctx);
  const rows = await queueCandidates(ctx, userIds, now);
  const queues = userIds.map((userId) => {
    const items = rows
      .filter((r) => r.userId === userId)
      .map((r) => {
        const hours = sla.get(r.stage);
        const stageDue = hours ? new Date(new Date(r.stageEnteredAt).getTime() + hours * HOUR) : null;
        const slaDueAt = r.handoffDueAt ? new Date(r.handoffDueAt) : r.reason === 'working' ? stageDue : null;
        return {
          personId: r.personId,
          reason: r.reason,
          stage: r.stage,
          slaDueAt,
          overdue: slaDueAt !== null && slaDueAt.getTime() < now.getTime(),
          score: r.score === null ? null : Math.round(Number(r.score)),
          since: new Date(r.since),
        };
      });
    const all = uniqueByPerson(orderQueue(items));
    return { userId, total: all.length, ordered: all.slice(0, limit) };
  });
  const details = new Map(
    (
      await queueDetails(
        ctx,
        queues.flatMap((q) => q.ordered.map((i) => i.personId)),
      )
    ).map((d) => [d.personId, d]),
  );
  return new Map(
    queues.map(({ userId, total, ordered }) => [
      userId,
      {
        userId,
        total,
        items: ordered.map((i) => {
          const d = details.get(i.personId);
          return {
            ...i,
            name: d?.name ?? null,
            email: d?.email ?? null,
            accountId: d?.accountId ?? null,
            accountName: d?.accountName ?? null,
            grade: d?.grade ?? null,
            activityCount: d?.activityCount ?? 0,
            lastActivity:
              d?.lastType && d.lastAt
                ? { type: d.lastType, outcome: d.lastOutcome, occurredAt: iso(d.lastAt)! }
                : null,
          };
        }),
      },
    ]),
  );
}

/** Half-hour slots used this week (in the workspace's time zone) against the rep's IS capacity. */
export async function getSlotUsage(ctx: RequestContext, userId: string, at?: Date) {
  await assertMayViewReps(ctx, [userId]);
  const config = await getWorkspaceConfig(ctx);
  const week = zonedWeek(at ?? ctx.now(), config.timeZone);
  const used = await slotsUsed(ctx, userId, week.start, week.end);
  const capacity = (await rolesOfUser(ctx, userId))
    .filter((m) => m.role === 'mdr' || m.role === 'sdr')
    .reduce((max, m) => Math.max(max, m.capacity ?? 0), 0);
  return {
    userId,
    weekStart: week.start,
    weekEnd: week.end,
    slotMinutes: 30,
    used,
    capacity,
    free: Math.max(0, capacity - used),
    utilisation: capacity ? Math.round((used / capacity) * 1000) / 1000 : null,
  };
}

/** A rep's open tasks due by the end of today (workspace time zone): cadence steps, follow-ups, risk tasks. */
export async function getDueTasks(ctx: RequestContext, userId: string) {
  return (await getDueTasksOf(ctx, [userId])).get(userId)!;
}

/** Several reps' due tasks (a simulated day's IS team) from one read instead of one per rep. */
export async function getDueTasksOf(ctx: RequestContext, userIds: string[]) {
  await assertMayViewReps(ctx, userIds);
  const config = await getWorkspaceConfig(ctx);
  const today = startOfZonedDay(ctx.now(), config.timeZone);
  const rows = await dueTasks(ctx, userIds, new Date(today.getTime() + 86_400_000));
  return new Map(
    userIds.map((userId) => [
      userId,
      rows.filter((r) => r.assigneeUserId === userId).slice(0, DUE_TASKS_SHOWN),
    ]),
  );
}
