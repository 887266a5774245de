import { z } from 'zod';
import { accountUseCases } from '../crm/manage-accounts.ts';
import { assertCan } from '../platform/access.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { ROLES } from '../platform/context.ts';
import { makeCrudUseCases } from '../platform/crud-use-cases.ts';
import { DomainError, invalid, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { inTransaction } from '../platform/transaction.ts';
import { defaultCapacity } from '../workspace/users.ts';
import { readFloorSettings } from './floor-settings.ts';
import type { teams } from './schema.ts';
import { podFor, segmentRuleSchema, tierOf } from './segments.ts';
import {
  accountFacts,
  addMembership,
  getWorkspaceConfig,
  listTeams,
  removeMembership,
  teamMembers,
  teamsStore,
  userExists,
} from './store.ts';

export const TEAM_KINDS = ['function', 'pod', 'marketing'] as const;

export const createTeamSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  kind: z.enum(TEAM_KINDS),
  /** A function team's role (its queue in Assembly Line), e.g. mdr, ae, csm. */
  function: z.enum(ROLES).nullable().optional(),
  /** A POD's segment: rules over account fields. */
  segmentRule: segmentRuleSchema.nullable().optional(),
});
export const updateTeamSchema = z.strictObject({
  version: z.int().positive(),
  name: z.string().trim().min(1).max(120).optional(),
  function: z.enum(ROLES).nullable().optional(),
  segmentRule: segmentRuleSchema.nullable().optional(),
});
export const addMemberSchema = z.strictObject({
  userId: z.uuid(),
  role: z.enum(ROLES),
  capacity: z.int().min(0).max(10_000).nullable().optional(),
});

/** Teams and PODs. A POD needs a segment rule; a function team names its role. */
export const teamUseCases = makeCrudUseCases<
  typeof teams,
  z.infer<typeof createTeamSchema>,
  z.infer<typeof updateTeamSchema>
>(teamsStore, {
  entity: 'team',
  label: 'Team',
  toInsert: (_ctx, input: z.infer<typeof createTeamSchema>) => {
    if (input.kind === 'pod' && !input.segmentRule)
      throw invalid('segmentRule', 'a POD owns a segment: give a rule over account fields');
    if (input.kind === 'function' && !input.function)
      throw invalid('function', 'a function team names its role (e.g. mdr, ae, csm)');
    return { ...input, function: input.function ?? null, segmentRule: input.segmentRule ?? null };
  },
  toUpdate: (_ctx, { version: _v, ...input }: z.infer<typeof updateTeamSchema>) => input,
  constraintFields: {},
  // The team directory is read like the user directory; only admins change it.
  access: { resource: 'users', ownerKey: null },
});

export async function listTeamMembers(ctx: RequestContext, teamId: string) {
  if (!(await teamsStore.get(ctx, teamId))) throw notFound('Team', teamId);
  return teamMembers(ctx, teamId);
}

/** Adds a member to a team in a role, with the role's default capacity unless given. */
export function addTeamMember(ctx: RequestContext, teamId: string, input: z.infer<typeof addMemberSchema>) {
  return inTransaction(ctx, async (tx) => {
    // Roles come with memberships: granting one is user administration.
    await assertCan(tx, 'users', 'write', 'all');
    if (!(await teamsStore.get(tx, teamId))) throw notFound('Team', teamId);
    if (!(await userExists(tx, input.userId)))
      throw invalid('userId', 'no user with this id in this workspace');
    const current = await teamMembers(tx, teamId);
    if (current.some((m) => m.userId === input.userId && m.role === input.role)) {
      throw new DomainError('conflict', 'This member already holds this role in the team.', [
        { path: 'role', message: 'already a member in this role' },
      ]);
    }
    const row = await addMembership(tx, {
      id: newId(tx),
      teamId,
      userId: input.userId,
      role: input.role,
      capacity: input.capacity ?? defaultCapacity(input.role),
    });
    await appendAudit(tx, { action: 'team.member_add', entityType: 'team', entityId: teamId, after: row });
    return row;
  });
}

export function removeTeamMember(ctx: RequestContext, teamId: string, userId: string, role: string) {
  return inTransaction(ctx, async (tx) => {
    await assertCan(tx, 'users', 'write', 'all');
    const removed = await removeMembership(tx, teamId, userId, role);
    if (removed.length === 0) throw notFound('Team membership', `${userId} (${role})`);
    await appendAudit(tx, {
      action: 'team.member_remove',
      entityType: 'team',
      entityId: teamId,
      before: removed,
    });
  });
}

/** An account's segment: its tier (stored or by employee count) and the POD that owns it. */
export async function segmentOfAccount(ctx: RequestContext, accountId: string) {
  await accountUseCases.get(ctx, accountId); // 404 for an account outside the actor's scope
  const facts = await accountFacts(ctx, accountId);
  if (!facts) throw notFound('Account', accountId);
  const config = await getWorkspaceConfig(ctx);
  const settings = readFloorSettings(config.settings.salesFloor);
  const pod = podFor(facts, await listTeams(ctx), settings.tiers);
  return {
    accountId,
    tier: tierOf(facts, settings.tiers),
    industry: facts.industry,
    region: facts.region,
    pod: pod ? { id: pod.id, name: pod.name } : null,
  };
}
