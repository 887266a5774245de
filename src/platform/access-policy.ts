import { z } from 'zod';
import { ROLES, type Role } from './context.ts';

/**
 * Which records of a resource an actor may reach:
 * - `all`: every record of the workspace;
 * - `team`: records owned by the actor or by a member of one of the actor's teams
 *   (a manager without a team manages the whole workspace);
 * - `own_or_unowned`: the actor's records plus unowned ones (the Inside Sales queue);
 * - `own`: records whose owner is the actor;
 * - `none`: nothing (the resource is refused with 403).
 */
export const RECORD_SCOPES = ['all', 'team', 'own_or_unowned', 'own', 'none'] as const;
export type RecordScope = (typeof RECORD_SCOPES)[number];

/** Things access is decided for. Records of owned resources carry an owner user id. */
export const RESOURCES = [
  'people',
  'accounts',
  'campaigns',
  'users',
  'api_tokens',
  'audit',
  'privacy',
  'settings',
  'planning',
  'opportunities',
  'handoffs',
  'reports',
  'customers',
  'tasks',
  'cadences',
] as const;
export type Resource = (typeof RESOURCES)[number];
export type AccessAction = 'read' | 'write';

export interface Grant {
  read: RecordScope;
  write: RecordScope;
}
export type RoleGrants = Record<Resource, Grant>;
/** A workspace's access policy: one grant per role and resource. */
export type AccessPolicy = Record<Role, RoleGrants>;

const g = (read: RecordScope, write: RecordScope = read): Grant => ({ read, write });
const NONE = g('none');

/** Every rep sees colleagues in the directory and manages their own profile and tokens. */
function rep(people: RecordScope, accounts: RecordScope): RoleGrants {
  return {
    people: g(people),
    accounts: g(accounts, accounts === 'own_or_unowned' ? 'own' : accounts),
    campaigns: g('all', 'none'),
    users: g('all', 'own'),
    api_tokens: g('own'),
    audit: NONE,
    privacy: NONE,
    settings: NONE,
    planning: NONE,
    opportunities: g('own'),
    // A hand-off's owner is its receiver: reps answer their own and pick up unassigned ones.
    handoffs: g('own_or_unowned'),
    // Revenue analytics are for the people who run the machine (managers, admins, marketing).
    reports: NONE,
    // A customer account is a rep's when the rep owns the account or carries it as ONB/CSM/AM.
    customers: g('own'),
    // A task's owner is its assignee.
    tasks: g('own'),
    // Cadence templates are shared outreach material: everyone reads, managers and marketing write.
    cadences: g('all', 'none'),
  };
}

/** Customer Success works from the whole book (health, renewals) and changes the accounts it carries. */
function cs(): RoleGrants {
  return { ...rep('own', 'own'), customers: g('all', 'own') };
}

const ALL: RoleGrants = Object.fromEntries(RESOURCES.map((r) => [r, g('all')])) as RoleGrants;

/**
 * The defaults of DOMAIN.md section 1: admins everything; managers their teams; Inside
 * Sales their own leads plus the unowned queue; other reps their own records; marketing
 * the leads and campaigns, never user administration, audit or privacy requests;
 * Customer Success reads every customer account and changes the ones it carries.
 */
export const DEFAULT_ACCESS_POLICY: AccessPolicy = {
  admin: ALL,
  manager: {
    ...rep('team', 'team'),
    campaigns: g('all', 'none'),
    users: g('all', 'own'),
    planning: g('all'),
    opportunities: g('team'),
    handoffs: g('team'),
    reports: g('all', 'none'),
    customers: g('team'),
    tasks: g('team'),
    cadences: g('all'),
  },
  marketing: {
    ...rep('all', 'all'),
    accounts: g('all', 'none'),
    campaigns: g('all'),
    planning: g('all', 'none'),
    opportunities: g('all', 'none'),
    handoffs: g('all', 'none'),
    reports: g('all', 'none'),
    customers: NONE,
    // Nurture and outreach sequences are Marketing's material as much as the IS managers'.
    cadences: g('all'),
  },
  mdr: { ...rep('own_or_unowned', 'own_or_unowned'), customers: NONE },
  sdr: { ...rep('own_or_unowned', 'own_or_unowned'), customers: NONE },
  ae: rep('own', 'own'),
  onb: cs(),
  csm: cs(),
  am: cs(),
  adr: cs(),
};

const scopeSchema = z.enum(RECORD_SCOPES);
const grantOverride = z.strictObject({ read: scopeSchema.optional(), write: scopeSchema.optional() });
const roleOverride = z.partialRecord(z.enum(RESOURCES), grantOverride);

/**
 * What a workspace stores in `workspaces.settings.access`: overrides of the defaults,
 * role by role and resource by resource. The admin role cannot be narrowed, so a
 * workspace can never lock out its own administrators.
 */
export const accessSettingsSchema = z.strictObject({
  roles: z.partialRecord(z.enum(ROLES).exclude(['admin']), roleOverride).default({}),
});
export type AccessSettings = z.infer<typeof accessSettingsSchema>;

/** Defaults with a workspace's overrides applied. */
export function resolvePolicy(settings: AccessSettings | undefined): AccessPolicy {
  const policy = structuredClone(DEFAULT_ACCESS_POLICY);
  for (const [role, resources] of Object.entries(settings?.roles ?? {})) {
    for (const [resource, grant] of Object.entries(resources ?? {})) {
      const target = policy[role as Role][resource as Resource];
      if (grant?.read) target.read = grant.read;
      if (grant?.write) target.write = grant.write;
    }
  }
  return policy;
}

const WIDTH: Record<RecordScope, number> = { none: 0, own: 1, own_or_unowned: 2, team: 3, all: 4 };

/**
 * The scope an actor holding several roles gets: the widest of its roles' grants.
 * `team` and `own_or_unowned` are not comparable, so holding both gives their union.
 */
export function scopeFor(
  policy: AccessPolicy,
  roles: readonly Role[],
  resource: Resource,
  action: AccessAction,
): RecordScope[] {
  const scopes = new Set(roles.map((r) => policy[r][resource][action]));
  if (scopes.has('all')) return ['all'];
  const kept = [...scopes].filter((s) => s !== 'none');
  // `own` is inside both `team` and `own_or_unowned`.
  const wider = kept.filter((s) => s !== 'own' || kept.every((k) => WIDTH[k] <= WIDTH.own));
  return wider.length ? wider.sort((a, b) => WIDTH[b] - WIDTH[a]) : ['none'];
}

/** How a record relates to the actor, for decisions made in code (and for the access-matrix test). */
export type Relation = 'own' | 'team' | 'unowned' | 'other_team';

export function scopeAllows(scope: RecordScope, relation: Relation): boolean {
  switch (scope) {
    case 'all':
      return true;
    case 'team':
      return relation === 'own' || relation === 'team';
    case 'own_or_unowned':
      return relation === 'own' || relation === 'unowned';
    case 'own':
      return relation === 'own';
    case 'none':
      return false;
  }
}

/** Whether any of the scopes reaches a record of this relation. */
export function isAllowed(scopes: readonly RecordScope[], relation: Relation): boolean {
  return scopes.some((s) => scopeAllows(s, relation));
}
