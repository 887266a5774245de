import type { Month } from '../platform/fiscal-calendar.ts';
import { monthIndex, monthOf } from '../platform/fiscal-calendar.ts';
import { type Assumptions, STAGES, STEPS, type Stage } from './assumptions.ts';

/** Volume per stage per month, keyed by month `YYYY-MM`. */
export type Volumes = Record<Stage, Map<Month, number>>;

function emptyVolumes(): Volumes {
  return Object.fromEntries(STAGES.map((s) => [s, new Map<Month, number>()])) as Volumes;
}

function add(map: Map<Month, number>, month: Month, value: number): void {
  map.set(month, (map.get(month) ?? 0) + value);
}

/**
 * Reverse waterfall (逆算): New MRR targets by month → wins in those months → the
 * opportunities, SQLs, MQLs and leads that must enter earlier, each divided by its
 * conversion rate and shifted back by the measured lag distribution of its step.
 */
export function reverseWaterfall(targets: { month: Month; newMrr: number }[], a: Assumptions): Volumes {
  const volumes = emptyVolumes();
  for (const { month, newMrr } of targets) add(volumes.won, month, newMrr / a.mrrPerWin);
  // Walk from won back to lead: volume entering stage k at month m needs volume/rate
  // entering stage k-1 at m - lag, spread over the lag distribution.
  for (let k = STEPS.length - 1; k >= 0; k--) {
    const step = STEPS[k]!;
    const to = STAGES[k + 1]!;
    const from = STAGES[k]!;
    const rate = a.rates[step];
    for (const [month, volume] of volumes[to]) {
      const needed = rate > 0 ? volume / rate : Number.POSITIVE_INFINITY;
      a.lags[step].forEach((p, lag) => {
        if (p > 0) add(volumes[from], monthOf(monthIndex(month) - lag), needed * p);
      });
    }
  }
  return volumes;
}

/**
 * Forward expectation: leads entering by month flow down the chain (rate × lag
 * distribution). The expected wins by month; New MRR = wins × MRR per win.
 */
export function forwardExpectation(leads: Map<Month, number>, a: Assumptions): Volumes {
  const volumes = emptyVolumes();
  for (const [m, v] of leads) add(volumes.lead, m, v);
  STEPS.forEach((step, k) => {
    const from = STAGES[k]!;
    const to = STAGES[k + 1]!;
    for (const [month, volume] of volumes[from]) {
      a.lags[step].forEach((p, lag) => {
        if (p > 0) add(volumes[to], monthOf(monthIndex(month) + lag), volume * a.rates[step] * p);
      });
    }
  });
  return volumes;
}

/** Constant monthly lead supply over enough earlier months to fill the pipeline of `months`. */
export function steadyLeads(months: Month[], a: Assumptions): Map<Month, number> {
  const maxLag = STEPS.reduce((s, step) => s + a.lags[step].length - 1, 0);
  const first = monthIndex(months[0]!) - maxLag;
  const last = monthIndex(months[months.length - 1]!);
  const leads = new Map<Month, number>();
  for (let i = first; i <= last; i++) leads.set(monthOf(i), a.leadsPerMonth);
  return leads;
}

/** Expected New MRR landing in `months` from the steady lead supply. */
export function expectedNewMrr(months: Month[], a: Assumptions): number {
  const wins = forwardExpectation(steadyLeads(months, a), a).won;
  return months.reduce((s, m) => s + (wins.get(m) ?? 0), 0) * a.mrrPerWin;
}
