import type { SOURCES as ServerSources } from '../../../../src/crm/people.ts';

export type Source = (typeof ServerSources)[number];
export const SOURCES = [
  'inbound',
  'outbound',
  'referral',
  'partner',
  'import',
  'event',
] as const satisfies readonly Source[];

/** The lead lifecycle of DOMAIN.md 3.1: the success path, then the off-ramps. */
export const LEAD_STAGES = [
  'anonymous',
  'lead',
  'nurturing',
  'mql',
  'sal',
  'sql',
  'opportunity',
  'customer',
  'disqualified',
  'recycled',
  'lost',
  'churned',
] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];
export const isLeadStage = (s: string): s is LeadStage => LEAD_STAGES.includes(s as LeadStage);

export const STAGE_COLORS: Record<LeadStage, string> = {
  anonymous: 'gray',
  lead: 'blue',
  nurturing: 'cyan',
  mql: 'teal',
  sal: 'green',
  sql: 'lime',
  opportunity: 'yellow',
  customer: 'indigo',
  disqualified: 'dark',
  recycled: 'orange',
  lost: 'red',
  churned: 'pink',
};

export interface Person {
  id: string;
  version: number;
  accountId: string | null;
  email: string | null;
  phone: string | null;
  lastName: string | null;
  firstName: string | null;
  title: string | null;
  department: string | null;
  source: Source | null;
  lifecycleStage: string;
  stageEnteredAt: string;
  ownerUserId: string | null;
  attributes: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

/** Japanese order: family name first. */
export function personName(p: Pick<Person, 'lastName' | 'firstName'>): string {
  return [p.lastName, p.firstName].filter(Boolean).join(' ');
}
