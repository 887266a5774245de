import { assertHandoffAccess } from '../lifecycle/record-access.ts';
import { assertRole } from '../platform/access.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { zonedWeek } from '../platform/zoned-time.ts';
import { chooseAssignee, type OrgModel, type RoutingDecision, roleFor } from './assignment.ts';
import { readFloorSettings } from './floor-settings.ts';
import {
  candidatesFor,
  creditsOf,
  getHandoffForUpdate,
  getWorkspaceConfig,
  type HandoffRow,
  listTeams,
  rolesOfUser,
  routingSubjectOf,
  saveCredits,
  setHandoffAssignment,
  setPersonOwner,
} from './store.ts';

async function loadOpen(tx: RequestContext, handoff: HandoffRow | string): Promise<HandoffRow> {
  const id = typeof handoff === 'string' ? handoff : handoff.id;
  const row = await getHandoffForUpdate(tx, id);
  if (!row) throw notFound('Hand-off', id);
  if (row.status !== 'open') {
    throw new DomainError('conflict', `Hand-off ${id} is ${row.status}; only open hand-offs are assigned.`, [
      { path: 'status', message: `it is ${row.status}` },
    ]);
  }
  return row;
}

interface Routable {
  kind: string;
  toRole: string;
  personId: string | null;
  accountId: string | null;
}

async function decide(tx: RequestContext, h: Routable, excludeUserIds: string[]): Promise<RoutingDecision> {
  const config = await getWorkspaceConfig(tx);
  const settings = readFloorSettings(config.settings.salesFloor);
  const subject = await routingSubjectOf(tx, h);
  const toRole = h.kind === 'won' && !['onb', 'csm'].includes(h.toRole) ? settings.wonHandoffRole : h.toRole;
  const role = roleFor({ kind: h.kind, toRole, source: subject.source });
  const candidates = (
    await candidatesFor(tx, role, zonedWeek(tx.now(), config.timeZone), settings.slotsPerOpenLead)
  ).filter((c) => !excludeUserIds.includes(c.userId));
  const credits = new Map<string, Map<string, number>>();
  for (const pool of new Set(candidates.map((c) => `${c.teamId ?? 'workspace'}:${role}`)).add(
    `workspace:${role}`,
  ))
    credits.set(pool, await creditsOf(tx, pool));
  return chooseAssignee(
    config.orgModel as OrgModel,
    {
      kind: h.kind,
      toRole,
      source: subject.source,
      account: subject.account,
      accountOwnerUserId: subject.account?.ownerUserId ?? null,
    },
    await listTeams(tx),
    candidates,
    (pool) => credits.get(pool) ?? new Map(),
    settings.tiers,
  );
}

/**
 * Routes a lead that reached Inside Sales (mql) or Field Sales (sql) without a hand-off
 * row (imports, recycled leads coming back): the same rules, and the person's owner is
 * set. Returns the decision (userId null when everyone is at capacity).
 */
export function assignLead(
  ctx: RequestContext,
  personId: string,
  kind: 'mql' | 'sql',
): Promise<{ userId: string | null; teamId: string | null; reason: string }> {
  return inTransaction(ctx, async (tx) => {
    const d = await decide(
      tx,
      { kind, toRole: kind === 'mql' ? 'mdr' : 'ae', personId, accountId: null },
      [],
    );
    await saveCredits(tx, d.pool, d.credits, d.userId);
    if (d.userId) await setPersonOwner(tx, personId, d.userId);
    await appendAudit(tx, {
      action: 'person.route',
      entityType: 'person',
      entityId: personId,
      after: { ownerUserId: d.userId, teamId: d.teamId, kind },
      reason: d.reason,
    });
    return { userId: d.userId, teamId: d.teamId, reason: d.reason };
  });
}

async function apply(tx: RequestContext, h: HandoffRow, d: RoutingDecision): Promise<HandoffRow> {
  await saveCredits(tx, d.pool, d.credits, d.userId);
  const row = await setHandoffAssignment(tx, h.id, {
    toUserId: d.userId,
    toTeamId: d.teamId,
    routingReason: d.reason,
  });
  // The lead follows an IS or AE hand-off to its new owner.
  if (d.userId && h.personId && (h.kind === 'mql' || h.kind === 'sql'))
    await setPersonOwner(tx, h.personId, d.userId);
  return row;
}

/** Routes an open hand-off on request: the actor must be allowed to answer it (its receiver's scope). */
export function routeHandoff(ctx: RequestContext, handoffId: string): Promise<HandoffRow> {
  return inTransaction(ctx, async (tx) => {
    await assertHandoffAccess(tx, handoffId, 'write');
    return assignHandoff(tx, handoffId);
  });
}

/**
 * Assigns an open hand-off by the routing rules (org model → team → member by round
 * robin weighted by free capacity) and records the reason on it. Call it right after the
 * hand-off is opened, in the same transaction; with nobody free it stays in the team queue.
 */
export function assignHandoff(ctx: RequestContext, handoff: HandoffRow | string): Promise<HandoffRow> {
  return inTransaction(ctx, async (tx) => {
    const h = await loadOpen(tx, handoff);
    const decision = await decide(tx, h, []);
    const row = await apply(tx, h, decision);
    await appendAudit(tx, {
      action: 'handoff.assign',
      entityType: 'handoff',
      entityId: h.id,
      before: { toUserId: h.toUserId, toTeamId: h.toTeamId },
      after: { toUserId: row.toUserId, toTeamId: row.toTeamId, routingReason: row.routingReason },
    });
    return row;
  });
}

/**
 * The SLA job calls this for a breached hand-off: when the workspace enables
 * reassignment, the hand-off goes to another member by the same rules; otherwise nothing changes.
 */
export function reassignOnSlaBreach(
  ctx: RequestContext,
  handoffId: string,
): Promise<{ reassigned: boolean; handoff: HandoffRow }> {
  return inTransaction(ctx, async (tx) => {
    const h = await loadOpen(tx, handoffId);
    const settings = readFloorSettings((await getWorkspaceConfig(tx)).settings.salesFloor);
    if (!settings.reassignOnSlaBreach) return { reassigned: false, handoff: h };
    const decision = await decide(tx, h, h.toUserId ? [h.toUserId] : []);
    if (!decision.userId) return { reassigned: false, handoff: h };
    decision.reason = `SLA breached by the previous assignee; ${decision.reason}`;
    const row = await apply(tx, h, decision);
    await appendAudit(tx, {
      action: 'handoff.reassign',
      entityType: 'handoff',
      entityId: h.id,
      before: { toUserId: h.toUserId, toTeamId: h.toTeamId },
      after: { toUserId: row.toUserId, toTeamId: row.toTeamId, routingReason: row.routingReason },
      reason: 'SLA breached',
    });
    return { reassigned: true, handoff: row };
  });
}

/** A manager assigns a hand-off by hand: the member must hold the receiving role; the reason is audited. */
export function overrideHandoffAssignment(
  ctx: RequestContext,
  handoffId: string,
  input: { userId: string; reason: string },
): Promise<HandoffRow> {
  assertRole(ctx, ['manager'], 'assign hand-offs by hand');
  return inTransaction(ctx, async (tx) => {
    // A manager overrides the hand-offs of their teams only.
    await assertHandoffAccess(tx, handoffId, 'write');
    const h = await loadOpen(tx, handoffId);
    const config = await getWorkspaceConfig(tx);
    const settings = readFloorSettings(config.settings.salesFloor);
    const subject = await routingSubjectOf(tx, h);
    const toRole =
      h.kind === 'won' && !['onb', 'csm'].includes(h.toRole) ? settings.wonHandoffRole : h.toRole;
    const role = roleFor({ kind: h.kind, toRole, source: subject.source });
    const held = await rolesOfUser(tx, input.userId);
    const membership = held.find((m) => m.role === role);
    if (!membership) {
      throw new DomainError(
        'invalid_input',
        `This ${h.kind} hand-off goes to a ${role}; the chosen member does not hold that role.`,
        [
          {
            path: 'userId',
            message: `holds: ${held.map((m) => m.role).join(', ') || 'no role'}; needs ${role}`,
          },
        ],
      );
    }
    const row = await setHandoffAssignment(tx, h.id, {
      toUserId: input.userId,
      toTeamId: membership.teamId,
      routingReason: `manual override: ${input.reason}`,
    });
    if (h.personId && (h.kind === 'mql' || h.kind === 'sql'))
      await setPersonOwner(tx, h.personId, input.userId);
    await appendAudit(tx, {
      action: 'handoff.override',
      entityType: 'handoff',
      entityId: h.id,
      before: { toUserId: h.toUserId, toTeamId: h.toTeamId },
      after: { toUserId: row.toUserId, toTeamId: row.toTeamId },
      reason: input.reason,
    });
    return row;
  });
}
