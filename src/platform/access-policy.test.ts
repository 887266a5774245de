import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accessSettingsSchema,
  DEFAULT_ACCESS_POLICY,
  isAllowed,
  RECORD_SCOPES,
  RESOURCES,
  type Relation,
  resolvePolicy,
  scopeAllows,
  scopeFor,
} from './access-policy.ts';
import { ROLES } from './context.ts';

const RELATIONS: Relation[] = ['own', 'team', 'unowned', 'other_team'];

describe('access policy defaults', () => {
  it('gives admins every resource', () => {
    for (const r of RESOURCES)
      expect(scopeFor(DEFAULT_ACCESS_POLICY, ['admin'], r, 'write')).toEqual(['all']);
  });

  it('limits reps to their own records, Inside Sales also to the unowned queue', () => {
    expect(scopeFor(DEFAULT_ACCESS_POLICY, ['ae'], 'people', 'read')).toEqual(['own']);
    expect(scopeFor(DEFAULT_ACCESS_POLICY, ['mdr'], 'people', 'read')).toEqual(['own_or_unowned']);
    expect(scopeFor(DEFAULT_ACCESS_POLICY, ['manager'], 'people', 'write')).toEqual(['team']);
  });

  it('lets marketing see leads and campaigns but not administer users, audit or privacy', () => {
    const p = DEFAULT_ACCESS_POLICY.marketing;
    expect(p.people.read).toBe('all');
    expect(p.campaigns.write).toBe('all');
    expect(p.users.write).toBe('own');
    expect(p.audit.read).toBe('none');
    expect(p.privacy.write).toBe('none');
  });

  it('gives Customer Success the whole customer book to read and its own accounts to change', () => {
    for (const role of ['onb', 'csm', 'am', 'adr'] as const)
      expect(DEFAULT_ACCESS_POLICY[role].customers).toEqual({ read: 'all', write: 'own' });
    expect(DEFAULT_ACCESS_POLICY.ae.customers).toEqual({ read: 'own', write: 'own' });
    expect(DEFAULT_ACCESS_POLICY.mdr.customers.read).toBe('none');
    expect(DEFAULT_ACCESS_POLICY.marketing.customers.read).toBe('none');
  });

  it('keeps revenue reports for managers, admins and marketing, and cadence templates for them to write', () => {
    for (const role of ROLES) {
      const reads = scopeFor(DEFAULT_ACCESS_POLICY, [role], 'reports', 'read');
      expect(reads, role).toEqual(['admin', 'manager', 'marketing'].includes(role) ? ['all'] : ['none']);
      const edits = scopeFor(DEFAULT_ACCESS_POLICY, [role], 'cadences', 'write');
      expect(edits, role).toEqual(['admin', 'manager', 'marketing'].includes(role) ? ['all'] : ['none']);
      expect(scopeFor(DEFAULT_ACCESS_POLICY, [role], 'cadences', 'read')).toEqual(['all']);
    }
  });

  it('unions the scopes of several roles', () => {
    expect(scopeFor(DEFAULT_ACCESS_POLICY, ['mdr', 'manager'], 'people', 'read').sort()).toEqual([
      'own_or_unowned',
      'team',
    ]);
    expect(scopeFor(DEFAULT_ACCESS_POLICY, ['ae', 'marketing'], 'people', 'read')).toEqual(['all']);
    expect(scopeFor(DEFAULT_ACCESS_POLICY, [], 'people', 'read')).toEqual(['none']);
  });
});

describe('workspace overrides', () => {
  it('apply per role and resource and leave the rest at the defaults', () => {
    const settings = accessSettingsSchema.parse({ roles: { ae: { accounts: { read: 'team' } } } });
    const policy = resolvePolicy(settings);
    expect(policy.ae.accounts).toEqual({ read: 'team', write: 'own' });
    expect(policy.ae.people).toEqual(DEFAULT_ACCESS_POLICY.ae.people);
  });

  it('cannot narrow the admin role or name unknown roles, resources or scopes', () => {
    expect(accessSettingsSchema.safeParse({ roles: { admin: { people: { read: 'none' } } } }).success).toBe(
      false,
    );
    expect(accessSettingsSchema.safeParse({ roles: { ceo: {} } }).success).toBe(false);
    expect(accessSettingsSchema.safeParse({ roles: { ae: { deals: { read: 'all' } } } }).success).toBe(false);
    expect(accessSettingsSchema.safeParse({ roles: { ae: { people: { read: 'most' } } } }).success).toBe(
      false,
    );
  });
});

describe('scope properties', () => {
  const role = fc.constantFrom(...ROLES);
  const resource = fc.constantFrom(...RESOURCES);
  const relation = fc.constantFrom(...RELATIONS);

  it('holding more roles never reaches fewer records', () => {
    fc.assert(
      fc.property(fc.array(role, { maxLength: 4 }), role, resource, relation, (roles, extra, res, rel) => {
        for (const action of ['read', 'write'] as const) {
          const before = isAllowed(scopeFor(DEFAULT_ACCESS_POLICY, roles, res, action), rel);
          const after = isAllowed(scopeFor(DEFAULT_ACCESS_POLICY, [...roles, extra], res, action), rel);
          if (before) expect(after).toBe(true);
        }
      }),
    );
  });

  it('every scope reaches the actor’s own records unless it is none', () => {
    for (const s of RECORD_SCOPES) expect(scopeAllows(s, 'own')).toBe(s !== 'none');
  });

  it('no default grants writing what it cannot read', () => {
    for (const r of ROLES)
      for (const res of RESOURCES)
        for (const rel of RELATIONS) {
          const grant = DEFAULT_ACCESS_POLICY[r][res];
          if (scopeAllows(grant.write, rel))
            expect(scopeAllows(grant.read, rel), `${r} ${res} ${rel}`).toBe(true);
        }
  });
});
