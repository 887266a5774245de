/** One scorecard metric: a value, or null with the reason the data cannot give it yet. */
export interface Metric {
  value: number | null;
  unit: 'count' | 'ratio' | 'yen' | 'days' | 'hours';
  reason?: string;
}

/** What the scorecards are computed from, for one range (null: not in the data). */
export interface ScorecardInputs {
  leads: number;
  mqls: number;
  sqls: number;
  campaignCost: number | null;
  handoffs: Record<'mql' | 'sql', { accepted: number; rejected: number; due: number; onTime: number }> | null;
  isActivities: number | null;
  isActivityMinutes: number | null;
  isSlotCapacityMinutes: number | null;
  wins: number;
  losses: number;
  wonMrr: number;
  medianCycleDays: number | null;
  openPipelineMrr: number;
  targetNewMrr: number | null;
  onboardingMedianHours: number | null;
  /** MRR of the accounts subscribed at the start of the range, then theirs at its end, and capped at the start (no expansion). */
  startMrr: number | null;
  endMrr: number | null;
  keptMrr: number | null;
  amendmentsRecorded: boolean;
}

const m = (value: number | null | undefined, unit: Metric['unit'], reason: string): Metric =>
  value === null || value === undefined || Number.isNaN(value)
    ? { value: null, unit, reason }
    : { value: Math.round(value * 10_000) / 10_000, unit };
const div = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : a / b);

/** The four departments' scorecards (pure). Nothing is invented: missing inputs give null with a reason. */
export function buildScorecards(i: ScorecardInputs) {
  const ho = i.handoffs;
  const acceptance = (k: 'mql' | 'sql') => (ho ? div(ho[k].accepted, ho[k].accepted + ho[k].rejected) : null);
  const noHandoffs = 'no hand-offs recorded in the range';
  const amended = i.amendmentsRecorded
    ? 'subscription amendments exist but expansion/contraction are not derived yet'
    : null;
  const grr = amended ? null : div(i.keptMrr, i.startMrr);
  const nrr = amended ? null : div(i.endMrr, i.startMrr);
  return {
    marketing: {
      leads: m(i.leads, 'count', ''),
      mqls: m(i.mqls, 'count', ''),
      costPerMql: m(
        div(i.campaignCost, i.mqls),
        'yen',
        i.campaignCost === null ? 'no campaign costs in the range' : 'no MQLs in the range',
      ),
      mqlAcceptanceRate: m(acceptance('mql'), 'ratio', noHandoffs),
    },
    insideSales: {
      slaCompliance: m(
        ho ? div(ho.mql.onTime, ho.mql.due) : null,
        'ratio',
        'no MQL hand-offs came due in the range',
      ),
      activities: m(i.isActivities, 'count', 'no Inside Sales activities recorded'),
      slotUse: m(
        div(i.isActivityMinutes, i.isSlotCapacityMinutes),
        'ratio',
        'no IS activity durations or slot capacity recorded',
      ),
      mqlToSql: m(div(i.sqls, i.mqls), 'ratio', 'no MQLs in the range'),
      sqlAcceptanceRate: m(acceptance('sql'), 'ratio', noHandoffs),
    },
    fieldSales: {
      winRate: m(div(i.wins, i.wins + i.losses), 'ratio', 'no new-business deals closed in the range'),
      cycleTimeDays: m(i.medianCycleDays, 'days', 'no deals won in the range'),
      dealSizeMrr: m(div(i.wonMrr, i.wins), 'yen', 'no deals won in the range'),
      coverage: m(
        div(i.openPipelineMrr, i.targetNewMrr),
        'ratio',
        'no New MRR target: no quotas for the period and no analytics.targets.newMrrPerMonth setting',
      ),
      forecastAccuracy: m(null, 'ratio', 'forecast snapshots are not recorded yet'),
    },
    customerSuccess: {
      onboardingTimeHours: m(i.onboardingMedianHours, 'hours', 'no account left onboarding in the range'),
      healthMix: m(null, 'ratio', 'health scores are not recorded yet'),
      grr: m(grr, 'ratio', amended ?? 'no subscription MRR at the start of the range'),
      nrr: m(nrr, 'ratio', amended ?? 'no subscription MRR at the start of the range'),
    },
  };
}
export type Scorecards = ReturnType<typeof buildScorecards>;
