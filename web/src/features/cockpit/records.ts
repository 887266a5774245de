import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { AffectedType } from './api.ts';

export interface PersonRecord {
  id: string;
  email: string | null;
  lastName: string | null;
  firstName: string | null;
  lifecycleStage: string;
  stageEnteredAt: string;
  source: string | null;
}

export interface OpportunityRecord {
  id: string;
  name: string;
  phase: string;
  amountMrr: number;
  closeDate: string | null;
  nextStep: string | null;
  updatedAt: string;
}

export interface AccountRecord {
  id: string;
  name: string;
  customerStage: string | null;
}

export interface HandoffRecord {
  id: string;
  kind: string;
  status: string;
  toRole: string;
  personId: string | null;
  accountId: string | null;
  opportunityId: string | null;
  openedAt: string;
  dueAt: string;
}

export interface UserRecord {
  id: string;
  displayName: string;
  roles: { role: string; capacity: number | null }[];
}

const PATHS: Partial<Record<AffectedType, string>> = {
  person: '/people',
  opportunity: '/opportunities',
  account: '/accounts',
  handoff: '/handoffs',
  user: '/users',
};

/** One record an affected item names; a record outside the user's access answers 404 and shows as such. */
export function useRecord<T>(type: AffectedType, id: string | null) {
  return useQuery({
    queryKey: [PATHS[type], 'detail', id],
    queryFn: () => api<T>(`${PATHS[type]}/${id}`),
    enabled: Boolean(id && PATHS[type]),
    staleTime: 60_000,
    retry: false,
  });
}

export const personName = (p: PersonRecord) =>
  [p.lastName, p.firstName].filter(Boolean).join(' ') || p.email || p.id.slice(0, 8);

/** Where a record opens in the app. */
export const LINKS = {
  person: (id: string) => `/marketing/leads/${id}`,
  opportunity: (id: string) => `/field-sales/opportunities/${id}`,
  account: (id: string) => `/accounts/${id}`,
};
