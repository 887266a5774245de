import { seedDefaultStages } from '../lifecycle/seed-stages.ts';
import { appendAudit } from '../platform/audit/store.ts';
import { type RequestContext, systemContext } from '../platform/context.ts';
import type { Db } from '../platform/db/open-database.ts';
import { newId } from '../platform/ids.ts';
import { inTransaction } from '../platform/transaction.ts';
import { hashPassword } from './passwords.ts';
import { insertWorkspace, replaceMemberships, usersStore, type WorkspaceRow } from './store.ts';
import { type WorkspaceSettings, workspaceSettingsSchema } from './workspaces.ts';

export interface FirstAdmin {
  email: string;
  displayName: string;
  password: string;
}

/**
 * Creates a workspace with its first admin and default stage definitions in one
 * transaction. A seeded run (the demo) passes its clock and numbered ids, so the
 * workspace starts where its simulated history does.
 */
export async function createWorkspace(
  db: Db,
  settings: WorkspaceSettings,
  admin: FirstAdmin,
  options: Pick<RequestContext, 'ids'> & Partial<Pick<RequestContext, 'now'>> = {},
): Promise<{ workspace: WorkspaceRow; adminUserId: string }> {
  const values = workspaceSettingsSchema.parse(settings);
  const passwordHash = await hashPassword(admin.password);
  const id = newId(options);
  const base = systemContext(db, id, 'cli');
  return inTransaction({ ...base, ...options }, async (ctx) => {
    const workspace = await insertWorkspace(ctx.db, {
      id,
      ...values,
      createdAt: ctx.now(),
      updatedAt: ctx.now(),
    });
    const user = await usersStore.insert(ctx, {
      id: newId(ctx),
      email: admin.email,
      displayName: admin.displayName,
      passwordHash,
    });
    await replaceMemberships(ctx, user.id, [{ id: newId(ctx), role: 'admin', teamId: null, capacity: null }]);
    await appendAudit(ctx, {
      action: 'workspace.create',
      entityType: 'workspace',
      entityId: id,
      after: workspace,
    });
    await seedDefaultStages(ctx);
    return { workspace, adminUserId: user.id };
  });
}
