import { describe, expect, it } from 'vitest';
import { reachableReps } from './reachable-reps.ts';

const member = (id: string, ...roles: [string, string | null][]) => ({
  id,
  roles: roles.map(([role, teamId]) => ({ role, teamId, capacity: null })),
});

const users = [
  member('mdr-a', ['mdr', 'A']),
  member('sdr-b', ['sdr', 'B']),
  member('ae-a', ['ae', 'A']),
  member('sdr-none', ['sdr', null]),
];

describe('the reps a manager may open', () => {
  it('limits a team manager to inside-sales reps of their own teams', () => {
    const ids = (me: ReturnType<typeof member>) => reachableReps(me, users).map((u) => u.id);
    expect(ids(member('m', ['manager', 'A']))).toEqual(['mdr-a']);
    expect(ids(member('m', ['manager', 'A'], ['manager', 'B']))).toEqual(['mdr-a', 'sdr-b']);
  });

  it('gives admins and managers who lead no team every rep, never themselves', () => {
    expect(reachableReps(member('m', ['manager', null]), users)).toHaveLength(3);
    expect(reachableReps(member('mdr-a', ['admin', null], ['mdr', 'A']), users).map((u) => u.id)).toEqual([
      'sdr-b',
      'sdr-none',
    ]);
  });
});
