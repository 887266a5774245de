import { cumulativeStdNormalProbability, mean, standardDeviation } from 'simple-statistics';

/** The kinds of DOMAIN.md 9. */
export type BottleneckKind =
  | 'conversion_drop'
  | 'inventory_buildup'
  | 'capacity_overload'
  | 'supply_shortage'
  | 'sla_breach'
  | 'pipeline_hygiene'
  | 'anomaly';

export interface AffectedItem {
  type: 'person' | 'opportunity' | 'account' | 'handoff' | 'user' | 'stage' | 'day';
  id: string;
}

/** A detected bottleneck: what, who owns it, what it puts at stake, and the numbers that show it. */
export interface Finding {
  kind: BottleneckKind;
  title: string;
  owningRole: string | null;
  stage: string | null;
  /** New MRR per period the plan loses (or holds waiting) while it persists; null when it cannot be valued yet. */
  revenueAtStake: number | null;
  evidence: Record<string, unknown>;
  affected: AffectedItem[];
}

/** Thresholds of the detectors (docs/ANALYTICS.md explains each). */
export const THRESHOLDS = {
  minSample: 30,
  /** One-sided 5 % test: z below −1.645. */
  zCritical: -1.645,
  buildupPeriods: 3,
  buildupGrowth: 1.2,
  controlSigmas: 3,
  anomalyBaselineDays: 28,
  staleDays: 30,
  maxAffected: 20,
} as const;

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
const stake = (units: number, value: number | null) => (value === null ? null : Math.round(units * value));

export interface TransitionCounts {
  stage: string;
  next: string;
  owningRole: string | null;
  current: { forward: number; exits: number };
  baseline: { forward: number; exits: number };
}

/** Two-proportion z statistic of p1 (current) against p0 (baseline), pooled. */
export function twoProportionZ(f1: number, n1: number, f0: number, n0: number): number {
  const p = (f1 + f0) / (n1 + n0);
  const se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n0));
  return se === 0 ? 0 : (f1 / n1 - f0 / n0) / se;
}

/** Conversion drop: a transition's rate significantly below its baseline, both samples large enough. */
export function detectConversionDrops(
  rows: TransitionCounts[],
  stageValue: (stage: string) => number | null,
): Finding[] {
  return rows.flatMap((r) => {
    const { current: c, baseline: b } = r;
    if (c.exits < THRESHOLDS.minSample || b.exits < THRESHOLDS.minSample) return [];
    const z = twoProportionZ(c.forward, c.exits, b.forward, b.exits);
    if (z >= THRESHOLDS.zCritical) return [];
    const p1 = c.forward / c.exits;
    const p0 = b.forward / b.exits;
    return [
      {
        kind: 'conversion_drop' as const,
        title: `${r.stage}→${r.next} conversion fell from ${round(p0 * 100, 1)} % to ${round(p1 * 100, 1)} %`,
        owningRole: r.owningRole,
        stage: r.stage,
        revenueAtStake: stake((p0 - p1) * c.exits, stageValue(r.next)),
        evidence: {
          currentRate: round(p1),
          baselineRate: round(p0),
          current: c,
          baseline: b,
          z: round(z, 3),
          pValue: round(cumulativeStdNormalProbability(z), 5),
        },
        affected: [{ type: 'stage', id: r.stage }],
      },
    ];
  });
}

export interface StageSeries {
  stage: string;
  owningRole: string | null;
  /** Oldest period first. */
  periods: string[];
  balance: number[];
  outflow: number[];
  medianDwellHours: (number | null)[];
  oldest: AffectedItem[];
}

/** Inventory build-up: balance rising period after period (and by ≥ 20 %) while out-flow does not rise. */
export function detectInventoryBuildup(
  series: StageSeries[],
  stageValue: (stage: string) => number | null,
): Finding[] {
  const k = THRESHOLDS.buildupPeriods;
  return series.flatMap((s) => {
    const bal = s.balance.slice(-k);
    const out = s.outflow.slice(-k);
    const dwell = s.medianDwellHours.slice(-k);
    if (bal.length < k) return [];
    const rising = bal.every((b, i) => i === 0 || b > bal[i - 1]!);
    const first = bal[0]!;
    const last = bal[k - 1]!;
    if (!rising || last < first * THRESHOLDS.buildupGrowth || last - first < 5) return [];
    if (out[k - 1]! > out[0]!) return [];
    const d0 = dwell[0];
    const d1 = dwell[k - 1];
    if (d0 !== null && d0 !== undefined && d1 !== null && d1 !== undefined && d1 < d0) return [];
    return [
      {
        kind: 'inventory_buildup' as const,
        title: `${s.stage} is piling up: ${first} → ${last} in ${k} periods while out-flow did not rise`,
        owningRole: s.owningRole,
        stage: s.stage,
        revenueAtStake: stake(last - first, stageValue(s.stage)),
        evidence: { periods: s.periods.slice(-k), balance: bal, outflow: out, medianDwellHours: dwell },
        affected: s.oldest.slice(0, THRESHOLDS.maxAffected),
      },
    ];
  });
}

export interface RoleLoad {
  role: string;
  stage: string;
  /** What arrives or is held, in the capacity's unit (MQLs a week vs IS slots a week; open deals vs AE limit; onboarding accounts vs ONB capacity). */
  demand: number;
  capacity: number | null;
  unit: string;
  members: AffectedItem[];
}

/** Capacity overload: demand on a role above the summed capacity of its members. */
export function detectCapacityOverload(
  loads: RoleLoad[],
  stageValue: (stage: string) => number | null,
): Finding[] {
  return loads.flatMap((l) => {
    if (l.capacity === null || l.demand <= l.capacity) return [];
    const excess = l.demand - l.capacity;
    return [
      {
        kind: 'capacity_overload' as const,
        title: `${l.role} is over capacity: ${round(l.demand, 1)} ${l.unit} against ${l.capacity}`,
        owningRole: l.role,
        stage: l.stage,
        revenueAtStake: stake(excess, stageValue(l.stage)),
        evidence: {
          demand: round(l.demand, 2),
          capacity: l.capacity,
          unit: l.unit,
          utilisation: round(l.demand / l.capacity, 3),
        },
        affected: l.members.slice(0, THRESHOLDS.maxAffected),
      },
    ];
  });
}

/** Supply shortage: MQLs supplied in the period below what the New MRR plan needs at the measured rates. */
export function detectSupplyShortage(input: {
  targetNewMrr: number | null;
  mqls: number;
  mqlToWon: number | null;
  mrrPerWin: number | null;
  period: string;
}): Finding[] {
  const { targetNewMrr, mqlToWon, mrrPerWin } = input;
  if (!targetNewMrr || !mqlToWon || !mrrPerWin) return [];
  const needed = targetNewMrr / mrrPerWin / mqlToWon;
  if (input.mqls >= needed) return [];
  return [
    {
      kind: 'supply_shortage',
      title: `Marketing supplied ${input.mqls} MQLs; the plan needs ${Math.ceil(needed)}`,
      owningRole: 'marketing',
      stage: 'mql',
      revenueAtStake: Math.round((needed - input.mqls) * mqlToWon * mrrPerWin),
      evidence: {
        period: input.period,
        targetNewMrr,
        mqlsNeeded: round(needed, 1),
        mqls: input.mqls,
        mqlToWon: round(mqlToWon),
        mrrPerWin,
      },
      affected: [{ type: 'stage', id: 'mql' }],
    },
  ];
}

export interface OverdueHandoff {
  id: string;
  kind: string;
  toRole: string;
  stage: string;
  hoursOverdue: number;
}

/** SLA breaches: hand-offs past their due time without a response, per kind. */
export function detectSlaBreaches(
  overdue: OverdueHandoff[],
  stageValue: (stage: string) => number | null,
): Finding[] {
  const byKind = new Map<string, OverdueHandoff[]>();
  for (const h of overdue) {
    const list = byKind.get(h.kind);
    if (list) list.push(h);
    else byKind.set(h.kind, [h]);
  }
  return [...byKind].map(([kind, list]) => {
    list.sort((a, b) => b.hoursOverdue - a.hoursOverdue);
    const first = list[0]!;
    return {
      kind: 'sla_breach' as const,
      title: `${list.length} ${kind} hand-offs to ${first.toRole} are past their SLA`,
      owningRole: first.toRole,
      stage: first.stage,
      revenueAtStake: stake(list.length, stageValue(first.stage)),
      evidence: { handoffKind: kind, count: list.length, maxHoursOverdue: round(first.hoursOverdue, 1) },
      affected: list.slice(0, THRESHOLDS.maxAffected).map((h) => ({ type: 'handoff' as const, id: h.id })),
    };
  });
}

export interface OpenDeal {
  id: string;
  amountMrr: number;
  closeDatePassed: boolean;
  daysSinceUpdate: number;
  hasNextStep: boolean;
}

/** Open deals failing one hygiene rule: how many, their MRR, the largest ones. */
export interface HygieneGroup {
  rule: string;
  count: number;
  pipelineMrr: number;
  top: string[];
}

export const HYGIENE_RULES = [
  'close date passed',
  `not updated in ${THRESHOLDS.staleDays} days`,
  'no next step',
] as const;

/** Groups open deals by the hygiene rule they fail (the store does the same in SQL at volume). */
export function groupHygiene(deals: OpenDeal[]): HygieneGroup[] {
  const tests: ((d: OpenDeal) => boolean)[] = [
    (d) => d.closeDatePassed,
    (d) => d.daysSinceUpdate > THRESHOLDS.staleDays,
    (d) => !d.hasNextStep,
  ];
  return HYGIENE_RULES.map((rule, i) => {
    const hit = deals.filter(tests[i]!).sort((a, b) => b.amountMrr - a.amountMrr);
    return {
      rule,
      count: hit.length,
      pipelineMrr: hit.reduce((s, d) => s + d.amountMrr, 0),
      top: hit.slice(0, THRESHOLDS.maxAffected).map((d) => d.id),
    };
  });
}

/** Pipeline hygiene: open deals with a past close date, no update in N days, or no next step. */
export function detectPipelineHygiene(groups: HygieneGroup[], winRate: number | null): Finding[] {
  return groups
    .filter((g) => g.count > 0)
    .map((g) => ({
      kind: 'pipeline_hygiene' as const,
      title: `${g.count} open deals: ${g.rule}`,
      owningRole: 'ae',
      stage: null,
      revenueAtStake: winRate === null ? null : Math.round(g.pipelineMrr * winRate),
      evidence: {
        rule: g.rule,
        deals: g.count,
        pipelineMrr: g.pipelineMrr,
        winRate: winRate === null ? null : round(winRate),
      },
      affected: g.top.map((id) => ({ type: 'opportunity' as const, id })),
    }));
}

export interface DailySeries {
  kpi: string;
  stage: string;
  owningRole: string | null;
  days: string[];
  values: number[];
}

/**
 * KPI anomalies: days of the current window outside the control band (mean ± 3σ of the
 * baseline days before it). High values are reported too: the data should be questioned.
 */
export function detectAnomalies(
  series: DailySeries[],
  currentDays: number,
  stageValue: (stage: string) => number | null,
): Finding[] {
  return series.flatMap((s) => {
    const base = s.values.slice(0, -currentDays).slice(-THRESHOLDS.anomalyBaselineDays);
    if (base.length < 14) return [];
    const mu = mean(base);
    const sigma = standardDeviation(base);
    const lo = mu - THRESHOLDS.controlSigmas * sigma;
    const hi = mu + THRESHOLDS.controlSigmas * sigma;
    const offset = s.values.length - currentDays;
    const out = s.values
      .slice(offset)
      .map((v, i) => ({ day: s.days[offset + i]!, v }))
      .filter(({ v }) => sigma > 0 && (v < lo || v > hi));
    if (out.length === 0) return [];
    const shortfall = out.reduce((sum, { v }) => sum + Math.max(0, mu - v), 0);
    return [
      {
        kind: 'anomaly' as const,
        title: `${s.kpi} outside its control band on ${out.length} day(s)`,
        owningRole: s.owningRole,
        stage: s.stage,
        revenueAtStake: stake(shortfall, stageValue(s.stage)),
        evidence: {
          mean: round(mu, 2),
          sigma: round(sigma, 2),
          band: [round(lo, 2), round(hi, 2)],
          outliers: out,
          // The baseline and current days with their values, so a reader can see the band's context.
          series: { days: s.days.slice(offset - base.length), values: s.values.slice(offset - base.length) },
        },
        affected: out.slice(0, THRESHOLDS.maxAffected).map(({ day }) => ({ type: 'day' as const, id: day })),
      },
    ];
  });
}

/** Ranks by revenue at stake (unvalued last), then by kind order of the chain. */
export function rankFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => (b.revenueAtStake ?? -1) - (a.revenueAtStake ?? -1));
}
