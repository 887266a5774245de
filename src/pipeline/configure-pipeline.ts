import { assertRole } from '../platform/access.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { staleVersion } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { type PipelineSettings, pipelineSettingsSchema, readPipelineSettings } from './pipeline-settings.ts';
import { pipelineConfig, saveSettingsSection, workspaceVersion } from './store.ts';

/** The pipeline configuration in force (exit criteria, phase defaults and norms, loss reasons) and the workspace version. */
export async function getPipelineSettings(ctx: RequestContext) {
  const config = await pipelineConfig(ctx);
  return { version: await workspaceVersion(ctx), settings: readPipelineSettings(config.settings.pipeline) };
}

/** An admin replaces the pipeline configuration; the workspace version guards concurrent edits. */
export function setPipelineSettings(
  ctx: RequestContext,
  input: { version: number; settings: PipelineSettings },
): Promise<{ version: number; settings: PipelineSettings }> {
  assertRole(ctx, [], 'configure the pipeline');
  const settings = pipelineSettingsSchema.parse(input.settings);
  return inTransaction(ctx, async (tx) => {
    const before = await getPipelineSettings(tx);
    if (!(await saveSettingsSection(tx, 'pipeline', settings, input.version)))
      throw staleVersion('Workspace', tx.workspaceId, input.version, before.version);
    await appendAudit(tx, {
      action: 'workspace.pipeline_settings',
      entityType: 'workspace',
      entityId: tx.workspaceId,
      before: before.settings,
      after: settings,
    });
    return { version: input.version + 1, settings };
  });
}
