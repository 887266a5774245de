import type { Month } from '../platform/fiscal-calendar.ts';
import { monthIndex } from '../platform/fiscal-calendar.ts';
import { type Assumptions, STAGES, STEPS } from './assumptions.ts';
import { openMonths, perMemberCapacity } from './capacity.ts';
import { steadyLeads } from './funnel-model.ts';

export type LeverKey =
  | 'leads'
  | 'lead_to_mql'
  | 'mql_to_sql'
  | 'sql_to_opportunity'
  | 'opportunity_to_won'
  | 'mrr_per_win'
  | 'cycle_time'
  | 'is_capacity'
  | 'ae_capacity'
  | 'onb_capacity';

export interface LeverEffect {
  lever: LeverKey;
  newMrr: number;
  change: number;
  changeRatio: number;
}

function clampRate(r: number): number {
  return Math.min(1, r);
}

/** Shortens every lag by the fraction (a faster cycle): probability mass moves to earlier months. */
function shorterLags(pmf: number[], fraction: number): number[] {
  const out = Array.from({ length: pmf.length }, () => 0);
  pmf.forEach((p, i) => {
    const target = i * (1 - fraction);
    const lo = Math.floor(target);
    out[lo]! += p * (1 - (target - lo));
    if (target > lo) out[lo + 1]! += p * (target - lo);
  });
  return out;
}

/**
 * New MRR landing in `months` when the chain runs at today's lead supply and every role
 * can process at most its capacity a month: flows are capped stage by stage, so a lever
 * that feeds a saturated role moves nothing — the capacity is the lever then.
 */
export function constrainedNewMrr(months: Month[], a: Assumptions): number {
  const leads = steadyLeads(months, a);
  const first = Math.min(...[...leads.keys()].map(monthIndex));
  const last = monthIndex(months[months.length - 1]!);
  const capIs = perMemberCapacity('is', a) * a.capacity.is.headcount;
  const capAe = (perMemberCapacity('ae', a) * a.capacity.ae.headcount) / openMonths(a);
  const capOnb = (perMemberCapacity('onb', a) * a.capacity.onb.headcount) / a.capacity.onb.onboardingMonths;
  const caps: Record<string, number> = { mql: capIs, opportunity: capAe, won: capOnb };
  const entering = STAGES.map(() => new Map<number, number>());
  for (const [m, v] of leads) entering[0]!.set(monthIndex(m), v);
  for (let i = first; i <= last; i++) {
    // Stage by stage within the month: what arrives is capped by the receiving role's capacity.
    STEPS.forEach((step, k) => {
      const volume = entering[k]!.get(i) ?? 0;
      a.lags[step].forEach((p, lag) => {
        const into = entering[k + 1]!;
        into.set(i + lag, (into.get(i + lag) ?? 0) + volume * clampRate(a.rates[step]) * p);
      });
      const next = STAGES[k + 1]!;
      const cap = caps[next];
      if (cap !== undefined) {
        const arrived = entering[k + 1]!.get(i) ?? 0;
        entering[k + 1]!.set(i, Math.min(arrived, cap));
      }
    });
  }
  const wins = entering[STAGES.length - 1]!;
  return months.reduce((s, m) => s + (wins.get(monthIndex(m)) ?? 0), 0) * a.mrrPerWin;
}

/** The assumptions with one lever pulled by `fraction` (0.1 = +10 %). */
export function pull(a: Assumptions, lever: LeverKey, fraction: number): Assumptions {
  const b: Assumptions = structuredClone(a);
  switch (lever) {
    case 'leads':
      b.leadsPerMonth *= 1 + fraction;
      break;
    case 'mrr_per_win':
      b.mrrPerWin *= 1 + fraction;
      break;
    case 'cycle_time':
      for (const s of STEPS) b.lags[s] = shorterLags(b.lags[s], fraction);
      break;
    case 'is_capacity':
      b.capacity.is.slotsPerWeek *= 1 + fraction;
      break;
    case 'ae_capacity':
      b.capacity.ae.maxOpenOpportunities *= 1 + fraction;
      break;
    case 'onb_capacity':
      b.capacity.onb.maxAccounts *= 1 + fraction;
      break;
    default:
      b.rates[lever] = clampRate(b.rates[lever] * (1 + fraction));
  }
  return b;
}

export const LEVERS: LeverKey[] = [
  'leads',
  'lead_to_mql',
  'mql_to_sql',
  'sql_to_opportunity',
  'opportunity_to_won',
  'mrr_per_win',
  'cycle_time',
  'is_capacity',
  'ae_capacity',
  'onb_capacity',
];

/** 因数分解: the New MRR effect of pulling each lever by `fraction`, largest first. */
export function rankLevers(
  months: Month[],
  a: Assumptions,
  fraction = 0.1,
): { baseline: number; levers: LeverEffect[] } {
  const baseline = constrainedNewMrr(months, a);
  const levers = LEVERS.map((lever) => {
    const newMrr = constrainedNewMrr(months, pull(a, lever, fraction));
    return {
      lever,
      newMrr,
      change: newMrr - baseline,
      changeRatio: baseline > 0 ? (newMrr - baseline) / baseline : 0,
    };
  }).sort((x, y) => y.change - x.change || x.lever.localeCompare(y.lever));
  return { baseline, levers };
}
