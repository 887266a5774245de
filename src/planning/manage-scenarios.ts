import { assertCan } from '../platform/access.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import type { ListQuery } from '../platform/db/crud-store.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { inTransaction } from '../platform/transaction.ts';
import type { PlanRequest } from './plan-request.ts';
import { planReverse, planSimulate } from './plan-revenue.ts';
import { listScenariosById, scenariosStore } from './store.ts';

/** Saves a named plan with the assumptions it used and its outcome, so it can be compared later. */
export async function saveScenario(ctx: RequestContext, input: PlanRequest & { name: string }) {
  await assertCan(ctx, 'planning', 'write', 'all');
  const { name, ...request } = input;
  const reverse = await planReverse(ctx, request);
  const sim = await planSimulate(ctx, { ...request, runs: 2000, seed: 1 });
  const outcome = {
    totals: reverse.totals,
    binding: reverse.capacity.binding,
    maxGap: Object.fromEntries(
      ['is', 'ae', 'onb'].map((role) => [
        role,
        Math.max(0, ...reverse.capacity.needs.filter((n) => n.role === role).map((n) => n.gap)),
      ]),
    ),
    probabilityOfHit: sim.probabilityOfHit,
    p10: sim.p10,
    p50: sim.p50,
    p90: sim.p90,
  };
  return inTransaction(ctx, async (tx) => {
    const row = await scenariosStore.insert(tx, {
      id: newId(tx),
      name,
      period: reverse.period,
      target: {
        newMrr: reverse.target,
        windowMonths: request.windowMonths ?? 12,
        overrides: request.overrides ?? {},
        ...(reverse.evidence.slice ? { slice: reverse.evidence.slice } : {}),
      },
      assumptions: reverse.assumptions,
      outcome,
      createdBy: ctx.actor.userId,
    });
    await appendAudit(tx, {
      action: 'plan_scenario.create',
      entityType: 'plan_scenario',
      entityId: row.id,
      after: row,
    });
    return row;
  });
}

export async function listScenarios(ctx: RequestContext, query: ListQuery) {
  await assertCan(ctx, 'planning', 'read', 'all');
  return scenariosStore.list(ctx, query);
}

export async function deleteScenario(ctx: RequestContext, id: string, version: number): Promise<void> {
  await assertCan(ctx, 'planning', 'write', 'all');
  await inTransaction(ctx, async (tx) => {
    const current = await scenariosStore.get(tx, id);
    if (!current) throw notFound('Scenario', id);
    if (!(await scenariosStore.remove(tx, id, version)))
      throw new DomainError('version_conflict', 'The scenario changed; reload it.');
    await appendAudit(tx, {
      action: 'plan_scenario.delete',
      entityType: 'plan_scenario',
      entityId: id,
      before: current,
    });
  });
}

/** Paths (a.b.c) whose values differ between two plain JSON values. */
export function differences(
  a: unknown,
  b: unknown,
  path = '',
): { path: string; values: [unknown, unknown] }[] {
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) =>
      differences(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        path ? `${path}.${k}` : k,
      ),
    );
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ path, values: [a, b] }];
}

/** Scenarios side by side, with what differs in their assumptions and outcomes (against the first). */
export async function compareScenarios(ctx: RequestContext, ids: string[]) {
  await assertCan(ctx, 'planning', 'read', 'all');
  const rows = await listScenariosById(ctx, ids);
  const missing = ids.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length) throw notFound('Scenario', missing.join(', '));
  const [first, ...rest] = rows;
  return {
    scenarios: rows,
    differences: rest.map((r) => ({
      id: r.id,
      against: first!.id,
      assumptions: differences(first!.assumptions, r.assumptions),
      target: differences(first!.target, r.target),
      outcome: differences(first!.outcome, r.outcome),
    })),
  };
}
