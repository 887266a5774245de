import { peopleUseCases } from '../crm/manage-people.ts';
import type { RequestContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { contribution, engagementAt, engagementRuleFor } from './engagement.ts';
import { evaluateFit } from './fit.ts';
import { mqlReason, NO_ENGAGEMENT } from './person-score.ts';
import { rulesInForce } from './rules-in-force.ts';
import { getScore, listPersonEvents, loadSubjects } from './store.ts';

const EXPLAINED_EVENTS = 2000;

/**
 * A person's score explained at `now`: the fit rules that matched (the grade), the
 * engagement rules and events contributing most after decay, and the MQL verdict.
 */
export async function explainScore(ctx: RequestContext, personId: string) {
  await peopleUseCases.get(ctx, personId); // 404 for a person outside the actor's scope
  const subjects = await loadSubjects(ctx, [personId]);
  const subject = subjects.get(personId);
  if (!subject) throw notFound('person', personId);
  const { version, rules } = await rulesInForce(ctx);
  const stored = await getScore(ctx, personId);
  const now = ctx.now();
  const fit = evaluateFit(rules, subject);
  const events = await listPersonEvents(ctx, personId, EXPLAINED_EVENTS);
  const byRule = new Map<string, { ruleId: string; label: string; events: number; points: number }>();
  const perEvent: { eventId: string; type: string; occurredAt: Date; ruleId: string; points: number }[] = [];
  for (const e of events) {
    const rule = engagementRuleFor(rules, e);
    if (!rule) continue;
    const points = engagementAt(
      contribution(rule.points, e.occurredAt, rules.halfLifeDays),
      now,
      rules.halfLifeDays,
    );
    perEvent.push({ eventId: e.id, type: e.type, occurredAt: e.occurredAt, ruleId: rule.id, points });
    const agg = byRule.get(rule.id) ?? { ruleId: rule.id, label: rule.label, events: 0, points: 0 };
    agg.events++;
    agg.points = Math.round((agg.points + points) * 100) / 100;
    byRule.set(rule.id, agg);
  }
  const raw = stored?.raw ?? NO_ENGAGEMENT.raw;
  const engagement = engagementAt(raw, now, rules.halfLifeDays);
  const byMagnitude = <T extends { points: number }>(a: T, b: T) => Math.abs(b.points) - Math.abs(a.points);
  return {
    personId,
    ruleVersion: version,
    scoredWithVersion: stored?.ruleVersion ?? null,
    asOf: now,
    engagement,
    halfLifeDays: rules.halfLifeDays,
    grade: fit.grade,
    fitPoints: fit.points,
    lifecycleStage: subject.lifecycleStage,
    handRaisedAt: stored?.handRaisedAt ?? null,
    mql: mqlReason(rules, { raw, grade: fit.grade, handRaisedAt: stored?.handRaisedAt ?? null }, now),
    fit: fit.matched,
    topRules: [...byRule.values()].sort(byMagnitude).slice(0, 10),
    topEvents: perEvent.sort(byMagnitude).slice(0, 10),
  };
}
