/** What the KPI tree is computed from, for one period. Null: the data does not hold it yet. */
export interface KpiInputs {
  leads: number;
  mqls: number;
  sqls: number;
  wins: number;
  newMrr: number;
  expansionMrr: number | null;
  contractionMrr: number | null;
  churnMrr: number | null;
}

export interface KpiNode {
  key: string;
  /** How the node is computed from the data or its children. */
  formula: string;
  value: number | null;
  previous: number | null;
  change: number | null;
  /** The node's share of the change in revenue (New MRR for the funnel factors, net new MRR for the CS movements). */
  contribution: number | null;
  /** Why a value is null, when it is. */
  reason?: string;
  children?: KpiNode[];
}

const FACTORS = ['leads', 'rLeadToMql', 'rMqlToSql', 'rSqlToWon', 'mrrPerWin'] as const;
type Factor = (typeof FACTORS)[number];

/** New MRR's factors: Leads × r(lead→MQL) × r(MQL→SQL) × r(SQL→won) × MRR per win (their product is New MRR). */
export function factorsOf(k: KpiInputs): Record<Factor, number> {
  const r = (a: number, b: number) => (b > 0 ? a / b : 0);
  return {
    leads: k.leads,
    rLeadToMql: r(k.mqls, k.leads),
    rMqlToSql: r(k.sqls, k.mqls),
    rSqlToWon: r(k.wins, k.sqls),
    mrrPerWin: r(k.newMrr, k.wins),
  };
}

const logMean = (a: number, b: number) => (a === b ? a : (a - b) / (Math.log(a) - Math.log(b)));

/**
 * Splits the change of a product Y = Πxᵢ into one contribution per factor that add up
 * to ΔY exactly. With every factor positive in both periods: the logarithmic (LMDI)
 * decomposition Cᵢ = L(Y₁, Y₀)·ln(xᵢ₁/xᵢ₀), order-free. Otherwise (a zero somewhere, where
 * logarithms do not exist): sequential substitution in the tree's order, factor i
 * switching from previous to current after factors 1…i−1.
 */
export function decomposeProduct(
  current: number[],
  previous: number[],
): { method: 'log' | 'sequential'; parts: number[] } {
  const prod = (xs: number[]) => xs.reduce((p, x) => p * x, 1);
  const y1 = prod(current);
  const y0 = prod(previous);
  if ([...current, ...previous].every((x) => x > 0)) {
    const l = logMean(y1, y0);
    return { method: 'log', parts: current.map((x, i) => l * Math.log(x / previous[i]!)) };
  }
  const parts: number[] = [];
  for (let i = 0; i < current.length; i++) {
    const before = prod([...current.slice(0, i), ...previous.slice(i)]);
    const after = prod([...current.slice(0, i + 1), ...previous.slice(i + 1)]);
    parts.push(after - before);
  }
  return { method: 'sequential', parts };
}

const round = (x: number | null, digits = 4) =>
  x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits;

function node(
  key: string,
  formula: string,
  value: number | null,
  previous: number | null,
  contribution: number | null,
  extra: Partial<KpiNode> = {},
): KpiNode {
  const change = value !== null && previous !== null ? value - previous : null;
  return {
    key,
    formula,
    value: round(value),
    previous: round(previous),
    change: round(change),
    contribution: round(contribution, 2),
    ...extra,
  };
}

const FORMULAS: Record<Factor, string> = {
  leads: 'records entering the lead stage in the period',
  rLeadToMql: 'MQLs ÷ leads (in-flows of the period)',
  rMqlToSql: 'SQLs ÷ MQLs (in-flows of the period)',
  rSqlToWon: 'new-business wins ÷ SQLs',
  mrrPerWin: 'New MRR ÷ wins',
};

const MISSING =
  'not recorded at this grain: MRR movements are kept per month, fiscal quarter and fiscal year, not per day or week';

/** The KPI tree of a period against the previous one (pure). */
export function buildKpiTree(current: KpiInputs, previous: KpiInputs): { method: string; root: KpiNode } {
  const f1 = factorsOf(current);
  const f0 = factorsOf(previous);
  const { method, parts } = decomposeProduct(
    FACTORS.map((f) => f1[f]),
    FACTORS.map((f) => f0[f]),
  );
  const factorNodes = FACTORS.map((f, i) => node(f, FORMULAS[f], f1[f], f0[f], parts[i] ?? 0));
  const newMrr = node(
    'newMrr',
    'leads × rLeadToMql × rMqlToSql × rSqlToWon × mrrPerWin',
    current.newMrr,
    previous.newMrr,
    current.newMrr - previous.newMrr,
    {
      children: factorNodes,
    },
  );
  const cs = (key: 'expansionMrr' | 'contractionMrr' | 'churnMrr', sign: number, formula: string) => {
    const v = current[key];
    const p = previous[key];
    return node(
      key,
      formula,
      v,
      p,
      v !== null && p !== null ? sign * (v - p) : null,
      v === null ? { reason: MISSING } : {},
    );
  };
  const expansion = cs('expansionMrr', 1, 'MRR added to existing subscriptions');
  const contraction = cs('contractionMrr', -1, 'MRR removed from continuing subscriptions');
  const churn = cs('churnMrr', -1, 'MRR of subscriptions that ended as churned in the period');
  const net = (k: KpiInputs) =>
    k.expansionMrr === null || k.contractionMrr === null || k.churnMrr === null
      ? null
      : k.newMrr + k.expansionMrr - k.contractionMrr - k.churnMrr;
  const root = node(
    'netNewMrr',
    'newMrr + expansionMrr − contractionMrr − churnMrr',
    net(current),
    net(previous),
    null,
    {
      children: [newMrr, expansion, contraction, churn],
      ...(net(current) === null ? { reason: 'a CS movement is not recorded yet; see its node' } : {}),
    },
  );
  if (root.change !== null) root.contribution = root.change;
  return { method, root };
}
