import { assertCan } from '../platform/access.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { DomainError } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import {
  type Lifecycle,
  type LifecycleDefinition,
  lifecycleDefinitionSchema,
  validateDefinition,
} from './stages.ts';
import { currentDefinition, insertDefinition, stageCounts } from './store.ts';

/**
 * Stores a new version of a lifecycle's definition. Refused (nothing stored) when its shape
 * or rules are wrong (400, each problem with its path), when it names another lifecycle,
 * or when it drops a stage that records are still in (409 naming the stage and how many).
 */
export function updateDefinition(
  ctx: RequestContext,
  lifecycle: Lifecycle,
  input: unknown,
): Promise<{ version: number; definition: LifecycleDefinition }> {
  return inTransaction(ctx, async (tx) => {
    await assertCan(tx, 'settings', 'write', 'all');
    const parsed = lifecycleDefinitionSchema.safeParse(input);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({
        path: i.path.join('.') || 'definition',
        message: i.message,
      }));
      throw new DomainError(
        'invalid_input',
        `The ${lifecycle} definition is invalid: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
        details,
      );
    }
    const def = parsed.data;
    if (def.lifecycle !== lifecycle) {
      throw new DomainError('invalid_input', `This is a ${def.lifecycle} definition, not ${lifecycle}.`, [
        { path: 'lifecycle', message: `send "lifecycle": "${lifecycle}"` },
      ]);
    }
    const issues = validateDefinition(def);
    if (issues.length) {
      throw new DomainError(
        'invalid_input',
        `The ${lifecycle} definition breaks its rules: ${issues.map((i) => i.message).join('; ')}`,
        issues,
      );
    }
    const keys = new Set(def.stages.map((s) => s.key));
    const stranded = [...(await stageCounts(tx, lifecycle))].filter(
      ([stage, n]) => n > 0 && !keys.has(stage),
    );
    if (stranded.length) {
      throw new DomainError(
        'conflict',
        `The new definition removes stages records are still in: ${stranded.map(([s, n]) => `"${s}" (${n})`).join(', ')}. Move them out first, or keep the stage.`,
        stranded.map(([s, n]) => ({ path: 'stages', message: `${n} records are in "${s}"` })),
      );
    }
    const current = await currentDefinition(tx, lifecycle);
    const version = (current?.version ?? 0) + 1;
    await insertDefinition(tx, version, def);
    await appendAudit(tx, {
      action: 'stages.update',
      entityType: 'stage_definition',
      entityId: null,
      before: { lifecycle, version: current?.version ?? null },
      after: { lifecycle, version },
    });
    return { version, definition: def };
  });
}
