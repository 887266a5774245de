import { sql } from 'drizzle-orm';
import type { RequestContext } from '../platform/context.ts';
import { makeCrudStore } from '../platform/db/crud-store.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { newTimeOrderedId } from '../platform/ids.ts';
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

/** Deletes a person's events (events carry no foreign key to cascade them). */
export async function deleteEventsOfPerson(ctx: RequestContext, personId: string): Promise<void> {
  await ctx.db.execute(
    sql`delete from events where workspace_id = ${ctx.workspaceId} and person_id = ${personId}`,
  );
}

/** Whether any event names this account. */
export async function eventsNameAccount(ctx: RequestContext, accountId: string): Promise<boolean> {
  const rows = await queryRows(
    ctx.db,
    sql`select 1 from events where workspace_id = ${ctx.workspaceId} and account_id = ${accountId} limit 1`,
  );
  return rows.length > 0;
}

export interface LockOption {
  /**
   * Lock the rows found FOR KEY SHARE, the lock a foreign-key check takes: a loader that
   * writes references to them with the checks off (withTrustedReferences) stays as safe.
   */
  lockFound?: boolean;
}

const keyShare = (options: LockOption) => (options.lockFound ? sql` for key share` : sql``);

/** Accounts by domain, created (name, domain) when missing; returns domain → id. */
export async function ensureAccountsByDomain(
  ctx: RequestContext,
  rows: { domain: string; name: string; createdAt: Date }[],
  options: LockOption = {},
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
    sql`select id, domain from accounts where workspace_id = ${ctx.workspaceId} and domain = any(${p((r) => r.domain)}::text[])${keyShare(options)}`,
  );
  return new Map(found.map((r) => [r.domain, r.id]));
}

/** The fields of a person a capture fills when they are empty. */
export interface FillablePersonFields {
  accountId: string | null;
  firstName: string | null;
  lastName: string | null;
  title: string | null;
  department: string | null;
  phone: string | null;
}

/** A person found by email, with the fields a capture may fill. */
export interface PersonFoundByEmail extends FillablePersonFields {
  id: string;
  emailNormalized: string;
  lifecycleStage: string;
}

/** People by normalised email (those that exist), normalised email → person. */
export async function findPeopleByEmail(
  ctx: RequestContext,
  emailsNormalized: string[],
  options: LockOption = {},
): Promise<Map<string, PersonFoundByEmail>> {
  if (emailsNormalized.length === 0) return new Map();
  const rows = await queryRows<{
    id: string;
    email_normalized: string;
    account_id: string | null;
    lifecycle_stage: string;
    first_name: string | null;
    last_name: string | null;
    title: string | null;
    department: string | null;
    phone: string | null;
  }>(
    ctx.db,
    sql`select id, email_normalized, account_id, lifecycle_stage, first_name, last_name, title, department, phone from people
        where workspace_id = ${ctx.workspaceId} and email_normalized = any(${sql.param(emailsNormalized)}::text[])${keyShare(options)}`,
    { prepared: true },
  );
  return new Map(
    rows.map((r) => [
      r.email_normalized,
      {
        id: r.id,
        emailNormalized: r.email_normalized,
        accountId: r.account_id,
        lifecycleStage: r.lifecycle_stage,
        firstName: r.first_name,
        lastName: r.last_name,
        title: r.title,
        department: r.department,
        phone: r.phone,
      },
    ]),
  );
}

export interface PersonByEmail extends FillablePersonFields {
  emailNormalized: string;
  email: string;
  source: string | null;
  lifecycleStage: string;
  createdAt: Date;
}

/**
 * Inserts these people, skipping any email a concurrent transaction has just taken;
 * returns the people inserted now, normalised email → person.
 */
export async function insertPeopleByEmail(
  ctx: RequestContext,
  rows: PersonByEmail[],
): Promise<Map<string, { id: string; accountId: string | null; lifecycleStage: string }>> {
  if (rows.length === 0) return new Map();
  // Sorted, so concurrent inserts of the same emails take their locks in one order.
  const sorted = [...rows].sort((a, b) => (a.emailNormalized < b.emailNormalized ? -1 : 1));
  const p = <T>(f: (r: PersonByEmail) => T) => sql.param(sorted.map(f));
  const created = await queryRows<{
    id: string;
    email_normalized: string;
    account_id: string | null;
    lifecycle_stage: string;
  }>(
    ctx.db,
    sql`insert into people (workspace_id, id, email, email_normalized, account_id, first_name, last_name, title, department, phone, source,
          lifecycle_stage, stage_entered_at, created_at, updated_at)
        select ${ctx.workspaceId}, u.id, u.email, u.en, u.account_id, u.first_name, u.last_name, u.title, u.department, u.phone,
          u.source, u.stage, u.at, u.at, u.at
        from unnest(${p(() => newTimeOrderedId(ctx))}::uuid[], ${p((r) => r.emailNormalized)}::text[], ${p((r) => r.email)}::text[], ${p((r) => r.accountId)}::uuid[],
          ${p((r) => r.firstName)}::text[], ${p((r) => r.lastName)}::text[], ${p((r) => r.title)}::text[], ${p((r) => r.department)}::text[],
          ${p((r) => r.phone)}::text[], ${p((r) => r.source)}::text[], ${p((r) => r.lifecycleStage)}::text[], ${p((r) => r.createdAt.toISOString())}::timestamptz[])
          as u(id, en, email, account_id, first_name, last_name, title, department, phone, source, stage, at)
        on conflict (workspace_id, email_normalized) where email_normalized is not null do nothing
        returning id, email_normalized, account_id, lifecycle_stage`,
  );
  return new Map(
    created.map((r) => [
      r.email_normalized,
      { id: r.id, accountId: r.account_id, lifecycleStage: r.lifecycle_stage },
    ]),
  );
}

/** Fills the empty fields of existing people (a field that has a value is kept, also when it got one meanwhile). */
export async function fillEmptyPersonFields(
  ctx: RequestContext,
  rows: (FillablePersonFields & { id: string })[],
): Promise<void> {
  if (rows.length === 0) return;
  const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
  const p = <T>(f: (r: (typeof rows)[number]) => T) => sql.param(sorted.map(f));
  await ctx.db.execute(sql`
    update people p set first_name = coalesce(p.first_name, u.first_name), last_name = coalesce(p.last_name, u.last_name),
      title = coalesce(p.title, u.title), department = coalesce(p.department, u.department), phone = coalesce(p.phone, u.phone),
      account_id = coalesce(p.account_id, u.account_id), version = p.version + 1, updated_at = ${ctx.now().toISOString()}
    from unnest(${p((r) => r.id)}::uuid[], ${p((r) => r.accountId)}::uuid[], ${p((r) => r.firstName)}::text[], ${p((r) => r.lastName)}::text[],
      ${p((r) => r.title)}::text[], ${p((r) => r.department)}::text[], ${p((r) => r.phone)}::text[])
      as u(id, account_id, first_name, last_name, title, department, phone)
    where p.workspace_id = ${ctx.workspaceId} and p.id = u.id
      and ((p.first_name is null and u.first_name is not null) or (p.last_name is null and u.last_name is not null)
        or (p.title is null and u.title is not null) or (p.department is null and u.department is not null)
        or (p.phone is null and u.phone is not null) or (p.account_id is null and u.account_id is not null))`);
}
