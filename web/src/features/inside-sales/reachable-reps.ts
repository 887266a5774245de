import { IS_ROLES, type UserRow } from './api.ts';

export const isRepRole = (role: string) => (IS_ROLES as readonly string[]).includes(role);

type Member = Pick<UserRow, 'id' | 'roles'>;

/**
 * The reps a manager may open, mirroring the server's default team scope: an admin or a
 * manager who leads no team reaches everyone; otherwise the members of the manager's teams.
 */
export function reachableReps<U extends Member>(me: Member, users: readonly U[]): U[] {
  const reps = users.filter((u) => u.id !== me.id && u.roles.some((r) => isRepRole(r.role)));
  const everyone = me.roles.some((r) => r.role === 'admin' || (r.role === 'manager' && r.teamId === null));
  if (everyone) return reps;
  const myTeams = new Set(me.roles.flatMap((r) => (r.teamId ? [r.teamId] : [])));
  return reps.filter((u) => u.roles.some((r) => r.teamId !== null && myTeams.has(r.teamId)));
}
