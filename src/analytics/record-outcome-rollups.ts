import { atCommit } from '../platform/commit-writes.ts';
import type { RequestContext } from '../platform/context.ts';
import { addDealCells, addHandoffCells } from './outcome-store.ts';
import {
  cellDeltas,
  type DealState,
  dealCells,
  dealKey,
  type HandoffState,
  handoffCells,
  handoffKey,
} from './outcomes.ts';
import { workspaceCalendar } from './store.ts';

const isClosed = (d: DealState) => (d.phase === 'won' || d.phase === 'lost') && d.closedAt !== null;

/**
 * Moves the closed-deal rollup with a write to opportunities: `before` the rows as they
 * were (none for an insert), `after` as written (none for a delete). Call in the write's
 * transaction; the counters are added at commit (commit-writes.ts), as the stage rollups are.
 */
export async function recordDealChanges(
  ctx: RequestContext,
  before: DealState[],
  after: DealState[],
): Promise<void> {
  // Most writes touch open deals only: no calendar read, nothing to count.
  if (!before.some(isClosed) && !after.some(isClosed)) return;
  const cal = await workspaceCalendar(ctx);
  const cells = cellDeltas(before, after, (d) => dealCells(d, cal), dealKey);
  if (cells.length > 0) await atCommit(ctx, 'analytics:deals', addDealCells, cells);
}

/** Moves the hand-off outcome rollup with a write to hand-offs (as recordDealChanges). */
export async function recordHandoffChanges(
  ctx: RequestContext,
  before: HandoffState[],
  after: HandoffState[],
): Promise<void> {
  if (before.length === 0 && after.length === 0) return;
  const cal = await workspaceCalendar(ctx);
  const cells = cellDeltas(before, after, (h) => handoffCells(h, cal), handoffKey);
  if (cells.length > 0) await atCommit(ctx, 'analytics:handoffs', addHandoffCells, cells);
}
