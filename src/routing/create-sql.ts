import { peopleUseCases } from '../crm/manage-people.ts';
import { transitionEntity } from '../lifecycle/transition-entity.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { assignHandoff } from './assign-handoff.ts';
import { readFloorSettings } from './floor-settings.ts';
import { getWorkspaceConfig } from './store.ts';
import { insertActivity, personInfo, unassignedHandoffsOf } from './work-store.ts';
import { assertMeetsDefinition } from './workbench.ts';

/**
 * Inside Sales turns a lead into an SQL (商談化): the checklist must meet the workspace's
 * written opportunity definition (400 listing every unmet item). The lead moves to sql
 * through the lifecycle engine, the qualification is logged, and the sql → AE hand-off
 * the engine opens is routed.
 */
export function createSql(
  ctx: RequestContext,
  personId: string,
  input: { checklist: Record<string, boolean>; notes?: string | undefined },
) {
  return inTransaction(ctx, async (tx) => {
    await peopleUseCases.getWritable(tx, personId);
    const person = await personInfo(tx, personId);
    if (!person) throw notFound('Person', personId);
    if (person.stage !== 'mql' && person.stage !== 'sal') {
      throw new DomainError(
        'conflict',
        `Only a lead in mql or sal becomes an SQL; this one is in "${person.stage}".`,
        [{ path: 'personId', message: `current stage is ${person.stage}` }],
      );
    }
    const settings = readFloorSettings((await getWorkspaceConfig(tx)).settings.salesFloor);
    assertMeetsDefinition(settings.opportunityDefinition, input.checklist);
    await transitionEntity(tx, {
      entityType: 'person',
      entityId: personId,
      to: 'sql',
      expectedStage: person.stage,
      reason: 'meets the opportunity definition',
    });
    const met = settings.opportunityDefinition.map((i) => i.key).join(', ');
    await insertActivity(tx, {
      type: 'note',
      outcome: 'appointment_set',
      personId,
      accountId: person.accountId,
      userId: tx.actor.userId,
      occurredAt: tx.now(),
      durationMinutes: 0,
      notes: [`SQL: ${met}`, input.notes].filter(Boolean).join('\n'),
    });
    await appendAudit(tx, {
      action: 'person.sql',
      entityType: 'person',
      entityId: personId,
      before: { stage: person.stage },
      after: { stage: 'sql', checklist: input.checklist },
    });
    const routed = [];
    for (const h of await unassignedHandoffsOf(tx, personId, 'sql'))
      routed.push(await assignHandoff(tx, h.id));
    return { personId, stage: 'sql', handoffs: routed };
  });
}
