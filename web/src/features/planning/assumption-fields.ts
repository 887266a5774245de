import { type Assumptions, type Overrides, STEPS, type Step } from './api.ts';

/** How an assumption is entered and shown: rates as percentages, money in yen, counts whole. */
export type FieldKind = 'rate' | 'money' | 'count' | 'decimal';

export type FieldPath =
  | `rates.${Step}`
  | 'mrrPerWin'
  | 'leadsPerMonth'
  | `capacity.is.${'headcount' | 'slotsPerWeek'}`
  | `capacity.ae.${'headcount' | 'maxOpenOpportunities'}`
  | `capacity.onb.${'headcount' | 'maxAccounts'}`;

/** An overridable assumption, named by its path in the API's `overrides` (`rates.mql_to_sql`). */
export interface AssumptionField {
  path: FieldPath;
  group: 'rates' | 'deal' | 'capacity';
  kind: FieldKind;
  get: (a: Assumptions) => number;
}

export const ASSUMPTION_FIELDS: AssumptionField[] = [
  ...STEPS.map(
    (step): AssumptionField => ({
      path: `rates.${step}`,
      group: 'rates',
      kind: 'rate',
      get: (a) => a.rates[step],
    }),
  ),
  { path: 'mrrPerWin', group: 'deal', kind: 'money', get: (a) => a.mrrPerWin },
  { path: 'leadsPerMonth', group: 'deal', kind: 'decimal', get: (a) => a.leadsPerMonth },
  { path: 'capacity.is.headcount', group: 'capacity', kind: 'count', get: (a) => a.capacity.is.headcount },
  {
    path: 'capacity.is.slotsPerWeek',
    group: 'capacity',
    kind: 'decimal',
    get: (a) => a.capacity.is.slotsPerWeek,
  },
  { path: 'capacity.ae.headcount', group: 'capacity', kind: 'count', get: (a) => a.capacity.ae.headcount },
  {
    path: 'capacity.ae.maxOpenOpportunities',
    group: 'capacity',
    kind: 'decimal',
    get: (a) => a.capacity.ae.maxOpenOpportunities,
  },
  { path: 'capacity.onb.headcount', group: 'capacity', kind: 'count', get: (a) => a.capacity.onb.headcount },
  {
    path: 'capacity.onb.maxAccounts',
    group: 'capacity',
    kind: 'decimal',
    get: (a) => a.capacity.onb.maxAccounts,
  },
];

/** The planner's overrides, flat by path; a rate is kept as the fraction the API takes. */
export type FlatOverrides = Record<string, number>;

/** Flat paths → the nested `overrides` object of the API. */
export function toOverrides(flat: FlatOverrides): Overrides {
  const out: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(flat)) {
    const keys = path.split('.');
    let node = out;
    keys.slice(0, -1).forEach((k) => {
      node[k] ??= {};
      node = node[k] as Record<string, unknown>;
    });
    node[keys[keys.length - 1]!] = value;
  }
  return out as Overrides;
}

/** The nested overrides of a saved scenario → flat paths, to reload it into the planner. */
export function flattenOverrides(overrides: unknown, prefix = ''): FlatOverrides {
  if (typeof overrides === 'number') return { [prefix]: overrides };
  if (!overrides || typeof overrides !== 'object') return {};
  return Object.assign(
    {},
    ...Object.entries(overrides).map(([k, v]) => flattenOverrides(v, prefix ? `${prefix}.${k}` : k)),
  );
}

/**
 * The assumption an API error path names: `overrides.rates.mql_to_sql` is that rate,
 * `capacity.ae` (a role's capacity) is the first field of that role.
 */
export function fieldOfErrorPath(path: string): AssumptionField | undefined {
  const bare = path.replace(/^(body\.)?overrides\./, '');
  return (
    ASSUMPTION_FIELDS.find((f) => f.path === bare) ??
    ASSUMPTION_FIELDS.find((f) => f.path.startsWith(`${bare}.`) && !f.path.endsWith('headcount')) ??
    ASSUMPTION_FIELDS.find((f) => bare.startsWith(`${f.path}.`))
  );
}
