import type { RequestContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { getWorkspace, type WorkspaceRow } from './store.ts';

/** The acting workspace's settings (time zone, fiscal-year start, currency, org model). */
export async function currentWorkspace(ctx: RequestContext): Promise<WorkspaceRow> {
  const ws = await getWorkspace(ctx.db, ctx.workspaceId);
  if (!ws) throw notFound('Workspace', ctx.workspaceId);
  return ws;
}
