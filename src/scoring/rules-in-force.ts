import type { RequestContext } from '../platform/context.ts';
import { DEFAULT_SCORING_RULES, type ScoringRules, scoringRulesSchema } from './rules.ts';
import { insertRuleVersion, latestRuleVersion, type RuleVersionKey } from './store.ts';

export interface RulesInForce {
  version: number;
  rules: ScoringRules;
  createdAt: Date;
}

/** The rules last read per workspace, parsed, with the key of the stored row they came from. */
const lastRead = new Map<string, { key: RuleVersionKey; inForce: RulesInForce }>();
const LAST_READ_LIMIT = 1000;

/**
 * The scoring rules in force: the highest stored version, or the DOMAIN.md defaults
 * stored as version 1 the first time a workspace scores anything. Given the key of the
 * version in force as a statement of the caller's just read it (loadSubjectsAndRuleVersion),
 * the rules parsed last time are reused when they are that very row (same number, stored by
 * the same transaction): tracking then spends no statement and no parse on rules that did not change.
 */
export async function rulesInForce(
  ctx: RequestContext,
  known?: RuleVersionKey | null,
): Promise<RulesInForce> {
  const cached = lastRead.get(ctx.workspaceId);
  if (known && cached?.key.version === known.version && cached.key.xmin === known.xmin) return cached.inForce;
  let row = await latestRuleVersion(ctx);
  if (!row) {
    await insertRuleVersion(ctx, 1, DEFAULT_SCORING_RULES);
    row = await latestRuleVersion(ctx);
  }
  if (!row) throw new Error('scoring rules could not be stored');
  const inForce = {
    version: row.version,
    rules: scoringRulesSchema.parse(row.rules),
    createdAt: row.createdAt,
  };
  if (lastRead.size >= LAST_READ_LIMIT) lastRead.clear();
  lastRead.set(ctx.workspaceId, { key: { version: row.version, xmin: row.xmin }, inForce });
  return inForce;
}

/** Event property names any engagement rule reads (what loaders must fetch). */
export function ruleProperties(rules: ScoringRules): string[] {
  return [...new Set(rules.engagement.flatMap((r) => (r.property ? [r.property] : [])))];
}
