import type { z } from 'zod';
import { recordScope } from '../platform/access.ts';
import type { RequestContext } from '../platform/context.ts';
import { decodeCursor, encodeCursor } from '../platform/db/cursor.ts';
import { notFound } from '../platform/errors.ts';
import { type BoardFilters, type boardCardsQuerySchema, boardColumns } from './board.ts';
import { boardCards, boardTotals } from './board-store.ts';
import { opportunities } from './schema.ts';

const readScope = (ctx: RequestContext) =>
  recordScope(ctx, 'opportunities', 'read', opportunities.ownerUserId);

/** The board's columns (count, MRR, weighted MRR per phase) over the opportunities the actor may read. */
export async function getPipelineBoard(ctx: RequestContext, filters: BoardFilters) {
  const totals = await boardTotals(ctx, filters, await readScope(ctx));
  return { columns: boardColumns(totals) };
}

/** One page of a phase's cards with account and owner names, in the asked order (default: soonest close date). */
export async function listBoardCards(ctx: RequestContext, query: z.infer<typeof boardCardsQuerySchema>) {
  const { limit, cursor, sort, ...filters } = query;
  const rows = await boardCards(ctx, filters, await readScope(ctx), {
    limit,
    sort,
    after: cursor ? decodeCursor(cursor) : undefined,
  });
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(({ sortKey: _s, ...card }) => card),
    nextCursor: rows.length > limit && last ? encodeCursor([last.sortKey, last.id]) : null,
  };
}

/** One opportunity as a card (account, owner and contact names); 404 when the actor may not read it. */
export async function getBoardCard(ctx: RequestContext, id: string) {
  const [row] = await boardCards(ctx, { id }, await readScope(ctx), { limit: 1 });
  if (!row) throw notFound('Opportunity', id);
  const { sortKey: _s, ...card } = row;
  return card;
}
