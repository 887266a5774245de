import { randomUUID } from 'node:crypto';
import { seedDefaultStages } from '../lifecycle/seed-stages.ts';
import { appendAudit } from '../platform/audit/store.ts';
import { type RequestContext, systemContext } from '../platform/context.ts';
import type { Db } from '../platform/db/open-database.ts';
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
 * Creates a workspace with its first admin in one transaction. Hooks let other slices
 * add their per-workspace defaults (stage definitions, scoring rules) in the same one.
 */
export async function createWorkspace(
  db: Db,
  settings: WorkspaceSettings,
  admin: FirstAdmin,
  hooks: ((ctx: RequestContext) => Promise<void>)[] = [],
): Promise<{ workspace: WorkspaceRow; adminUserId: string }> {
  const values = workspaceSettingsSchema.parse(settings);
  const passwordHash = await hashPassword(admin.password);
  const id = randomUUID();
  return inTransaction(systemContext(db, id, 'cli'), async (ctx) => {
    const workspace = await insertWorkspace(ctx.db, { id, ...values });
    const user = await usersStore.insert(ctx, {
      id: randomUUID(),
      email: admin.email,
      displayName: admin.displayName,
      passwordHash,
    });
    await replaceMemberships(ctx, user.id, [
      { id: randomUUID(), role: 'admin', teamId: null, capacity: null },
    ]);
    await appendAudit(ctx, {
      action: 'workspace.create',
      entityType: 'workspace',
      entityId: id,
      after: workspace,
    });
    await seedDefaultStages(ctx);
    for (const hook of hooks) await hook(ctx);
    return { workspace, adminUserId: user.id };
  });
}
