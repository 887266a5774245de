import { z } from 'zod';
import { assertRole } from '../platform/access.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { staleVersion } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { ORG_MODELS } from '../workspace/workspaces.ts';
import { floorSettingsSchema, readFloorSettings } from './floor-settings.ts';
import { getWorkspaceConfig, updateWorkspaceConfig } from './store.ts';

export const setOrgModelSchema = z.strictObject({
  version: z.int().positive(),
  orgModel: z.enum(ORG_MODELS),
  /** Routing and workbench settings (tiers, slots per open lead, SLA reassignment, opportunity definition). */
  salesFloor: floorSettingsSchema.optional(),
});

/** The org model (Islands, Assembly Line, PODs) and the sales-floor settings in force. */
export async function getOrgModel(ctx: RequestContext) {
  const config = await getWorkspaceConfig(ctx);
  return {
    version: config.version,
    orgModel: config.orgModel,
    salesFloor: readFloorSettings(config.settings.salesFloor),
  };
}

/** An admin picks the org model and sales-floor settings; routing follows them from the next hand-off on. */
export function setOrgModel(ctx: RequestContext, input: z.infer<typeof setOrgModelSchema>) {
  assertRole(ctx, [], 'change the org model');
  return inTransaction(ctx, async (tx) => {
    const config = await getWorkspaceConfig(tx);
    const salesFloor = input.salesFloor ?? readFloorSettings(config.settings.salesFloor);
    const saved = await updateWorkspaceConfig(tx, input.version, {
      orgModel: input.orgModel,
      settings: { ...config.settings, salesFloor },
    });
    if (!saved) throw staleVersion('Workspace', tx.workspaceId, input.version, config.version);
    await appendAudit(tx, {
      action: 'workspace.org_model',
      entityType: 'workspace',
      entityId: tx.workspaceId,
      before: { orgModel: config.orgModel, salesFloor: config.settings.salesFloor ?? null },
      after: { orgModel: input.orgModel, salesFloor },
    });
    return { version: input.version + 1, orgModel: input.orgModel, salesFloor };
  });
}
