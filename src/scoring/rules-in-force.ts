import type { RequestContext } from '../platform/context.ts';
import { DEFAULT_SCORING_RULES, type ScoringRules, scoringRulesSchema } from './rules.ts';
import { insertRuleVersion, latestRuleVersion } from './store.ts';

export interface RulesInForce {
  version: number;
  rules: ScoringRules;
  createdAt: Date;
}

/**
 * The scoring rules in force: the highest stored version, or the DOMAIN.md defaults
 * stored as version 1 the first time a workspace scores anything.
 */
export async function rulesInForce(ctx: RequestContext): Promise<RulesInForce> {
  let row = await latestRuleVersion(ctx);
  if (!row) {
    await insertRuleVersion(ctx, 1, DEFAULT_SCORING_RULES);
    row = await latestRuleVersion(ctx);
  }
  if (!row) throw new Error('scoring rules could not be stored');
  return { version: row.version, rules: scoringRulesSchema.parse(row.rules), createdAt: row.createdAt };
}

/** Event property names any engagement rule reads (what loaders must fetch). */
export function ruleProperties(rules: ScoringRules): string[] {
  return [...new Set(rules.engagement.flatMap((r) => (r.property ? [r.property] : [])))];
}
