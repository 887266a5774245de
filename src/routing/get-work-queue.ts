import type { RequestContext } from '../platform/context.ts';
import { startOfZonedDay, zonedWeek } from '../platform/zoned-time.ts';
import { getWorkspaceConfig, rolesOfUser } from './store.ts';
import { dueTasks, leadSlaHours, queueCandidates, slotsUsed } from './work-store.ts';
import { orderQueue, uniqueByPerson } from './workbench.ts';

const HOUR = 3_600_000;

/**
 * A rep's work queue: their leads in mql/sal, recycled leads whose re-approach date has
 * come and due nurture follow-ups, ordered by SLA urgency, then score, then recency.
 */
export async function getWorkQueue(ctx: RequestContext, userId: string, limit = 100) {
  const now = ctx.now();
  const sla = await leadSlaHours(ctx);
  const rows = await queueCandidates(ctx, userId, now);
  const items = rows.map((r) => {
    const hours = sla.get(r.stage);
    const stageDue = hours ? new Date(new Date(r.stageEnteredAt).getTime() + hours * HOUR) : null;
    const slaDueAt = r.handoffDueAt ? new Date(r.handoffDueAt) : r.reason === 'working' ? stageDue : null;
    return {
      personId: r.personId,
      reason: r.reason,
      stage: r.stage,
      name: r.name,
      email: r.email,
      accountId: r.accountId,
      slaDueAt,
      overdue: slaDueAt !== null && slaDueAt.getTime() < now.getTime(),
      score: r.score === null ? null : Number(r.score),
      since: new Date(r.since),
    };
  });
  const ordered = uniqueByPerson(orderQueue(items));
  return { userId, total: ordered.length, items: ordered.slice(0, limit) };
}

/** Half-hour slots used this week (in the workspace's time zone) against the rep's IS capacity. */
export async function getSlotUsage(ctx: RequestContext, userId: string, at?: Date) {
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
  const config = await getWorkspaceConfig(ctx);
  const today = startOfZonedDay(ctx.now(), config.timeZone);
  return dueTasks(ctx, userId, new Date(today.getTime() + 86_400_000));
}
