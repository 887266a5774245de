import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, type Page } from '../../app/api.ts';
import type { User } from '../../app/session.tsx';

export interface Team {
  id: string;
  name: string;
  kind: string;
}

/** Every page of a small reference list (users, teams of one workspace). */
async function everyPage<T>(path: string): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await api<Page<T>>(path, { query: { limit: 200, cursor } });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

const OWNER_ROLES = ['ae', 'am'];

/** The workspace's people and teams, to name owners, managers and teams on screen. */
export function useDirectory() {
  const users = useQuery({
    queryKey: ['/users', 'directory'],
    queryFn: () => everyPage<User>('/users'),
    staleTime: 300_000,
  });
  const teams = useQuery({
    queryKey: ['/teams', 'directory'],
    queryFn: () => everyPage<Team>('/teams'),
    staleTime: 300_000,
  });
  return useMemo(() => {
    const byId = new Map((users.data ?? []).map((u) => [u.id, u]));
    const teamById = new Map((teams.data ?? []).map((t) => [t.id, t]));
    return {
      users: users.data ?? [],
      teams: teams.data ?? [],
      /** People who may own a deal (AE or AM), by name. */
      owners: (users.data ?? [])
        .filter((u) => u.roles.some((r) => OWNER_ROLES.includes(r.role)))
        .sort((a, b) => a.displayName.localeCompare(b.displayName)),
      userName: (id: string | null | undefined) => (id ? byId.get(id)?.displayName : undefined),
      teamName: (id: string | null | undefined) => (id ? teamById.get(id)?.name : undefined),
      error: users.error ?? teams.error,
    };
  }, [users.data, teams.data, users.error, teams.error]);
}
