import type { HealthFactor, HealthFactorKey, SuccessConfig } from './success-config.ts';

export type HealthBand = 'red' | 'yellow' | 'green';

/** What health is computed from, for one account over the configured window. */
export interface HealthInputs {
  usageEvents: number;
  activeUsers: number;
  openTickets: number;
  /** NPS answers (0–10) in the last 180 days. */
  npsScores: number[];
  /** CS activities (calls, meetings, emails) with the account in the window. */
  engagements: number;
  /** Days until the next renewal; null when nothing renews. */
  daysToRenewal: number | null;
}

/** One factor's share of a score: what it measured and the points it gave out of its weight. */
export interface FactorContribution {
  key: HealthFactorKey;
  weight: number;
  /** 0…1 */
  fraction: number;
  points: number;
  measured: number | null;
  note: string;
}

export interface HealthResult {
  score: number;
  band: HealthBand;
  /** score − the previous score (null without one). */
  trend: number | null;
  /** Largest losses first: what to fix. */
  factors: FactorContribution[];
  summary: string;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Net Promoter Score of a set of answers: % promoters (9–10) − % detractors (0–6). */
export function netPromoterScore(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  return Math.round(((promoters - detractors) / scores.length) * 100);
}

function measure(f: HealthFactor, x: HealthInputs): Omit<FactorContribution, 'weight' | 'points' | 'key'> {
  switch (f.key) {
    case 'usage_events':
      return {
        fraction: clamp01(x.usageEvents / f.target),
        measured: x.usageEvents,
        note: `${x.usageEvents} usage events (full at ${f.target})`,
      };
    case 'active_users':
      return {
        fraction: clamp01(x.activeUsers / f.target),
        measured: x.activeUsers,
        note: `${x.activeUsers} active users (full at ${f.target})`,
      };
    case 'support_tickets':
      return {
        fraction: clamp01(1 - x.openTickets / f.target),
        measured: x.openTickets,
        note: `${x.openTickets} open support tickets (none at ${f.target})`,
      };
    case 'nps': {
      const nps = netPromoterScore(x.npsScores);
      return nps === null
        ? { fraction: 0.5, measured: null, note: 'no NPS answers: counted as neutral' }
        : {
            fraction: clamp01((nps + 100) / 200),
            measured: nps,
            note: `NPS ${nps} from ${x.npsScores.length} answers`,
          };
    }
    case 'engagement':
      return {
        fraction: clamp01(x.engagements / f.target),
        measured: x.engagements,
        note: `${x.engagements} CS touches (full at ${f.target})`,
      };
    case 'days_to_renewal':
      return x.daysToRenewal === null
        ? { fraction: 1, measured: null, note: 'no renewal date' }
        : {
            fraction: clamp01(x.daysToRenewal / f.target),
            measured: x.daysToRenewal,
            note: `${x.daysToRenewal} days to renewal (full at ${f.target})`,
          };
  }
}

export function bandOf(
  score: number,
  health: Pick<SuccessConfig['health'], 'redMax' | 'yellowMax'>,
): HealthBand {
  if (score <= health.redMax) return 'red';
  if (score <= health.yellowMax) return 'yellow';
  return 'green';
}

/**
 * The health score (0–100) of one account: each factor gives its weight times how far its
 * input reaches the target, the sum is rounded; the band follows the thresholds (default
 * 0–50 red, 51–75 yellow, 76–100 green). Pure; the explanation lists the points lost first.
 */
export function computeHealth(
  health: SuccessConfig['health'],
  inputs: HealthInputs,
  previousScore: number | null = null,
): HealthResult {
  const factors = health.factors.map((f) => {
    const m = measure(f, inputs);
    return { key: f.key, weight: f.weight, ...m, points: Math.round(f.weight * m.fraction * 10) / 10 };
  });
  const score = Math.min(
    100,
    Math.max(0, Math.round(factors.reduce((s, f) => s + f.weight * f.fraction, 0))),
  );
  const band = bandOf(score, health);
  factors.sort((a, b) => b.weight - b.points - (a.weight - a.points));
  const losses = factors.filter((f) => f.weight - f.points >= 1).slice(0, 2);
  const summary =
    losses.length === 0
      ? `${score} (${band}): every factor at or near its target`
      : `${score} (${band}): ${losses.map((f) => `${f.note} −${Math.round(f.weight - f.points)}`).join('; ')}`;
  return { score, band, trend: previousScore === null ? null : score - previousScore, factors, summary };
}

/**
 * Sustained usage growth: each of the last `windows` windows (oldest first in `counts`)
 * grew by at least `minGrowth` over the one before, and the latest has `minEvents` or more.
 */
export function hasSustainedGrowth(counts: readonly number[], growth: SuccessConfig['growth']): boolean {
  if (counts.length < growth.windows + 1) return false;
  const recent = counts.slice(-(growth.windows + 1));
  if (recent.at(-1)! < growth.minEvents) return false;
  for (let i = 1; i < recent.length; i++) {
    const before = recent[i - 1]!;
    if (before <= 0 || recent[i]! < before * (1 + growth.minGrowth)) return false;
  }
  return true;
}
