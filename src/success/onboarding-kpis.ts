/** One account's onboarding milestones. */
export interface OnboardingMilestone {
  startedAt: Date | null;
  firstValueAt: Date | null;
  completedAt: Date | null;
}

export interface OnboardingKpis {
  started: number;
  reachedFirstValue: number;
  completed: number;
  /** Time to first value in days: median and 90th percentile (null without data). */
  ttfvMedianDays: number | null;
  ttfvP90Days: number | null;
  onboardingMedianDays: number | null;
}

function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, i)]! * 10) / 10;
}

const days = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 86_400_000;

/** Time to first value (a KPI of ONB) and onboarding duration, from the milestones. Pure. */
export function onboardingKpis(rows: readonly OnboardingMilestone[]): OnboardingKpis {
  const started = rows.filter((r) => r.startedAt);
  const ttfv = started
    .filter((r) => r.firstValueAt)
    .map((r) => days(r.startedAt!, r.firstValueAt!))
    .sort((a, b) => a - b);
  const done = started
    .filter((r) => r.completedAt)
    .map((r) => days(r.startedAt!, r.completedAt!))
    .sort((a, b) => a - b);
  return {
    started: started.length,
    reachedFirstValue: ttfv.length,
    completed: done.length,
    ttfvMedianDays: quantile(ttfv, 0.5),
    ttfvP90Days: quantile(ttfv, 0.9),
    onboardingMedianDays: quantile(done, 0.5),
  };
}
