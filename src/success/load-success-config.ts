import { assertCan } from '../platform/access.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { inTransaction } from '../platform/transaction.ts';
import { parseInput } from './parse-input.ts';
import { insertSuccessConfig, latestSuccessConfig } from './store.ts';
import { DEFAULT_SUCCESS_CONFIG, type SuccessConfig, successConfigSchema } from './success-config.ts';

/** The Customer Success settings in force (version 0: DOMAIN.md's defaults, never saved). */
export async function successConfigOf(
  ctx: RequestContext,
): Promise<{ version: number; config: SuccessConfig }> {
  const row = await latestSuccessConfig(ctx);
  if (!row) return { version: 0, config: DEFAULT_SUCCESS_CONFIG };
  return { version: row.version, config: successConfigSchema.parse(row.config) };
}

/** Saves a new version of the settings after validating it; an invalid one changes nothing. */
export async function updateSuccessConfig(
  ctx: RequestContext,
  input: unknown,
): Promise<{ version: number; config: SuccessConfig }> {
  await assertCan(ctx, 'settings', 'write', 'all');
  const config = parseInput(successConfigSchema, input, 'The Customer Success settings');
  return inTransaction(ctx, async (tx) => {
    const current = await latestSuccessConfig(tx);
    const version = (current?.version ?? 0) + 1;
    await insertSuccessConfig(tx, version, config);
    await appendAudit(tx, {
      action: 'success_config.update',
      entityType: 'success_config',
      entityId: null,
      before: current?.config ?? null,
      after: { version, config: config },
    });
    return { version, config: config };
  });
}
