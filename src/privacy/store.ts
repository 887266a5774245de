import { and, eq, sql } from 'drizzle-orm';
import type { RequestContext } from '../platform/context.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { consents, suppressions } from './schema.ts';

export type ConsentRow = typeof consents.$inferSelect;

export function listConsents(ctx: RequestContext, personId: string): Promise<ConsentRow[]> {
  return ctx.db
    .select()
    .from(consents)
    .where(and(eq(consents.workspaceId, ctx.workspaceId), eq(consents.personId, personId)));
}

export async function upsertConsent(
  ctx: RequestContext,
  row: Omit<ConsentRow, 'workspaceId'>,
): Promise<ConsentRow> {
  const [saved] = await ctx.db
    .insert(consents)
    .values({ ...row, workspaceId: ctx.workspaceId })
    .onConflictDoUpdate({
      target: [consents.workspaceId, consents.personId, consents.channel],
      set: { status: row.status, source: row.source, changedAt: row.changedAt },
    })
    .returning();
  return saved!;
}

export async function isSuppressed(ctx: RequestContext, hash: string): Promise<boolean> {
  const [row] = await ctx.db
    .select({ h: suppressions.emailHash })
    .from(suppressions)
    .where(and(eq(suppressions.workspaceId, ctx.workspaceId), eq(suppressions.emailHash, hash)));
  return Boolean(row);
}

export async function insertSuppression(ctx: RequestContext, hash: string, reason: string): Promise<boolean> {
  const rows = await ctx.db
    .insert(suppressions)
    .values({ workspaceId: ctx.workspaceId, emailHash: hash, reason, createdAt: ctx.now() })
    .onConflictDoNothing()
    .returning({ h: suppressions.emailHash });
  return rows.length > 0;
}

/**
 * Everything stored about a person, table by table (the data-subject export). Raw SQL on
 * purpose: the export must include tables of slices that have no use case for it yet.
 */
export async function personFootprint(ctx: RequestContext, personId: string) {
  const ws = ctx.workspaceId;
  const q = (query: ReturnType<typeof sql>) => queryRows<Record<string, unknown>>(ctx.db, query);
  return {
    consents: await listConsents(ctx, personId),
    visitors: await q(sql`select * from visitors where workspace_id = ${ws} and person_id = ${personId}`),
    events: await q(
      sql`select * from events where workspace_id = ${ws} and person_id = ${personId} order by occurred_at`,
    ),
    campaignMemberships: await q(
      sql`select * from campaign_members where workspace_id = ${ws} and person_id = ${personId}`,
    ),
    activities: await q(
      sql`select * from activities where workspace_id = ${ws} and person_id = ${personId} order by occurred_at`,
    ),
    stageHistory: await q(
      sql`select * from stage_history where workspace_id = ${ws} and entity_type = 'person' and entity_id = ${personId} order by at`,
    ),
    handoffs: await q(sql`select * from handoffs where workspace_id = ${ws} and person_id = ${personId}`),
    tasks: await q(sql`select * from tasks where workspace_id = ${ws} and person_id = ${personId}`),
    opportunities: await q(
      sql`select * from opportunities where workspace_id = ${ws} and primary_person_id = ${personId}`,
    ),
  };
}

/**
 * Removes a person's personal data everywhere it is kept, leaving the rows (anonymised)
 * so counts, funnels and scores stay right: the person row, event properties, visitor
 * ids (a cookie id is personal data), activity notes, hand-off context, task details.
 */
export async function scrubPerson(ctx: RequestContext, personId: string): Promise<Record<string, number>> {
  const ws = ctx.workspaceId;
  const run = async (query: ReturnType<typeof sql>) => {
    const r = (await ctx.db.execute(query)) as unknown as { rowCount?: number | null; affectedRows?: number };
    return r.rowCount ?? r.affectedRows ?? 0;
  };
  return {
    people: await run(sql`
      update people set email = null, email_normalized = null, phone = null, last_name = null,
        first_name = null, title = null, department = null, attributes = '{}'::jsonb,
        erased_at = ${ctx.now().toISOString()}::timestamptz, version = version + 1,
        updated_at = ${ctx.now().toISOString()}::timestamptz
      where workspace_id = ${ws} and id = ${personId}`),
    events: await run(
      sql`update events set properties = '{}'::jsonb where workspace_id = ${ws} and person_id = ${personId}`,
    ),
    visitors: await run(sql`
      update visitors set anonymous_id = 'erased:' || id::text
      where workspace_id = ${ws} and person_id = ${personId}`),
    activities: await run(
      sql`update activities set notes = null where workspace_id = ${ws} and person_id = ${personId}`,
    ),
    handoffs: await run(
      sql`update handoffs set context = '{}'::jsonb where workspace_id = ${ws} and person_id = ${personId}`,
    ),
    tasks: await run(
      sql`update tasks set details = '{}'::jsonb where workspace_id = ${ws} and person_id = ${personId}`,
    ),
    consents: await run(sql`delete from consents where workspace_id = ${ws} and person_id = ${personId}`),
  };
}
