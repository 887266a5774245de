import { type SQL, sql } from 'drizzle-orm';
import { people } from '../crm/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import { makeCrudStore } from '../platform/db/crud-store.ts';
import type { Db } from '../platform/db/open-database.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { campaigns, forms } from './schema.ts';

export type CampaignRow = typeof campaigns.$inferSelect;
export type FormRow = typeof forms.$inferSelect;

export const campaignsStore = makeCrudStore({
  table: campaigns,
  sortable: { createdAt: campaigns.createdAt, name: campaigns.name, cost: campaigns.cost },
  searchable: [campaigns.name],
  filterable: { channel: campaigns.channel, status: campaigns.status },
});

export const formsStore = makeCrudStore({
  table: forms,
  sortable: { createdAt: forms.createdAt, name: forms.name },
  searchable: [forms.name, forms.kind],
  filterable: { kind: forms.kind, campaignId: forms.campaignId },
});

/** Visitors by anonymous id, created or their last-seen time moved; anonymous id → row. */
export async function upsertVisitors(
  ctx: RequestContext,
  rows: { anonymousId: string; firstSeenAt: Date; lastSeenAt: Date }[],
): Promise<Map<string, { id: string; personId: string | null }>> {
  if (rows.length === 0) return new Map();
  const sorted = [...rows].sort((a, b) => (a.anonymousId < b.anonymousId ? -1 : 1));
  const p = <T>(f: (r: (typeof sorted)[number]) => T) => sql.param(sorted.map(f));
  const found = await queryRows<{ id: string; anonymous_id: string; person_id: string | null }>(
    ctx.db,
    sql`insert into visitors as v (workspace_id, id, anonymous_id, first_seen_at, last_seen_at)
        select ${ctx.workspaceId}, gen_random_uuid(), u.a, u.f, u.l
        from unnest(${p((r) => r.anonymousId)}::text[], ${p((r) => r.firstSeenAt.toISOString())}::timestamptz[],
          ${p((r) => r.lastSeenAt.toISOString())}::timestamptz[]) as u(a, f, l)
        on conflict (workspace_id, anonymous_id) do update
          set last_seen_at = greatest(v.last_seen_at, excluded.last_seen_at), first_seen_at = least(v.first_seen_at, excluded.first_seen_at)
        returning id, anonymous_id, person_id`,
    { prepared: true },
  );
  return new Map(found.map((r) => [r.anonymous_id, { id: r.id, personId: r.person_id }]));
}

export interface NewEventRow {
  id: string;
  idempotencyKey: string;
  type: string;
  occurredAt: Date;
  receivedAt: Date;
  personId: string | null;
  visitorId: string | null;
  accountId: string | null;
  campaignId: string | null;
  properties: Record<string, unknown>;
}

/** Appends events; a replayed idempotency key is skipped. Returns the keys stored now. */
export async function insertEvents(ctx: RequestContext, rows: NewEventRow[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const p = <T>(f: (r: NewEventRow) => T) => sql.param(rows.map(f));
  const stored = await queryRows<{ idempotency_key: string }>(
    ctx.db,
    sql`insert into events (workspace_id, id, idempotency_key, type, occurred_at, received_at, person_id, visitor_id, account_id, campaign_id, properties)
        select ${ctx.workspaceId}, u.id, u.k, u.t, u.o, u.r, u.p, u.v, u.a, u.c, u.props::jsonb
        from unnest(${p((r) => r.id)}::uuid[], ${p((r) => r.idempotencyKey)}::text[], ${p((r) => r.type)}::text[],
          ${p((r) => r.occurredAt.toISOString())}::timestamptz[], ${p((r) => r.receivedAt.toISOString())}::timestamptz[],
          ${p((r) => r.personId)}::uuid[], ${p((r) => r.visitorId)}::uuid[], ${p((r) => r.accountId)}::uuid[],
          ${p((r) => r.campaignId)}::uuid[], ${p((r) => JSON.stringify(r.properties))}::text[])
          as u(id, k, t, o, r, p, v, a, c, props)
        on conflict (workspace_id, idempotency_key) do nothing
        returning idempotency_key`,
    { prepared: true },
  );
  return new Set(stored.map((r) => r.idempotency_key));
}

/** Whether any event names this campaign. */
export async function eventsNameCampaign(ctx: RequestContext, campaignId: string): Promise<boolean> {
  const rows = await queryRows(
    ctx.db,
    sql`select 1 from events where workspace_id = ${ctx.workspaceId} and campaign_id = ${campaignId} limit 1`,
  );
  return rows.length > 0;
}

/** Campaign ids of this workspace among these (unknown ids are dropped). */
export async function existingCampaignIds(ctx: RequestContext, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await queryRows<{ id: string }>(
    ctx.db,
    sql`select id from campaigns where workspace_id = ${ctx.workspaceId} and id = any(${sql.param(ids)}::uuid[])`,
  );
  return new Set(rows.map((r) => r.id));
}

// Write keys ---------------------------------------------------------------------------

export interface WriteKeyRow {
  id: string;
  name: string;
  keyHint: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export async function insertWriteKey(
  ctx: RequestContext,
  row: { id: string; name: string; keyHash: string; keyHint: string },
): Promise<void> {
  await ctx.db.execute(
    sql`insert into tracking_write_keys (workspace_id, id, name, key_hash, key_hint, created_at, created_by)
        values (${ctx.workspaceId}, ${row.id}, ${row.name}, ${row.keyHash}, ${row.keyHint}, ${ctx.now().toISOString()}, ${ctx.actor.userId})`,
  );
}

export async function listWriteKeys(ctx: RequestContext): Promise<WriteKeyRow[]> {
  const rows = await queryRows<{
    id: string;
    name: string;
    key_hint: string;
    created_at: string | Date;
    revoked_at: string | Date | null;
  }>(
    ctx.db,
    sql`select id, name, key_hint, created_at, revoked_at from tracking_write_keys where workspace_id = ${ctx.workspaceId} order by created_at, id`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    keyHint: r.key_hint,
    createdAt: new Date(r.created_at),
    revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
  }));
}

export async function revokeWriteKey(ctx: RequestContext, id: string): Promise<boolean> {
  const rows = await queryRows(
    ctx.db,
    sql`update tracking_write_keys set revoked_at = ${ctx.now().toISOString()}
        where workspace_id = ${ctx.workspaceId} and id = ${id} and revoked_at is null returning id`,
  );
  return rows.length === 1;
}

/** Whether an active write key with this hash exists in the workspace (no context yet: public endpoint). */
export async function isActiveWriteKey(db: Db, workspaceId: string, keyHash: string): Promise<boolean> {
  const rows = await queryRows(
    db,
    sql`select 1 from tracking_write_keys where workspace_id = ${workspaceId} and key_hash = ${keyHash} and revoked_at is null`,
  );
  return rows.length === 1;
}

export async function findFormByKey(
  db: Db,
  workspaceId: string,
  formKey: string,
): Promise<FormRow | undefined> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from forms where workspace_id = ${workspaceId} and form_key = ${formKey}`,
  );
  if (!rows[0]) return undefined;
  return formsStore.get(
    { workspaceId, db, now: () => new Date(), actor: { type: 'system', userId: null, roles: [] } },
    rows[0].id,
  );
}

// Campaign members ---------------------------------------------------------------------

export interface MemberRow {
  campaignId: string;
  personId: string;
  status: string;
  firstTouchAt: Date;
  updatedAt: Date;
}

/** Adds people to a campaign or moves their status; the first touch is kept. */
export async function upsertMembers(
  ctx: RequestContext,
  rows: { campaignId: string; personId: string; status: string; at: Date }[],
): Promise<void> {
  if (rows.length === 0) return;
  const sorted = [...rows].sort((a, b) => (a.campaignId + a.personId < b.campaignId + b.personId ? -1 : 1));
  const p = <T>(f: (r: (typeof sorted)[number]) => T) => sql.param(sorted.map(f));
  await ctx.db.execute(sql`
    insert into campaign_members as m (workspace_id, campaign_id, person_id, status, first_touch_at, updated_at)
    select distinct on (u.c, u.p) ${ctx.workspaceId}, u.c, u.p, u.s, u.at, u.at
    from unnest(${p((r) => r.campaignId)}::uuid[], ${p((r) => r.personId)}::uuid[], ${p((r) => r.status)}::text[],
      ${p((r) => r.at.toISOString())}::timestamptz[]) as u(c, p, s, at)
    order by u.c, u.p, u.at desc
    on conflict (workspace_id, campaign_id, person_id) do update
      set status = excluded.status, updated_at = excluded.updated_at,
          first_touch_at = least(m.first_touch_at, excluded.first_touch_at)`);
}

export async function listMembers(
  ctx: RequestContext,
  campaignId: string,
  limit: number,
  after: string | null,
  /** The actor's people scope (a condition over the unaliased `people` table). */
  peopleScope?: SQL,
): Promise<MemberRow[]> {
  const rows = await queryRows<{
    campaign_id: string;
    person_id: string;
    status: string;
    first_touch_at: string | Date;
    updated_at: string | Date;
  }>(
    ctx.db,
    sql`select campaign_id, person_id, status, first_touch_at, updated_at from campaign_members
        where workspace_id = ${ctx.workspaceId} and campaign_id = ${campaignId} ${after ? sql`and person_id > ${after}` : sql``}
          ${peopleScope ? sql`and person_id in (select ${people.id} from ${people} where ${people.workspaceId} = ${ctx.workspaceId} and ${peopleScope})` : sql``}
        order by person_id limit ${limit}`,
  );
  return rows.map((r) => ({
    campaignId: r.campaign_id,
    personId: r.person_id,
    status: r.status,
    firstTouchAt: new Date(r.first_touch_at),
    updatedAt: new Date(r.updated_at),
  }));
}

/** Campaigns by name, created (with a guessed channel) when missing; name → id, and how many were created. */
export async function ensureCampaignsByName(
  ctx: RequestContext,
  wanted: { name: string; channel: string }[],
): Promise<{ ids: Map<string, string>; created: number }> {
  if (wanted.length === 0) return { ids: new Map(), created: 0 };
  const names = wanted.map((w) => w.name);
  // Locked as a foreign-key check would lock them: an import writes members with the checks off.
  const existing = await queryRows<{ id: string; name: string }>(
    ctx.db,
    sql`select id, name from campaigns where workspace_id = ${ctx.workspaceId} and name = any(${sql.param(names)}::text[])
        order by name, created_at for key share`,
  );
  // The oldest campaign of a name is the one a name means.
  const ids = new Map<string, string>();
  for (const r of existing) if (!ids.has(r.name)) ids.set(r.name, r.id);
  const missing = wanted.filter((w) => !ids.has(w.name));
  if (missing.length) {
    const rows = await queryRows<{ id: string; name: string }>(
      ctx.db,
      sql`insert into campaigns (workspace_id, id, name, channel, status)
          select ${ctx.workspaceId}, gen_random_uuid(), u.n, u.c, 'completed'
          from unnest(${sql.param(missing.map((m) => m.name))}::text[], ${sql.param(missing.map((m) => m.channel))}::text[]) as u(n, c)
          returning id, name`,
    );
    for (const r of rows) ids.set(r.name, r.id);
  }
  return { ids, created: missing.length };
}

/** One page of rows for CSV export, in id order after `after`. */
export async function exportPage(
  ctx: RequestContext,
  table: 'people' | 'accounts' | 'opportunities',
  columns: string[],
  after: string | null,
  limit: number,
  scope?: SQL,
): Promise<Record<string, unknown>[]> {
  return queryRows<Record<string, unknown>>(
    ctx.db,
    sql`select ${sql.raw(columns.map((c) => `"${c}"`).join(', '))} from ${sql.raw(table)}
        where workspace_id = ${ctx.workspaceId} ${after ? sql`and id > ${after}` : sql``}
          ${scope ? sql`and ${scope}` : sql``} order by id limit ${limit}`,
  );
}

/**
 * Refreshes planner statistics of the tables an import grows. Inside a long import
 * transaction autovacuum cannot see the new rows, and foreign-key checks planned against
 * the empty tables would scan them; ANALYZE here counts the transaction's own rows.
 */
export async function refreshImportStatistics(ctx: RequestContext): Promise<void> {
  await ctx.db.execute(sql`analyze people, accounts, campaigns, campaign_members, stage_history`);
}
