import { assertCan } from '../platform/access.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { DomainError } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { enqueueRecompute } from './recompute-job.ts';
import type { ScoringRules } from './rules.ts';
import { type RulesInForce, rulesInForce } from './rules-in-force.ts';
import { insertRuleVersion } from './store.ts';

/**
 * Stores a new version of the scoring rules (validated by the caller's schema). Scores
 * keep naming the version that produced them until the recompute reaches them; with
 * `queueRecompute` the recompute job is queued in the same transaction as the version.
 */
export function updateScoringRules(
  ctx: RequestContext,
  rules: ScoringRules,
  expectedVersion?: number,
  options: { queueRecompute?: boolean } = {},
): Promise<RulesInForce & { recomputeJobId: string | null }> {
  return inTransaction(ctx, async (tx) => {
    await assertCan(tx, 'campaigns', 'write', 'all');
    const current = await rulesInForce(tx);
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      throw new DomainError(
        'version_conflict',
        `The scoring rules were changed meanwhile (you edited version ${expectedVersion}, it is now ${current.version}). Reload and apply your change again.`,
        [{ path: 'expectedVersion', message: `current version is ${current.version}` }],
      );
    }
    const ids = [...rules.fit.map((r) => r.id), ...rules.engagement.map((r) => r.id)];
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup)
      throw new DomainError('invalid_input', `Rule id "${dup}" is used twice.`, [
        { path: 'rules', message: `duplicate id ${dup}` },
      ]);
    const version = current.version + 1;
    if (!(await insertRuleVersion(tx, version, rules))) {
      throw new DomainError(
        'version_conflict',
        'Someone saved scoring rules at the same moment; reload and try again.',
      );
    }
    await appendAudit(tx, {
      action: 'scoring_rules.update',
      entityType: 'scoring_rules',
      entityId: null,
      before: { version: current.version },
      after: { version, rules },
    });
    const recomputeJobId = options.queueRecompute ? await enqueueRecompute(tx, version) : null;
    return { version, rules, createdAt: tx.now(), recomputeJobId };
  });
}
