import type { Period } from './fiscal-periods.ts';

/** One entry of the subscription change log: from `effectiveOn`, the subscription's MRR is `mrr`. */
export interface MrrChange {
  accountId: string;
  subscriptionId: string;
  /** `YYYY-MM-DD` in the workspace time zone. */
  effectiveOn: string;
  /** Integer yen, ≥ 0; 0 means the subscription no longer bills (churned or ended). */
  mrr: number;
}

/**
 * The MRR bridge of one period (DOMAIN.md 7), in yen:
 * end = start + new + expansion + reactivation − contraction − churn, exactly.
 */
export interface MrrPeriod {
  period: Period;
  start: number;
  new: number;
  expansion: number;
  reactivation: number;
  contraction: number;
  churn: number;
  end: number;
  /** (start − contraction − churn) / start; null when nothing billed at the start. */
  grr: number | null;
  /** (start + expansion − contraction − churn) / start; null when nothing billed at the start. */
  nrr: number | null;
  /** Accounts billing at the start, and those of them billing nothing at the end. */
  logosStart: number;
  logosChurned: number;
  logoChurnRate: number | null;
  logosEnd: number;
  arr: number;
}

type Balances = Map<string, number>;

function accountTotals(subscriptionMrr: Map<string, { accountId: string; mrr: number }>): Balances {
  const totals: Balances = new Map();
  for (const { accountId, mrr } of subscriptionMrr.values())
    totals.set(accountId, (totals.get(accountId) ?? 0) + mrr);
  return totals;
}

interface Snapshot {
  balances: Balances;
  /** Accounts that billed something on any day before the boundary. */
  everBilled: Set<string>;
}

/**
 * Account MRR at each boundary day (the state after every change effective before it),
 * in one sweep over the log in effective order (log order within a day).
 */
function snapshotsAt(changes: readonly MrrChange[], boundaries: readonly string[]): Map<string, Snapshot> {
  const ordered = changes.map((c, i) => ({ c, i }));
  ordered.sort((a, b) =>
    a.c.effectiveOn < b.c.effectiveOn ? -1 : a.c.effectiveOn > b.c.effectiveOn ? 1 : a.i - b.i,
  );
  const days = [...new Set(boundaries)].sort();
  const bySubscription = new Map<string, { accountId: string; mrr: number }>();
  const everBilled = new Set<string>();
  const out = new Map<string, Snapshot>();
  let next = 0;
  for (const day of days) {
    while (next < ordered.length && ordered[next]!.c.effectiveOn < day) {
      // Apply one day's changes together: only the state at the end of a day counts.
      const effectiveOn = ordered[next]!.c.effectiveOn;
      while (next < ordered.length && ordered[next]!.c.effectiveOn === effectiveOn) {
        const { c } = ordered[next]!;
        bySubscription.set(c.subscriptionId, { accountId: c.accountId, mrr: c.mrr });
        next++;
      }
      for (const [account, total] of accountTotals(bySubscription)) if (total > 0) everBilled.add(account);
    }
    out.set(day, { balances: accountTotals(bySubscription), everBilled: new Set(everBilled) });
  }
  return out;
}

const ratio = (numerator: number, denominator: number) => (denominator > 0 ? numerator / denominator : null);

/**
 * MRR movements per period, classified per account by comparing what it billed at the
 * period's start with what it bills at its end (so each account has at most one movement
 * a period and the bridge is exact): nothing → something is new, or reactivation if the
 * account billed before; something → nothing is churn; up is expansion; down contraction.
 * Subscriptions are summed per account first, so a plan change is expansion or
 * contraction, not churn plus new. Pure: the caller passes the log and the periods.
 */
export function computeMrrMovements(changes: readonly MrrChange[], periods: readonly Period[]): MrrPeriod[] {
  for (const c of changes) {
    if (!Number.isSafeInteger(c.mrr) || c.mrr < 0)
      throw new RangeError(`MRR must be a non-negative integer (subscription ${c.subscriptionId})`);
  }
  const snapshots = snapshotsAt(
    changes,
    periods.flatMap((p) => [p.from, p.to]),
  );
  return periods.map((period) => {
    const before = snapshots.get(period.from)!;
    const after = snapshots.get(period.to)!;
    const accounts = new Set([...before.balances.keys(), ...after.balances.keys()]);
    const row = {
      start: 0,
      new: 0,
      expansion: 0,
      reactivation: 0,
      contraction: 0,
      churn: 0,
      end: 0,
      logosStart: 0,
      logosChurned: 0,
      logosEnd: 0,
    };
    for (const account of accounts) {
      const s = before.balances.get(account) ?? 0;
      const e = after.balances.get(account) ?? 0;
      row.start += s;
      row.end += e;
      if (s > 0) row.logosStart++;
      if (e > 0) row.logosEnd++;
      if (s === 0 && e > 0) {
        if (before.everBilled.has(account)) row.reactivation += e;
        else row.new += e;
      } else if (s > 0 && e === 0) {
        row.churn += s;
        row.logosChurned++;
      } else if (e > s) row.expansion += e - s;
      else if (e < s) row.contraction += s - e;
    }
    return {
      period,
      ...row,
      grr: ratio(row.start - row.contraction - row.churn, row.start),
      nrr: ratio(row.start + row.expansion - row.contraction - row.churn, row.start),
      logoChurnRate: ratio(row.logosChurned, row.logosStart),
      arr: row.end * 12,
    };
  });
}

/** Total MRR billing on a day (after the changes effective on or before it). */
export function mrrOn(changes: readonly MrrChange[], day: string): number {
  const latest = new Map<string, { on: string; i: number; mrr: number }>();
  changes.forEach((c, i) => {
    if (c.effectiveOn > day) return;
    const seen = latest.get(c.subscriptionId);
    if (!seen || c.effectiveOn > seen.on || (c.effectiveOn === seen.on && i > seen.i))
      latest.set(c.subscriptionId, { on: c.effectiveOn, i, mrr: c.mrr });
  });
  let total = 0;
  for (const v of latest.values()) total += v.mrr;
  return total;
}
