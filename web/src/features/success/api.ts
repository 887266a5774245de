import type { HealthFactorKey } from '../../../../src/success/success-config.ts';

export const HEALTH_BANDS = ['green', 'yellow', 'red'] as const;
export type HealthBand = (typeof HEALTH_BANDS)[number];
/** A band filter: one of the colours, or accounts not scored yet. */
export const BAND_FILTERS = [...HEALTH_BANDS, 'unscored'] as const;
export type BandFilter = (typeof BAND_FILTERS)[number];
export type { HealthFactorKey };

/** One row of `GET /success/accounts`. */
export interface CustomerRow {
  id: string;
  name: string;
  customerStage: string;
  healthScore: number | null;
  healthBand: HealthBand | null;
  healthTrend: number | null;
  healthComputedAt: string | null;
  mrr: number;
  renewsOn: string | null;
  csmUserId: string | null;
  csmName: string | null;
  onbUserId: string | null;
  onbName: string | null;
  amUserId: string | null;
  amName: string | null;
  onboardingPlan: string | null;
  onboardingStartedAt: string | null;
  firstValueAt: string | null;
  onboardingCompletedAt: string | null;
  onboardingDone: number;
  onboardingTotal: number;
  openRiskTasks: number;
}

export interface TeamMember {
  userId: string;
  displayName: string;
  role: 'csm' | 'onb' | 'am';
  accounts: number;
}

export interface CustomerSummary {
  bands: Record<BandFilter, { accounts: number; mrr: number }>;
  total: { accounts: number; mrr: number };
  team: TeamMember[];
}

export interface FactorContribution {
  key: HealthFactorKey;
  weight: number;
  fraction: number;
  points: number;
  measured: number | null;
  note: string;
}

export interface Task {
  id: string;
  version: number;
  kind: string;
  title: string;
  status: 'open' | 'done' | 'cancelled';
  dueAt: string | null;
  completedAt: string | null;
  createdAt: string;
  details: Record<string, unknown>;
  assigneeUserId: string | null;
  accountId: string | null;
  opportunityId: string | null;
}

/** A task of `GET /success/tasks`: with its account, that account's health now and the assignee. */
export interface SuccessTask extends Task {
  accountName: string | null;
  assigneeName: string | null;
  healthScore: number | null;
  healthBand: HealthBand | null;
}

export interface Subscription {
  id: string;
  plan: string;
  mrr: number;
  startsOn: string;
  termMonths: number;
  renewsOn: string | null;
  endsOn: string | null;
  status: string;
}

/** `GET /success/accounts/{id}`: everything Customer Success knows about one account. */
export interface CustomerView {
  account: { id: string; name: string; customerStage: string | null; ownerUserId: string | null };
  customer: {
    onbUserId: string | null;
    csmUserId: string | null;
    amUserId: string | null;
    onboardingPlan: string | null;
    onboardingStartedAt: string | null;
    firstValueAt: string | null;
    onboardingCompletedAt: string | null;
    healthScore: number | null;
    healthBand: HealthBand | null;
    healthTrend: number | null;
    healthExplanation: { summary: string; factors: FactorContribution[]; configVersion: number } | null;
    healthComputedAt: string | null;
  } | null;
  team: Record<'onb' | 'csm' | 'am', { id: string; displayName: string | null } | null>;
  healthHistory: { at: string; score: number; band: HealthBand }[];
  subscriptions: Subscription[];
  tasks: Task[];
}

export interface Renewal {
  id: string;
  accountId: string;
  accountName: string;
  customerStage: string | null;
  plan: string;
  mrr: number;
  renewsOn: string;
  termMonths: number;
  healthScore: number | null;
  healthBand: HealthBand | null;
  csmUserId: string | null;
  csmName: string | null;
  renewalOpportunityId: string | null;
  renewalOpportunityPhase: string | null;
}

export interface RenewalMonth {
  month: string;
  from: string;
  to: string;
  renewals: number;
  mrr: number;
  bands: Record<BandFilter, { renewals: number; mrr: number }>;
}

export interface RenewalEntry {
  accountId: string;
  renewsOn: string;
  opportunityId: string;
  taskId: string;
}

export const MRR_GRAINS = ['month', 'quarter', 'fiscal_year'] as const;
export type MrrGrain = (typeof MRR_GRAINS)[number];

export interface MrrPeriod {
  period: string;
  from: string;
  to: string;
  start: number;
  new: number;
  expansion: number;
  reactivation: number;
  contraction: number;
  churn: number;
  end: number;
  grr: number | null;
  nrr: number | null;
  logosStart: number;
  logosChurned: number;
  logoChurnRate: number | null;
  logosEnd: number;
  arr: number;
}

export interface MrrReport {
  by: MrrGrain;
  currency: string;
  periods: MrrPeriod[];
}

export interface OnboardingKpis {
  days: number;
  started: number;
  reachedFirstValue: number;
  completed: number;
  ttfvMedianDays: number | null;
  ttfvP90Days: number | null;
  onboardingMedianDays: number | null;
}

export interface ExpansionSignal {
  id: string;
  version: number;
  accountId: string;
  status: 'open' | 'accepted' | 'dismissed';
  detectedAt: string;
  evidence: { usageByWindow?: number[]; windowDays?: number; healthScore?: number };
  respondedAt: string | null;
  opportunityId: string | null;
  dismissReason: string | null;
  accountName: string | null;
  healthScore: number | null;
  healthBand: HealthBand | null;
  csmName: string | null;
  amUserId: string | null;
  amName: string | null;
}

/** Every cached answer of this area starts with one of these, so a change refreshes them together. */
export const SUCCESS_KEYS = [
  ['/success/accounts'],
  ['/success/accounts/summary'],
  ['/success/tasks'],
  ['/success/expansion-signals'],
  ['/success/renewals'],
  ['/success/renewals/calendar'],
  ['/reports/onboarding'],
  ['success-account'],
] as const;

/** `GET /success/settings`: the Customer Success settings in force. */
export interface SuccessSettings {
  version: number;
  config: {
    health: {
      factors: { key: HealthFactorKey; weight: number; target: number }[];
      windowDays: number;
      redMax: number;
      yellowMax: number;
    };
    renewalLeadDays: number;
  };
}
