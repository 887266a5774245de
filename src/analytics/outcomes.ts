import { type Calendar, localDay } from './periods.ts';

/** What the closed-deal rollup needs of an opportunity. */
export interface DealState {
  type: string;
  phase: string;
  closedAt: Date | null;
  amountMrr: number | null;
}

/** What the hand-off rollup needs of a hand-off. */
export interface HandoffState {
  kind: string;
  status: string;
  dueAt: Date;
  respondedAt: Date | null;
}

/** Closed deals of one local day (of `closed_at`), type and outcome (won / lost): count and MRR. */
export interface DealCell {
  day: string;
  type: string;
  outcome: string;
  n: number;
  mrr: number;
}

/**
 * Hand-offs of one local day and kind by measure: `due` (by due day), `on_time` (answered
 * by the due time, by due day), `accepted` / `rejected` (by the day of the answer).
 */
export interface HandoffCell {
  day: string;
  kind: string;
  measure: string;
  n: number;
}

/** The cells one deal counts in: a won or lost deal with a close time counts once on its close day. */
export function dealCells(d: DealState, cal: Calendar): DealCell[] {
  if ((d.phase !== 'won' && d.phase !== 'lost') || d.closedAt === null) return [];
  return [{ day: localDay(d.closedAt, cal), type: d.type, outcome: d.phase, n: 1, mrr: d.amountMrr ?? 0 }];
}

/** The cells one hand-off counts in (the raw definition is handoffStats in metrics-store.ts). */
export function handoffCells(h: HandoffState, cal: Calendar): HandoffCell[] {
  const dueDay = localDay(h.dueAt, cal);
  const cells: HandoffCell[] = [{ day: dueDay, kind: h.kind, measure: 'due', n: 1 }];
  if (h.respondedAt === null) return cells;
  if (h.respondedAt.getTime() <= h.dueAt.getTime())
    cells.push({ day: dueDay, kind: h.kind, measure: 'on_time', n: 1 });
  if (h.status === 'accepted' || h.status === 'rejected')
    cells.push({ day: localDay(h.respondedAt, cal), kind: h.kind, measure: h.status, n: 1 });
  return cells;
}

/**
 * What a write changes in a rollup: the cells of the rows after it less the cells of the
 * rows before it (a row that did not exist is absent), summed per cell, zeros dropped.
 */
export function cellDeltas<S, C extends { n: number; mrr?: number }>(
  before: S[],
  after: S[],
  cellsOf: (s: S) => C[],
  key: (c: C) => string,
): C[] {
  const merged = new Map<string, C>();
  const add = (c: C, sign: 1 | -1) => {
    const k = key(c);
    const seen = merged.get(k);
    const n = (seen?.n ?? 0) + sign * c.n;
    const mrr = c.mrr === undefined ? undefined : (seen?.mrr ?? 0) + sign * c.mrr;
    merged.set(k, { ...c, n, ...(mrr === undefined ? {} : { mrr }) });
  };
  for (const s of before) for (const c of cellsOf(s)) add(c, -1);
  for (const s of after) for (const c of cellsOf(s)) add(c, 1);
  return [...merged.values()].filter((c) => c.n !== 0 || (c.mrr ?? 0) !== 0);
}

export const dealKey = (c: DealCell) => `${c.type}|${c.outcome}|${c.day}`;
export const handoffKey = (c: HandoffCell) => `${c.day}|${c.kind}|${c.measure}`;

/**
 * The median from the middle one (odd count) or two (even count) values in order, as
 * PostgreSQL's percentile_cont(0.5) interpolates them in float8: lo + 0.5 × (hi − lo).
 */
export function medianOfMiddle(middle: number[]): number | null {
  const [lo, hi] = middle;
  if (lo === undefined) return null;
  return hi === undefined ? lo : lo + 0.5 * (hi - lo);
}
