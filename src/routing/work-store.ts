import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { people } from '../crm/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import { makeCrudStore } from '../platform/db/crud-store.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { activities, cadenceEnrolments, cadences, tasks } from './schema.ts';

export type ActivityRow = typeof activities.$inferSelect;
export type TaskRow = typeof tasks.$inferSelect;
export type EnrolmentRow = typeof cadenceEnrolments.$inferSelect;
export type CadenceRow = typeof cadences.$inferSelect;

export const cadencesStore = makeCrudStore({
  table: cadences,
  sortable: { name: cadences.name, createdAt: cadences.createdAt },
  searchable: [cadences.name],
  filterable: { status: cadences.status },
});

export async function insertActivity(
  ctx: RequestContext,
  values: Omit<typeof activities.$inferInsert, 'workspaceId' | 'id'>,
): Promise<ActivityRow> {
  const [row] = await ctx.db
    .insert(activities)
    .values({ ...values, id: randomUUID(), workspaceId: ctx.workspaceId })
    .returning();
  return row!;
}

export async function personInfo(ctx: RequestContext, personId: string) {
  const [row] = await ctx.db
    .select({
      id: people.id,
      stage: people.lifecycleStage,
      ownerUserId: people.ownerUserId,
      accountId: people.accountId,
      attributes: people.attributes,
    })
    .from(people)
    .where(and(eq(people.workspaceId, ctx.workspaceId), eq(people.id, personId)));
  return row;
}

/** Sets the opt-out flag in the person's attributes. */
export async function setOptedOut(ctx: RequestContext, personId: string): Promise<void> {
  await ctx.db
    .update(people)
    .set({
      attributes: sql`${people.attributes} || '{"optedOut": true}'::jsonb`,
      version: sql`${people.version} + 1`,
      updatedAt: ctx.now(),
    })
    .where(and(eq(people.workspaceId, ctx.workspaceId), eq(people.id, personId)));
}

/** Half-hour slots a user's activities used in [from, to) (notes use none). */
export async function slotsUsed(ctx: RequestContext, userId: string, from: Date, to: Date): Promise<number> {
  const [row] = await queryRows<{ slots: number }>(
    ctx.db,
    sql`select coalesce(sum(case when type = 'note' then 0 else greatest(1, ceil(coalesce(duration_minutes, 30) / 30.0)) end), 0)::int as slots
        from activities where workspace_id = ${ctx.workspaceId} and user_id = ${userId}
          and occurred_at >= ${from.toISOString()} and occurred_at < ${to.toISOString()}`,
  );
  return row?.slots ?? 0;
}

export async function insertTask(
  ctx: RequestContext,
  values: Omit<typeof tasks.$inferInsert, 'workspaceId' | 'id'>,
): Promise<TaskRow> {
  const [row] = await ctx.db
    .insert(tasks)
    .values({ ...values, id: randomUUID(), workspaceId: ctx.workspaceId })
    .returning();
  return row!;
}

export async function getTaskForUpdate(ctx: RequestContext, id: string): Promise<TaskRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(tasks)
    .where(and(eq(tasks.workspaceId, ctx.workspaceId), eq(tasks.id, id)))
    .for('update');
  return row;
}

export async function closeTask(
  ctx: RequestContext,
  id: string,
  status: 'done' | 'cancelled',
): Promise<TaskRow> {
  const [row] = await ctx.db
    .update(tasks)
    .set({ status, completedAt: ctx.now(), version: sql`${tasks.version} + 1`, updatedAt: ctx.now() })
    .where(and(eq(tasks.workspaceId, ctx.workspaceId), eq(tasks.id, id)))
    .returning();
  return row!;
}

/** Open tasks of a user due by `until`, oldest due first; cadence steps of ended enrolments are not shown. */
export function dueTasks(ctx: RequestContext, userId: string, until: Date) {
  return ctx.db
    .select()
    .from(tasks)
    .where(
      and(
        eq(tasks.workspaceId, ctx.workspaceId),
        eq(tasks.assigneeUserId, userId),
        eq(tasks.status, 'open'),
        lte(tasks.dueAt, until),
      ),
    )
    .orderBy(asc(tasks.dueAt))
    .limit(500);
}

export async function insertEnrolment(
  ctx: RequestContext,
  values: Omit<typeof cadenceEnrolments.$inferInsert, 'workspaceId' | 'id'>,
): Promise<EnrolmentRow> {
  const [row] = await ctx.db
    .insert(cadenceEnrolments)
    .values({ ...values, id: randomUUID(), workspaceId: ctx.workspaceId })
    .returning();
  return row!;
}

export function activeEnrolments(ctx: RequestContext, personIds?: string[]) {
  return ctx.db
    .select()
    .from(cadenceEnrolments)
    .where(
      and(
        eq(cadenceEnrolments.workspaceId, ctx.workspaceId),
        eq(cadenceEnrolments.status, 'active'),
        personIds ? inArray(cadenceEnrolments.personId, personIds) : undefined,
      ),
    )
    .for('update');
}

export async function getEnrolment(ctx: RequestContext, id: string): Promise<EnrolmentRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(cadenceEnrolments)
    .where(and(eq(cadenceEnrolments.workspaceId, ctx.workspaceId), eq(cadenceEnrolments.id, id)))
    .for('update');
  return row;
}

export async function updateEnrolment(
  ctx: RequestContext,
  id: string,
  values: Partial<Pick<EnrolmentRow, 'status' | 'currentStep' | 'endedAt' | 'exitReason'>>,
): Promise<void> {
  await ctx.db
    .update(cadenceEnrolments)
    .set(values)
    .where(and(eq(cadenceEnrolments.workspaceId, ctx.workspaceId), eq(cadenceEnrolments.id, id)));
}

/** Cancels the open step tasks of enrolments that ended. */
export async function cancelEnrolmentTasks(ctx: RequestContext, enrolmentIds: string[]): Promise<void> {
  if (enrolmentIds.length === 0) return;
  await ctx.db
    .update(tasks)
    .set({ status: 'cancelled', completedAt: ctx.now(), updatedAt: ctx.now() })
    .where(
      and(
        eq(tasks.workspaceId, ctx.workspaceId),
        eq(tasks.status, 'open'),
        eq(tasks.kind, 'cadence_step'),
        inArray(sql`${tasks.details}->>'enrolmentId'`, enrolmentIds),
      ),
    );
}

/** People of active enrolments with their current stage and attributes (for the exit sweep). */
export function enrolledPeople(ctx: RequestContext) {
  return queryRows<{ enrolmentId: string; stageAtEnrolment: string; stage: string; attributes: unknown }>(
    ctx.db,
    sql`select e.id as "enrolmentId", e.stage_at_enrolment as "stageAtEnrolment", p.lifecycle_stage as stage, p.attributes
        from cadence_enrolments e join people p on p.workspace_id = e.workspace_id and p.id = e.person_id
        where e.workspace_id = ${ctx.workspaceId} and e.status = 'active'`,
  );
}

/**
 * The raw work-queue candidates of a rep: leads they own in mql/sal (with the open
 * hand-off's due time), their recycled leads whose re-approach date has come (still
 * recycled, or already woken back to nurturing and not touched since), and leads
 * with a nurture follow-up due. The score is read if the people table has one.
 */
export function queueCandidates(ctx: RequestContext, userId: string, now: Date) {
  const ws = ctx.workspaceId;
  const at = now.toISOString();
  const score = sql`coalesce(to_jsonb(p) ->> 'score', to_jsonb(p) ->> 'engagement_score')`;
  return queryRows<{
    personId: string;
    reason: 'handoff' | 'working' | 'recycled_due' | 'follow_up';
    stage: string;
    handoffDueAt: Date | null;
    stageEnteredAt: Date;
    since: Date;
    score: string | null;
    name: string | null;
    email: string | null;
    accountId: string | null;
  }>(
    ctx.db,
    sql`select p.id as "personId",
          case when h.due_at is not null then 'handoff' else 'working' end as reason,
          p.lifecycle_stage as stage, h.due_at as "handoffDueAt", p.stage_entered_at as "stageEnteredAt",
          coalesce(h.opened_at, p.stage_entered_at) as since, ${score} as score,
          trim(concat(p.last_name, ' ', p.first_name)) as name, p.email, p.account_id as "accountId"
        from people p
        left join lateral (select due_at, opened_at from handoffs x where x.workspace_id = p.workspace_id and x.person_id = p.id
          and x.status = 'open' order by x.opened_at desc limit 1) h on true
        where p.workspace_id = ${ws} and p.owner_user_id = ${userId} and p.lifecycle_stage in ('mql', 'sal')
      union all
        select p.id, 'recycled_due', p.lifecycle_stage, null, p.stage_entered_at, r.reapproach_on, ${score},
          trim(concat(p.last_name, ' ', p.first_name)), p.email, p.account_id
        from people p
        join lateral (select reapproach_on, s.at from stage_history s where s.workspace_id = p.workspace_id and s.entity_type = 'person'
          and s.entity_id = p.id and s.to_stage = 'recycled' order by s.at desc, s.seq desc limit 1) r on true
        where p.workspace_id = ${ws} and p.owner_user_id = ${userId} and r.reapproach_on <= ${at}
          and (p.lifecycle_stage = 'recycled'
            -- woken up by the recycle job (back in nurturing) and not touched since
            or (p.lifecycle_stage = 'nurturing' and r.at <= p.stage_entered_at and not exists (select 1 from activities a
              where a.workspace_id = p.workspace_id and a.person_id = p.id and a.occurred_at >= p.stage_entered_at)))
      union all
        select p.id, 'follow_up', p.lifecycle_stage, null, p.stage_entered_at, t.due_at, ${score},
          trim(concat(p.last_name, ' ', p.first_name)), p.email, p.account_id
        from tasks t join people p on p.workspace_id = t.workspace_id and p.id = t.person_id
        where t.workspace_id = ${ws} and t.assignee_user_id = ${userId} and t.kind = 'nurture_follow_up'
          and t.status = 'open' and t.due_at <= ${at}`,
  );
}

/** Maximum dwell hours of the lead stages that have an SLA, from the lead lifecycle in force. */
export async function leadSlaHours(ctx: RequestContext): Promise<Map<string, number>> {
  const rows = await queryRows<{ stages: { stages: { key: string; maxDwellHours: number | null }[] } }>(
    ctx.db,
    sql`select stages from stage_definitions where workspace_id = ${ctx.workspaceId} and lifecycle = 'lead'
        order by version desc limit 1`,
  );
  const stages = rows[0]?.stages.stages ?? [];
  return new Map(stages.filter((s) => s.maxDwellHours).map((s) => [s.key, s.maxDwellHours!]));
}

/** Open unassigned hand-offs of one kind for a person (e.g. the sql hand-off the lifecycle engine opened). */
export function unassignedHandoffsOf(ctx: RequestContext, personId: string, kind: string) {
  return queryRows<{ id: string }>(
    ctx.db,
    sql`select id from handoffs where workspace_id = ${ctx.workspaceId} and person_id = ${personId}
        and kind = ${kind} and status = 'open' and to_user_id is null`,
  );
}
