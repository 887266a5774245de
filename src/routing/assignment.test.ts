import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Candidate, chooseAssignee, pickWeighted, roleFor, type TeamInfo } from './assignment.ts';
import { DEFAULT_TIERS } from './segments.ts';

const ids = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5'];

describe('routing property: capacity and weights', () => {
  it('never assigns beyond capacity while another eligible member has room', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ capacity: fc.integer({ min: 0, max: 12 }), load: fc.integer({ min: 0, max: 12 }) }),
          {
            minLength: 1,
            maxLength: 6,
          },
        ),
        fc.integer({ min: 1, max: 80 }),
        (members, handoffs) => {
          const state = members.map((m, i) => ({ userId: ids[i]!, ...m }));
          let credits: ReadonlyMap<string, number> = new Map();
          for (let n = 0; n < handoffs; n++) {
            const free = state.map((s) => ({ userId: s.userId, free: Math.max(0, s.capacity - s.load) }));
            const anyRoom = free.some((f) => f.free > 0);
            const picked = pickWeighted(free, credits);
            credits = picked.credits;
            if (!anyRoom) {
              expect(picked.userId).toBeNull();
              continue;
            }
            const chosen = state.find((s) => s.userId === picked.userId)!;
            // The chosen member had room: nobody goes over capacity while someone else has room.
            expect(chosen.load).toBeLessThan(chosen.capacity);
            chosen.load++;
          }
          for (const s of state) {
            const start = members[state.indexOf(s)]!;
            expect(s.load).toBeLessThanOrEqual(Math.max(s.capacity, start.load));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('over many hand-offs the split follows the weights (free capacity)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 2000 }),
        (weights, n) => {
          const free = weights.map((w, i) => ({ userId: ids[i]!, free: w }));
          const total = weights.reduce((a, b) => a + b, 0);
          let credits: ReadonlyMap<string, number> = new Map();
          const counts = new Map<string, number>();
          for (let k = 1; k <= n; k++) {
            const picked = pickWeighted(free, credits);
            credits = picked.credits;
            counts.set(picked.userId!, (counts.get(picked.userId!) ?? 0) + 1);
            if (k % total === 0) {
              // Every full cycle gives each member exactly its weight.
              for (const f of free) expect(counts.get(f.userId) ?? 0).toBe((f.free * k) / total);
            }
          }
          // In between, each member is within one cycle's share of its exact proportion.
          free.forEach((f) => {
            expect(Math.abs((counts.get(f.userId) ?? 0) - (n * f.free) / total)).toBeLessThanOrEqual(
              weights.length,
            );
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

const pods: TeamInfo[] = [
  {
    id: 't-ent',
    name: 'ENT',
    kind: 'pod',
    function: null,
    segmentRule: { field: 'employeeCount', op: 'gte', value: 500 },
  },
  {
    id: 't-smb',
    name: 'SMB',
    kind: 'pod',
    function: null,
    segmentRule: { field: 'employeeCount', op: 'lt', value: 500 },
  },
  { id: 't-is', name: 'IS queue', kind: 'function', function: 'mdr', segmentRule: null },
];
const c = (userId: string, role: string, teamId: string | null, load = 0, capacity = 80): Candidate => ({
  userId,
  displayName: userId,
  role,
  teamId,
  capacity,
  load,
});
const account = (employeeCount: number) => ({ employeeCount, industry: null, region: null, tier: null });

describe('chooseAssignee', () => {
  const members = [
    c('ent-mdr', 'mdr', 't-ent'),
    c('smb-mdr', 'mdr', 't-smb'),
    c('smb-sdr', 'sdr', 't-smb'),
    c('q-mdr', 'mdr', 't-is'),
  ];

  it('PODs: routes to the POD whose segment holds the account, inbound to MDR and outbound to SDR', () => {
    const none = () => new Map<string, number>();
    const subject = {
      kind: 'mql',
      toRole: 'mdr',
      source: 'inbound',
      account: account(800),
      accountOwnerUserId: null,
    };
    const ent = chooseAssignee('pods', subject, pods, members, none, DEFAULT_TIERS);
    expect(ent).toMatchObject({ userId: 'ent-mdr', teamId: 't-ent', role: 'mdr' });
    expect(ent.reason).toContain('POD ENT');
    const out = chooseAssignee(
      'pods',
      { ...subject, source: 'outbound', account: account(40) },
      pods,
      members,
      none,
      DEFAULT_TIERS,
    );
    expect(out).toMatchObject({ userId: 'smb-sdr', teamId: 't-smb', role: 'sdr' });
  });

  it('Assembly Line: routes to the function queue; a full queue leaves the hand-off unassigned with the reason', () => {
    const none = () => new Map<string, number>();
    const subject = {
      kind: 'mql',
      toRole: 'mdr',
      source: 'inbound',
      account: account(800),
      accountOwnerUserId: null,
    };
    expect(chooseAssignee('assembly_line', subject, pods, members, none, DEFAULT_TIERS)).toMatchObject({
      userId: 'q-mdr',
      teamId: 't-is',
    });
    const full = members.map((m) => ({ ...m, load: 80 }));
    const d = chooseAssignee('assembly_line', subject, pods, full, none, DEFAULT_TIERS);
    expect(d.userId).toBeNull();
    expect(d.reason).toContain('at capacity');
  });

  it('maps hand-off kinds to roles', () => {
    expect(roleFor({ kind: 'sql', toRole: 'ae', source: null })).toBe('ae');
    expect(roleFor({ kind: 'won', toRole: 'csm', source: null })).toBe('csm');
    expect(roleFor({ kind: 'mql', toRole: 'inside_sales', source: 'outbound' })).toBe('sdr');
  });
});
