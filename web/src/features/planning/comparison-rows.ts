import type { TFunction } from 'i18next';
import { ROLES, type Role, type Scenario, type ScenarioComparison, STAGES, STEPS } from './api.ts';
import { ASSUMPTION_FIELDS, flattenOverrides } from './assumption-fields.ts';
import type { PlanFormat } from './plan-format.ts';

type Kind = 'money' | 'rate' | 'volume' | 'count' | 'decimal' | 'months' | 'role' | 'text';

/** One line of the side-by-side comparison and the difference path (in the API's answer) it shows. */
export interface ComparisonRow {
  key: string;
  section: 'target' | 'assumptions' | 'outcome';
  /** The path in the section's differences; a prefix match also counts (`overrides`). */
  diffPath: string;
  kind: Kind;
  label: (t: TFunction) => string;
  get: (s: Scenario) => number | string | null;
}

const meanLag = (pmf: number[]) => pmf.reduce((s, p, i) => s + p * i, 0);

export const COMPARISON_ROWS: ComparisonRow[] = [
  {
    key: 'period',
    section: 'target',
    diffPath: '',
    kind: 'text',
    label: (t) => t('planning.target.period'),
    get: (s) => s.period,
  },
  {
    key: 'newMrr',
    section: 'target',
    diffPath: 'newMrr',
    kind: 'money',
    label: (t) => t('planning.target.newMrr'),
    get: (s) => s.target.newMrr,
  },
  {
    key: 'window',
    section: 'target',
    diffPath: 'windowMonths',
    kind: 'count',
    label: (t) => t('planning.target.window'),
    get: (s) => s.target.windowMonths,
  },
  {
    key: 'overrides',
    section: 'target',
    diffPath: 'overrides',
    kind: 'text',
    label: (t) => t('planning.compare.overrides'),
    get: () => null,
  },
  ...ASSUMPTION_FIELDS.map(
    (f): ComparisonRow => ({
      key: f.path,
      section: 'assumptions',
      diffPath: f.path,
      kind:
        f.kind === 'rate' ? 'rate' : f.kind === 'money' ? 'money' : f.kind === 'count' ? 'count' : 'decimal',
      label: (t) => t(`planning.fields.${f.path}`),
      get: (s) => f.get(s.assumptions),
    }),
  ),
  ...STEPS.map(
    (step, k): ComparisonRow => ({
      key: `lags.${step}`,
      section: 'assumptions',
      diffPath: `lags.${step}`,
      kind: 'months',
      label: (t) =>
        t('planning.compare.lag', {
          from: t(`planning.stages.${STAGES[k]!}`),
          to: t(`planning.stages.${STAGES[k + 1]!}`),
        }),
      get: (s) => meanLag(s.assumptions.lags[step]),
    }),
  ),
  ...[...STAGES].reverse().map(
    (stage): ComparisonRow => ({
      key: `totals.${stage}`,
      section: 'outcome',
      diffPath: `totals.${stage}`,
      kind: 'volume',
      label: (t) => t('planning.compare.total', { stage: t(`planning.stages.${stage}`) }),
      get: (s) => s.outcome.totals[stage],
    }),
  ),
  {
    key: 'binding',
    section: 'outcome',
    diffPath: 'binding',
    kind: 'role',
    label: (t) => t('planning.scenarios.binding'),
    get: (s) => s.outcome.binding,
  },
  ...ROLES.map(
    (role: Role): ComparisonRow => ({
      key: `maxGap.${role}`,
      section: 'outcome',
      diffPath: `maxGap.${role}`,
      kind: 'count',
      label: (t) => t('planning.compare.gap', { role: t(`planning.roles.${role}`) }),
      get: (s) => s.outcome.maxGap[role],
    }),
  ),
  {
    key: 'hit',
    section: 'outcome',
    diffPath: 'probabilityOfHit',
    kind: 'rate',
    label: (t) => t('planning.scenarios.probability'),
    get: (s) => s.outcome.probabilityOfHit,
  },
  ...(['p10', 'p50', 'p90'] as const).map(
    (k): ComparisonRow => ({
      key: k,
      section: 'outcome',
      diffPath: k,
      kind: 'money',
      label: (t) => t(`planning.probability.${k}`),
      get: (s) => s.outcome[k],
    }),
  ),
];

/** Whether scenario `index` differs from the first on this row, by the API's differences. */
export function differs(row: ComparisonRow, comparison: ScenarioComparison, index: number): boolean {
  if (index === 0) return false;
  const s = comparison.scenarios[index]!;
  if (row.key === 'period') return s.period !== comparison.scenarios[0]!.period;
  const diff = comparison.differences.find((d) => d.id === s.id);
  if (!diff) return false;
  return diff[row.section].some((d) => d.path === row.diffPath || d.path.startsWith(`${row.diffPath}.`));
}

/** A cell's text, and for a differing number its change against the first scenario. */
export function cellText(
  row: ComparisonRow,
  s: Scenario,
  base: Scenario,
  fmt: PlanFormat,
  t: TFunction,
): { value: string; delta: string | null } {
  if (row.key === 'overrides') {
    const paths = Object.keys(flattenOverrides(s.target.overrides));
    return {
      value: paths.length
        ? paths
            .map((p) => {
              const field = ASSUMPTION_FIELDS.find((f) => f.path === p);
              return field ? t(`planning.fields.${field.path}`) : p;
            })
            .join(t('planning.compare.listSeparator'))
        : t('planning.compare.noOverrides'),
      delta: null,
    };
  }
  const v = row.get(s);
  if (v === null) return { value: t('common.none'), delta: null };
  if (typeof v === 'string')
    return { value: row.kind === 'role' ? t(`planning.roles.${v as Role}`) : v, delta: null };
  const b = row.get(base);
  const d = typeof b === 'number' ? v - b : null;
  const show = (n: number): string => {
    switch (row.kind) {
      case 'money':
        return fmt.money(n);
      case 'rate':
        return fmt.percent(n);
      case 'months':
        return t('planning.compare.months', { value: fmt.decimal(n) });
      case 'count':
        return fmt.number(n);
      default:
        return fmt.volume(n);
    }
  };
  const delta =
    d === null || Math.abs(d) < 1e-9
      ? null
      : row.kind === 'money'
        ? fmt.signedMoney(d)
        : row.kind === 'rate'
          ? t('planning.compare.points', { value: fmt.signed(Math.round(d * 1000) / 10) })
          : fmt.signed(Math.round(d * 10) / 10);
  return { value: show(v), delta };
}
