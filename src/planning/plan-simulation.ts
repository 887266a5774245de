import type { Month } from '../platform/fiscal-calendar.ts';
import { monthIndex } from '../platform/fiscal-calendar.ts';
import { Rng } from '../platform/random.ts';
import { type Assumptions, STEPS } from './assumptions.ts';
import { steadyLeads } from './funnel-model.ts';
import { binomial, multinomial, normal, poisson, quantile } from './sampling.ts';

export interface PlanSimulation {
  runs: number;
  seed: number;
  target: number;
  probabilityOfHit: number;
  mean: number;
  p10: number;
  p50: number;
  p90: number;
  /** The distribution of New MRR over the runs: equal-width bins from the lowest to the highest. */
  histogram: HistogramBin[];
}

/** Runs whose New MRR fell in [from, to) (the last bin includes its upper edge). */
export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

const HISTOGRAM_BINS = 30;

/** Equal-width bins over sorted values; every value lands in exactly one bin. */
export function histogram(sorted: number[], bins = HISTOGRAM_BINS): HistogramBin[] {
  if (sorted.length === 0) return [];
  const lo = sorted[0]!;
  const hi = sorted[sorted.length - 1]!;
  // Every run gave the same New MRR (a fixed deal size and no spread): one bin holds them all.
  if (hi === lo) return [{ from: lo, to: hi, count: sorted.length }];
  const width = (hi - lo) / bins;
  const out = Array.from({ length: bins }, (_, i) => ({
    from: lo + i * width,
    to: i === bins - 1 ? hi : lo + (i + 1) * width,
    count: 0,
  }));
  for (const v of sorted) out[Math.min(bins - 1, Math.floor((v - lo) / width))]!.count++;
  return out;
}

/**
 * The probability of plan: each run draws the month's leads (Poisson around today's
 * supply), then at each step a binomial conversion and a lag for every converted item
 * (multinomial over the measured lag distribution), and a deal size per win. New MRR is
 * what lands inside the target months. Seeded: the same seed gives the same answer.
 */
export function simulatePlan(
  months: Month[],
  target: number,
  a: Assumptions,
  options: { runs?: number; seed?: number } = {},
): PlanSimulation {
  const runs = options.runs ?? 10_000;
  const seed = options.seed ?? 1;
  const rng = new Rng(seed);
  const leadMonths = [...steadyLeads(months, a).keys()].map(monthIndex);
  const first = monthIndex(months[0]!);
  const last = monthIndex(months[months.length - 1]!);
  const sigma = a.mrrPerWinSigma;
  // Log-normal with the given mean: median = mean × exp(-σ²/2).
  const median = a.mrrPerWin * Math.exp((-sigma * sigma) / 2);
  const results = new Float64Array(runs);
  const horizon = last - leadMonths[0]! + 1;
  const stageCounts = STEPS.map(() => new Float64Array(horizon + 40));
  for (let r = 0; r < runs; r++) {
    for (const counts of stageCounts) counts.fill(0);
    for (const m of leadMonths) stageCounts[0]![m - leadMonths[0]!] = poisson(rng, a.leadsPerMonth);
    let newMrr = 0;
    STEPS.forEach((step, k) => {
      const from = stageCounts[k]!;
      for (let i = 0; i < horizon; i++) {
        const n = from[i]!;
        if (n === 0) continue;
        const converted = binomial(rng, n, a.rates[step]);
        if (converted === 0) continue;
        const byLag = multinomial(rng, converted, a.lags[step]);
        byLag.forEach((count, lag) => {
          if (count === 0 || i + lag >= horizon) return;
          if (k + 1 < STEPS.length) {
            stageCounts[k + 1]![i + lag]! += count;
          } else if (leadMonths[0]! + i + lag >= first) {
            // Won inside the target months.
            newMrr += sigma === 0 ? count * a.mrrPerWin : dealSizes(rng, count, median, sigma);
          }
        });
      }
    });
    results[r] = newMrr;
  }
  const sorted = Array.from(results).sort((x, y) => x - y);
  const hits = sorted.filter((v) => v >= target).length;
  return {
    runs,
    seed,
    target,
    probabilityOfHit: hits / runs,
    mean: sorted.reduce((s, v) => s + v, 0) / runs,
    p10: quantile(sorted, 0.1),
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    histogram: histogram(sorted),
  };
}

/**
 * The total MRR of `count` log-normal deals. Above 30 deals the sum is drawn from its
 * normal limit (same mean and variance), which keeps 10,000 runs well under a second.
 */
function dealSizes(rng: Rng, count: number, median: number, sigma: number): number {
  if (count > 30) {
    const mean = median * Math.exp((sigma * sigma) / 2);
    const sd = mean * Math.sqrt(Math.exp(sigma * sigma) - 1);
    return Math.max(0, count * mean + Math.sqrt(count) * sd * normal(rng));
  }
  let sum = 0;
  for (let i = 0; i < count; i++) sum += median * Math.exp(sigma * normal(rng));
  return sum;
}
