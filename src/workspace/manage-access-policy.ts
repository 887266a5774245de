import { assertCan, forgetPolicy } from '../platform/access.ts';
import {
  type AccessPolicy,
  type AccessSettings,
  accessSettingsSchema,
  resolvePolicy,
} from '../platform/access-policy.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { forgetMemo } from '../platform/transaction-memo.ts';
import { getWorkspace, updateWorkspaceSettings } from './store.ts';

export interface AccessPolicyView {
  /** What the workspace changed from the defaults. */
  overrides: AccessSettings;
  /** The policy in force: defaults with the overrides applied. */
  effective: AccessPolicy;
}

function overridesOf(settings: unknown): AccessSettings {
  const parsed = accessSettingsSchema.safeParse((settings as { access?: unknown } | null)?.access ?? {});
  return parsed.success ? parsed.data : { roles: {} };
}

export async function getAccessPolicy(ctx: RequestContext): Promise<AccessPolicyView> {
  await assertCan(ctx, 'settings', 'read');
  const ws = await getWorkspace(ctx.db, ctx.workspaceId);
  if (!ws) throw notFound('Workspace', ctx.workspaceId);
  const overrides = overridesOf(ws.settings);
  return { overrides, effective: resolvePolicy(overrides) };
}

/** Replaces the workspace's overrides; audited with before and after. */
export async function setAccessPolicy(ctx: RequestContext, input: AccessSettings): Promise<AccessPolicyView> {
  await assertCan(ctx, 'settings', 'write', 'all');
  const overrides = accessSettingsSchema.parse(input);
  const view = await inTransaction(ctx, async (tx) => {
    const ws = await getWorkspace(tx.db, tx.workspaceId);
    if (!ws) throw notFound('Workspace', tx.workspaceId);
    const before = overridesOf(ws.settings);
    const settings = { ...(ws.settings as Record<string, unknown>), access: overrides };
    forgetMemo(tx);
    await updateWorkspaceSettings(tx.db, tx.workspaceId, settings, tx.now());
    await appendAudit(tx, {
      action: 'workspace.access_policy',
      entityType: 'workspace',
      entityId: tx.workspaceId,
      before,
      after: overrides,
    });
    return { overrides, effective: resolvePolicy(overrides) };
  });
  forgetPolicy(ctx);
  return view;
}
