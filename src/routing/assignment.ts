import type { Role } from '../platform/context.ts';
import { type AccountFacts, podFor, type Tiers } from './segments.ts';

export type OrgModel = 'islands' | 'assembly_line' | 'pods';

/** A member who could receive work: one role held in one team, with capacity and current load. */
export interface Candidate {
  userId: string;
  displayName: string;
  role: string;
  teamId: string | null;
  capacity: number;
  /** Capacity in use, in the role's unit (IS slots, AE open opportunities, ONB/CSM accounts). */
  load: number;
}

export interface TeamInfo {
  id: string;
  name: string;
  kind: string;
  function: string | null;
  segmentRule: unknown;
}

/** What is being routed: which hand-off, for which lead and account. */
export interface RoutingSubject {
  kind: string;
  toRole: string;
  /** inbound / outbound / …: inbound leads go to MDR, outbound to SDR. */
  source: string | null;
  account: AccountFacts | null;
  accountOwnerUserId: string | null;
}

export interface RoutingDecision {
  role: Role;
  teamId: string | null;
  userId: string | null;
  /** The routing pool whose round-robin credits this decision used. */
  pool: string;
  reason: string;
  credits: Map<string, number>;
}

const IS_ROLES = new Set(['mdr', 'sdr', 'is', 'inside_sales']);

/** The role that receives a hand-off: IS hand-offs split by lead source, the rest by kind or named role. */
export function roleFor(subject: Pick<RoutingSubject, 'kind' | 'toRole' | 'source'>): Role {
  if (subject.kind === 'mql' || IS_ROLES.has(subject.toRole))
    return subject.source === 'outbound' ? 'sdr' : 'mdr';
  if (['ae', 'onb', 'csm', 'am', 'adr', 'marketing'].includes(subject.toRole)) return subject.toRole as Role;
  if (subject.kind === 'sql') return 'ae';
  if (subject.kind === 'won') return 'onb';
  if (subject.kind === 'expansion') return 'ae';
  return 'mdr';
}

/**
 * Smooth weighted round robin (as nginx balances upstreams), weighted by free capacity:
 * every eligible member gains its weight in credit, the richest is picked and pays the
 * total. Over W picks with fixed weights each member gets exactly its weight; members
 * with no free capacity are never picked.
 */
export function pickWeighted(
  candidates: { userId: string; free: number }[],
  credits: ReadonlyMap<string, number>,
): { userId: string | null; credits: Map<string, number> } {
  const next = new Map(credits);
  const eligible = candidates.filter((c) => c.free > 0);
  if (eligible.length === 0) return { userId: null, credits: next };
  const total = eligible.reduce((s, c) => s + c.free, 0);
  let best: { userId: string; credit: number } | undefined;
  for (const c of eligible) {
    const credit = (next.get(c.userId) ?? 0) + c.free;
    next.set(c.userId, credit);
    if (!best || credit > best.credit || (credit === best.credit && c.userId < best.userId))
      best = { userId: c.userId, credit };
  }
  next.set(best!.userId, best!.credit - total);
  return { userId: best!.userId, credits: next };
}

function describeRule(rule: unknown): string {
  return JSON.stringify(rule);
}

/**
 * Chooses who receives a hand-off (pure): the team by the org model (PODs: the POD whose
 * segment holds the account; Assembly Line: the function team; Islands: the account's
 * owner), then a member holding the role by weighted round robin over free capacity.
 * Falls back to every member with the role when the team has none, and says so.
 */
export function chooseAssignee(
  orgModel: OrgModel,
  subject: RoutingSubject,
  teams: TeamInfo[],
  candidates: Candidate[],
  creditsByPool: (pool: string) => ReadonlyMap<string, number>,
  tiers: Tiers,
): RoutingDecision {
  const role = roleFor(subject);
  const withRole = candidates.filter((c) => c.role === role);
  const why: string[] = [];
  if (role === 'mdr' || role === 'sdr')
    why.push(`${role.toUpperCase()} (${subject.source === 'outbound' ? 'outbound' : 'inbound'} lead)`);
  else why.push(`role ${role}`);

  let team: TeamInfo | undefined;
  let pool = withRole;
  if (orgModel === 'pods' && subject.account) {
    team = podFor(subject.account, teams, tiers);
    if (team) why.push(`account in POD ${team.name} (segment ${describeRule(team.segmentRule)})`);
    else why.push('account matches no POD segment');
  } else if (orgModel === 'assembly_line') {
    team = teams.find((t) => t.kind === 'function' && t.function === role);
    if (team) why.push(`function queue ${team.name}`);
  } else if (orgModel === 'islands' && subject.accountOwnerUserId) {
    const owner = withRole.filter((c) => c.userId === subject.accountOwnerUserId);
    if (owner.length > 0) {
      pool = owner;
      why.push('islands: the account owner works it');
    }
  }
  if (team) {
    const teamId = team.id;
    const inTeam = withRole.filter((c) => c.teamId === teamId);
    if (inTeam.length > 0) pool = inTeam;
    else {
      why.push(`${team.name} has no ${role}: any ${role} in the workspace`);
      team = undefined;
    }
  }
  const poolKey = `${team?.id ?? 'workspace'}:${role}`;
  const free = pool.map((c) => ({ userId: c.userId, free: Math.max(0, c.capacity - c.load) }));
  const picked = pickWeighted(free, creditsByPool(poolKey));
  const chosen = pool.find((c) => c.userId === picked.userId);
  if (chosen) {
    why.push(
      `${chosen.displayName} by round robin weighted by free capacity (${chosen.capacity - chosen.load}/${chosen.capacity} free)`,
    );
  } else if (pool.length === 0) {
    why.push(`nobody holds the role ${role}: left in the queue`);
  } else {
    why.push(`every ${role} is at capacity: left in the queue`);
  }
  return {
    role,
    teamId: team?.id ?? chosen?.teamId ?? null,
    userId: chosen?.userId ?? null,
    pool: poolKey,
    reason: why.join('; '),
    credits: picked.credits,
  };
}
