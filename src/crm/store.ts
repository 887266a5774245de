import { sql } from 'drizzle-orm';
import type { RequestContext } from '../platform/context.ts';
import { makeCrudStore } from '../platform/db/crud-store.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { timeOrderedId } from '../platform/ids.ts';
import { accounts, people } from './schema.ts';

export type PersonRow = typeof people.$inferSelect;
export type AccountRow = typeof accounts.$inferSelect;

export const peopleStore = makeCrudStore({
  table: people,
  sortable: {
    createdAt: people.createdAt,
    updatedAt: people.updatedAt,
    email: sql`coalesce(${people.emailNormalized}, '')`,
    lastName: sql`coalesce(${people.lastName}, '')`,
    stageEnteredAt: people.stageEnteredAt,
  },
  searchable: [people.emailNormalized, people.lastName, people.firstName, people.phone, people.title],
  filterable: {
    lifecycleStage: people.lifecycleStage,
    accountId: people.accountId,
    ownerUserId: people.ownerUserId,
    source: people.source,
  },
});

export const accountsStore = makeCrudStore({
  table: accounts,
  sortable: {
    createdAt: accounts.createdAt,
    updatedAt: accounts.updatedAt,
    name: accounts.name,
    employeeCount: sql`coalesce(${accounts.employeeCount}, -1)`,
  },
  searchable: [accounts.name, accounts.domain, accounts.industry],
  filterable: {
    industry: accounts.industry,
    region: accounts.region,
    tier: accounts.tier,
    ownerUserId: accounts.ownerUserId,
    customerStage: accounts.customerStage,
  },
});

/** Accounts by domain, created (name, domain) when missing; returns domain → id. */
export async function ensureAccountsByDomain(
  ctx: RequestContext,
  rows: { domain: string; name: string; createdAt: Date }[],
): Promise<Map<string, string>> {
  if (rows.length === 0) return new Map();
  const sorted = [...rows].sort((a, b) => (a.domain < b.domain ? -1 : 1));
  const p = <T>(f: (r: (typeof sorted)[number]) => T) => sql.param(sorted.map(f));
  await ctx.db.execute(sql`
    insert into accounts (workspace_id, id, name, domain, created_at, updated_at)
    select ${ctx.workspaceId}, gen_random_uuid(), u.name, u.domain, u.at, u.at
    from unnest(${p((r) => r.name)}::text[], ${p((r) => r.domain)}::text[], ${p((r) => r.createdAt.toISOString())}::timestamptz[]) as u(name, domain, at)
    on conflict (workspace_id, domain) where domain is not null do nothing`);
  const found = await queryRows<{ id: string; domain: string }>(
    ctx.db,
    sql`select id, domain from accounts where workspace_id = ${ctx.workspaceId} and domain = any(${p((r) => r.domain)}::text[])`,
  );
  return new Map(found.map((r) => [r.domain, r.id]));
}

export interface PersonByEmail {
  emailNormalized: string;
  email: string;
  accountId: string | null;
  firstName: string | null;
  lastName: string | null;
  title: string | null;
  department: string | null;
  phone: string | null;
  source: string | null;
  lifecycleStage: string;
  createdAt: Date;
}

/**
 * Inserts people that do not exist yet (by normalised email) and fills empty fields of
 * those that do. Returns every email's person, marking the ones created now.
 */
export async function upsertPeopleByEmailRows(
  ctx: RequestContext,
  rows: PersonByEmail[],
  fillEmpty: boolean,
): Promise<Map<string, { id: string; accountId: string | null; created: boolean; lifecycleStage: string }>> {
  if (rows.length === 0) return new Map();
  const sorted = [...rows].sort((a, b) => (a.emailNormalized < b.emailNormalized ? -1 : 1));
  const p = <T>(f: (r: PersonByEmail) => T) => sql.param(sorted.map(f));
  const source = sql`unnest(${p(() => timeOrderedId())}::uuid[], ${p((r) => r.emailNormalized)}::text[], ${p((r) => r.email)}::text[], ${p((r) => r.accountId)}::uuid[],
      ${p((r) => r.firstName)}::text[], ${p((r) => r.lastName)}::text[], ${p((r) => r.title)}::text[], ${p((r) => r.department)}::text[],
      ${p((r) => r.phone)}::text[], ${p((r) => r.source)}::text[], ${p((r) => r.lifecycleStage)}::text[], ${p((r) => r.createdAt.toISOString())}::timestamptz[])
      as u(id, en, email, account_id, first_name, last_name, title, department, phone, source, stage, at)`;
  const created = await queryRows<{ id: string; email_normalized: string }>(
    ctx.db,
    sql`insert into people (workspace_id, id, email, email_normalized, account_id, first_name, last_name, title, department, phone, source,
          lifecycle_stage, stage_entered_at, created_at, updated_at)
        select ${ctx.workspaceId}, u.id, u.email, u.en, u.account_id, u.first_name, u.last_name, u.title, u.department, u.phone,
          u.source, u.stage, u.at, u.at, u.at from ${source}
        on conflict (workspace_id, email_normalized) where email_normalized is not null do nothing
        returning id, email_normalized`,
  );
  const createdSet = new Set(created.map((r) => r.email_normalized));
  if (fillEmpty && createdSet.size < rows.length) {
    await ctx.db.execute(sql`
      update people p set first_name = coalesce(p.first_name, u.first_name), last_name = coalesce(p.last_name, u.last_name),
        title = coalesce(p.title, u.title), department = coalesce(p.department, u.department), phone = coalesce(p.phone, u.phone),
        account_id = coalesce(p.account_id, u.account_id), version = p.version + 1, updated_at = ${ctx.now().toISOString()}
      from ${source}
      where p.workspace_id = ${ctx.workspaceId} and p.email_normalized = u.en
        and ((p.first_name is null and u.first_name is not null) or (p.last_name is null and u.last_name is not null)
          or (p.title is null and u.title is not null) or (p.department is null and u.department is not null)
          or (p.phone is null and u.phone is not null) or (p.account_id is null and u.account_id is not null))`);
  }
  const all = await queryRows<{
    id: string;
    email_normalized: string;
    account_id: string | null;
    lifecycle_stage: string;
  }>(
    ctx.db,
    sql`select id, email_normalized, account_id, lifecycle_stage from people
        where workspace_id = ${ctx.workspaceId} and email_normalized = any(${p((r) => r.emailNormalized)}::text[])`,
  );
  return new Map(
    all.map((r) => [
      r.email_normalized,
      {
        id: r.id,
        accountId: r.account_id,
        created: createdSet.has(r.email_normalized),
        lifecycleStage: r.lifecycle_stage,
      },
    ]),
  );
}
