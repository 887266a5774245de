/** An opportunity as the forecast reads it (open ones close in the period; won ones closed in it). */
export interface ForecastRow {
  ownerUserId: string | null;
  teamId: string | null;
  phase: string;
  amountMrr: number;
  probability: number | null;
  forecastCategory: string | null;
}

export interface QuotaRow {
  ownerUserId: string | null;
  teamId: string | null;
  amountMrr: number;
}

/**
 * One line of the forecast, in MRR (minor unit). Buckets do not overlap: `commit`,
 * `bestCase` and `pipeline` are open opportunities by forecast category; `closed` is won
 * in the period. `weighted` = closed + Σ open × probability. Coverage = open pipeline /
 * remaining quota (null when nothing remains).
 */
export interface ForecastLine {
  closed: number;
  commit: number;
  bestCase: number;
  pipeline: number;
  openPipeline: number;
  /** closed + commit: what the owner commits to. */
  forecastCommit: number;
  /** closed + commit + best case. */
  forecastBestCase: number;
  weighted: number;
  quota: number | null;
  remainingQuota: number | null;
  coverage: number | null;
  openCount: number;
  wonCount: number;
}

export function forecastLine(rows: ForecastRow[], quota: number | null): ForecastLine {
  let closed = 0;
  let commit = 0;
  let bestCase = 0;
  let pipeline = 0;
  let weightedOpen = 0;
  let openCount = 0;
  let wonCount = 0;
  for (const r of rows) {
    if (r.phase === 'won') {
      closed += r.amountMrr;
      wonCount++;
      continue;
    }
    if (r.phase === 'lost' || r.forecastCategory === 'omitted') continue;
    openCount++;
    if (r.forecastCategory === 'commit') commit += r.amountMrr;
    else if (r.forecastCategory === 'best_case') bestCase += r.amountMrr;
    else pipeline += r.amountMrr;
    weightedOpen += r.amountMrr * (r.probability ?? 0);
  }
  const openPipeline = commit + bestCase + pipeline;
  const remainingQuota = quota === null ? null : Math.max(0, quota - closed);
  return {
    closed,
    commit,
    bestCase,
    pipeline,
    openPipeline,
    forecastCommit: closed + commit,
    forecastBestCase: closed + commit + bestCase,
    weighted: closed + Math.round(weightedOpen / 100),
    quota,
    remainingQuota,
    coverage: remainingQuota ? Math.round((openPipeline / remainingQuota) * 100) / 100 : null,
    openCount,
    wonCount,
  };
}

function sumQuota(quotas: QuotaRow[]): number | null {
  return quotas.length ? quotas.reduce((s, q) => s + q.amountMrr, 0) : null;
}

/**
 * The forecast of a period for the whole workspace, per owner and per team/POD. A team's
 * quota is its own quota row, else the sum of its owners' quotas; the total is the sum of
 * owner quotas, else of team quotas.
 */
export function buildForecast(rows: ForecastRow[], quotas: QuotaRow[]) {
  const ownerQuotas = quotas.filter((q) => q.ownerUserId);
  const teamQuotas = quotas.filter((q) => q.teamId && !q.ownerUserId);
  const owners = new Set([...rows.map((r) => r.ownerUserId), ...ownerQuotas.map((q) => q.ownerUserId)]);
  const teamsOf = new Map<string | null, Set<string | null>>();
  for (const r of rows) {
    if (!teamsOf.has(r.teamId)) teamsOf.set(r.teamId, new Set());
    teamsOf.get(r.teamId)!.add(r.ownerUserId);
  }
  for (const q of teamQuotas) if (!teamsOf.has(q.teamId)) teamsOf.set(q.teamId, new Set());
  return {
    total: forecastLine(rows, sumQuota(ownerQuotas) ?? sumQuota(teamQuotas)),
    byOwner: [...owners].map((ownerUserId) => ({
      ownerUserId,
      ...forecastLine(
        rows.filter((r) => r.ownerUserId === ownerUserId),
        sumQuota(ownerQuotas.filter((q) => q.ownerUserId === ownerUserId)),
      ),
    })),
    byTeam: [...teamsOf].map(([teamId, members]) => ({
      teamId,
      ...forecastLine(
        rows.filter((r) => r.teamId === teamId),
        sumQuota(teamQuotas.filter((q) => q.teamId === teamId)) ??
          sumQuota(ownerQuotas.filter((q) => members.has(q.ownerUserId))),
      ),
    })),
  };
}
