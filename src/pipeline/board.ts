import { z } from 'zod';
import { OPEN_PHASES, OPPORTUNITY_TYPES, PHASES, type Phase } from './pipeline-settings.ts';

/** What narrows the pipeline board: an owner, a team's owners, a deal type, a search text. */
export const boardFiltersSchema = z.strictObject({
  ownerUserId: z.uuid().optional(),
  teamId: z.uuid().optional(),
  type: z.enum(OPPORTUNITY_TYPES).optional(),
  q: z.string().trim().max(200).optional(),
});
export type BoardFilters = z.infer<typeof boardFiltersSchema>;

/** Card orders: soonest close date, largest MRR, longest in its phase. */
export const CARD_SORTS = ['closeDate', '-amountMrr', 'phaseEnteredAt'] as const;
export type CardSort = (typeof CARD_SORTS)[number];

export const boardCardsQuerySchema = boardFiltersSchema.extend({
  phase: z.enum(PHASES).optional(),
  sort: z.enum(CARD_SORTS).default('closeDate'),
  limit: z.coerce.number().int().min(1).max(200).default(25),
  cursor: z.string().max(500).optional(),
});

/** A column of the board: how many deals, their MRR and their probability-weighted MRR. */
export interface BoardColumn {
  phase: Phase;
  count: number;
  amountMrr: number;
  weighted: number;
}

/**
 * Turns per-phase sums into the board's columns (pure): every open phase in order, then
 * won and lost, zero when nothing matched. Weighted MRR is Σ MRR × probability / 100,
 * rounded once per column as the forecast rounds it.
 */
export function boardColumns(
  totals: { phase: string; count: number; amountMrr: number; amountTimesProbability: number }[],
): BoardColumn[] {
  const by = new Map(totals.map((t) => [t.phase, t]));
  return ([...OPEN_PHASES, 'won', 'lost'] as const).map((phase) => {
    const t = by.get(phase);
    return {
      phase,
      count: t?.count ?? 0,
      amountMrr: t?.amountMrr ?? 0,
      weighted: t ? Math.round(t.amountTimesProbability / 100) : 0,
    };
  });
}
