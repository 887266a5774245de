import { and, asc, eq, getTableColumns, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { people } from '../crm/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import { makeCrudStore } from '../platform/db/crud-store.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { newId } from '../platform/ids.ts';
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
  return (await insertActivities(ctx, [values]))[0]!;
}

/** Inserts activities in one statement, returned in the order given. */
export async function insertActivities(
  ctx: RequestContext,
  values: Omit<typeof activities.$inferInsert, 'workspaceId' | 'id'>[],
): Promise<ActivityRow[]> {
  if (values.length === 0) return [];
  const rows = values.map((v) => ({
    createdAt: ctx.now(),
    ...v,
    id: newId(ctx),
    workspaceId: ctx.workspaceId,
  }));
  const inserted = new Map((await ctx.db.insert(activities).values(rows).returning()).map((r) => [r.id, r]));
  return rows.map((r) => inserted.get(r.id)!);
}

const personInfoColumns = {
  id: people.id,
  stage: people.lifecycleStage,
  ownerUserId: people.ownerUserId,
  accountId: people.accountId,
  attributes: people.attributes,
};

export async function personInfo(ctx: RequestContext, personId: string) {
  const [row] = await ctx.db
    .select(personInfoColumns)
    .from(people)
    .where(and(eq(people.workspaceId, ctx.workspaceId), eq(people.id, personId)));
  return row;
}

/** personInfo of many people by id (those that exist). */
export async function peopleInfo(ctx: RequestContext, personIds: string[]) {
  if (personIds.length === 0) return new Map<string, NonNullable<Awaited<ReturnType<typeof personInfo>>>>();
  const rows = await ctx.db
    .select(personInfoColumns)
    .from(people)
    .where(and(eq(people.workspaceId, ctx.workspaceId), inArray(people.id, [...new Set(personIds)])));
  return new Map(rows.map((r) => [r.id, r]));
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
    .values({
      createdAt: ctx.now(),
      updatedAt: ctx.now(),
      ...values,
      id: newId(ctx),
      workspaceId: ctx.workspaceId,
    })
    .returning();
  return row!;
}

export async function getTaskForUpdate(
  ctx: RequestContext,
  id: string,
  scope?: SQL,
): Promise<TaskRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(tasks)
    .where(and(eq(tasks.workspaceId, ctx.workspaceId), eq(tasks.id, id), scope))
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

/** How many due tasks a rep's list shows. */
export const DUE_TASKS_SHOWN = 500;

/**
 * Open tasks of these users due by `until`, oldest due first, with the lead's name;
 * cadence steps of ended enrolments are not shown. One user's list is capped here; the
 * caller caps each of several users' lists.
 */
export async function dueTasks(ctx: RequestContext, userIds: string[], until: Date) {
  if (userIds.length === 0) return [];
  const query = ctx.db
    .select({
      ...getTableColumns(tasks),
      personName: sql<string | null>`nullif(trim(concat(${people.lastName}, ' ', ${people.firstName})), '')`,
      personEmail: people.email,
    })
    .from(tasks)
    .leftJoin(people, and(eq(people.workspaceId, tasks.workspaceId), eq(people.id, tasks.personId)))
    .where(
      and(
        eq(tasks.workspaceId, ctx.workspaceId),
        inArray(tasks.assigneeUserId, userIds),
        eq(tasks.status, 'open'),
        lte(tasks.dueAt, until),
      ),
    )
    .orderBy(asc(tasks.dueAt));
  return userIds.length === 1 ? query.limit(DUE_TASKS_SHOWN) : query;
}

export async function insertEnrolment(
  ctx: RequestContext,
  values: Omit<typeof cadenceEnrolments.$inferInsert, 'workspaceId' | 'id'>,
): Promise<EnrolmentRow> {
  const [row] = await ctx.db
    .insert(cadenceEnrolments)
    .values({ ...values, id: newId(ctx), workspaceId: ctx.workspaceId })
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

/** Open unassigned hand-offs of one kind for a person (e.g. the sql hand-off the lifecycle engine opened). */
export function unassignedHandoffsOf(ctx: RequestContext, personId: string, kind: string) {
  return queryRows<{ id: string }>(
    ctx.db,
    sql`select id from handoffs where workspace_id = ${ctx.workspaceId} and person_id = ${personId}
        and kind = ${kind} and status = 'open' and to_user_id is null`,
  );
}
