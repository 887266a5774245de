import type { RequestContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { findWorkspacesOfEmail, getWorkspace, type WorkspaceRow } from './store.ts';

/** The acting workspace's settings (time zone, fiscal-year start, currency, org model). */
export async function currentWorkspace(ctx: RequestContext): Promise<WorkspaceRow> {
  const ws = await getWorkspace(ctx.db, ctx.workspaceId);
  if (!ws) throw notFound('Workspace', ctx.workspaceId);
  return ws;
}

/**
 * The workspaces the signed-in person can switch to: every workspace where their email is
 * an active user. Only names are told; entering one still needs that account's password.
 */
export function workspacesOfEmail(ctx: RequestContext, email: string) {
  return findWorkspacesOfEmail(ctx.db, email);
}
