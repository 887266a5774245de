import { randomUUID } from 'node:crypto';
import { peopleUseCases } from '../src/crm/manage-people.ts';
import { accounts, type people } from '../src/crm/schema.ts';
import { handoffs } from '../src/lifecycle/schema.ts';
import type { RequestContext, Role } from '../src/platform/context.ts';
import { teams } from '../src/routing/schema.ts';
import { createUser } from '../src/workspace/manage-users.ts';

let n = 0;

/** A team row (POD, function queue or marketing). */
export async function newTeam(
  ctx: RequestContext,
  values: { name?: string; kind?: string; function?: string | null; segmentRule?: unknown } = {},
) {
  const [row] = await ctx.db
    .insert(teams)
    .values({
      id: randomUUID(),
      workspaceId: ctx.workspaceId,
      name: values.name ?? `team ${++n}`,
      kind: values.kind ?? 'pod',
      function: values.function ?? null,
      segmentRule: values.segmentRule ?? null,
    })
    .returning();
  return row!;
}

/** A user holding one role in a team, with a capacity. */
export async function newMember(
  ctx: RequestContext,
  role: Role,
  teamId: string | null,
  capacity?: number,
  name?: string,
) {
  const user = await createUser(ctx, {
    email: `member${++n}-${Date.now().toString(36)}@example.co.jp`,
    displayName: name ?? `${role} ${n}`,
    roles: [{ role, teamId, capacity: capacity ?? null }],
  });
  return user.id;
}

export async function newAccount(
  ctx: RequestContext,
  values: { employeeCount?: number; industry?: string; region?: string; name?: string } = {},
) {
  const [row] = await ctx.db
    .insert(accounts)
    .values({
      id: randomUUID(),
      workspaceId: ctx.workspaceId,
      name: values.name ?? `株式会社テスト${++n}`,
      ...values,
    })
    .returning();
  return row!;
}

export async function newPerson(
  ctx: RequestContext,
  values: {
    accountId?: string | null;
    source?: 'inbound' | 'outbound';
    attributes?: Record<string, string | boolean>;
  } = {},
) {
  return (await peopleUseCases.create(ctx, {
    email: `lead${++n}-${Date.now().toString(36)}@example.co.jp`,
    lastName: '山田',
    accountId: values.accountId ?? null,
    source: values.source ?? 'inbound',
    attributes: values.attributes ?? {},
  })) as typeof people.$inferSelect;
}

/** An open hand-off as the lifecycle engine opens it (before routing assigns it). */
export async function newHandoff(
  ctx: RequestContext,
  values: {
    kind: string;
    toRole: string;
    fromRole?: string;
    personId?: string | null;
    accountId?: string | null;
    opportunityId?: string | null;
  },
) {
  const now = ctx.now();
  const [row] = await ctx.db
    .insert(handoffs)
    .values({
      id: randomUUID(),
      workspaceId: ctx.workspaceId,
      kind: values.kind,
      fromRole: values.fromRole ?? 'marketing',
      toRole: values.toRole,
      personId: values.personId ?? null,
      accountId: values.accountId ?? null,
      opportunityId: values.opportunityId ?? null,
      openedAt: now,
      dueAt: new Date(now.getTime() + 86_400_000),
    })
    .returning();
  return row!;
}
