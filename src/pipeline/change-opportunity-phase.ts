import { recordEntry, transitionEntity } from '../lifecycle/transition-entity.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { staleVersion } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { assignHandoff } from '../routing/assign-handoff.ts';
import { getWritableOpportunity } from './manage-opportunities.ts';
import {
  applyChecklist,
  type ChangePhaseInput,
  decidePhaseChange,
  type ExitCriteriaState,
} from './opportunities.ts';
import { type Phase, phaseForecast, readPipelineSettings } from './pipeline-settings.ts';
import {
  accountStage,
  contactsOf,
  type OpportunityRow,
  opportunitiesStore,
  pipelineConfig,
  unassignedWonHandoffs,
} from './store.ts';

const DAY = 86_400_000;

/**
 * Moves an opportunity to a later phase, won or lost. Open exit criteria of the phases
 * left block the move (409 naming them) unless a manager overrides with a reason. The
 * phase changes through the lifecycle engine; probability and forecast category reset
 * to the new phase's defaults. Won: the account enters the customer lifecycle, the
 * contacts become customers and the Customer Success hand-off is routed. Lost: the
 * contacts are recycled with the reason and a re-approach date.
 */
export function changeOpportunityPhase(
  ctx: RequestContext,
  id: string,
  input: ChangePhaseInput,
): Promise<OpportunityRow> {
  return inTransaction(ctx, async (tx) => {
    const config = await pipelineConfig(tx);
    const settings = readPipelineSettings(config.settings.pipeline);
    const current = await getWritableOpportunity(tx, id);
    if (current.version !== input.version)
      throw staleVersion('Opportunity', id, input.version, current.version);
    const isManager = tx.actor.roles.includes('manager') || tx.actor.roles.includes('admin');
    const at = tx.now();
    const checklist = input.check?.length
      ? applyChecklist(
          settings,
          current.exitCriteria as ExitCriteriaState,
          Object.fromEntries(input.check.map((k) => [k, true])),
          at,
          tx.actor.userId,
        )
      : (current.exitCriteria as ExitCriteriaState);
    const { overridden } = decidePhaseChange(settings, current.phase, input, checklist, isManager);
    const reason =
      input.to === 'lost'
        ? [input.lossReason, input.competitor].filter(Boolean).join(': ')
        : overridden.length
          ? `manager override: ${input.overrideReason}`
          : null;
    await transitionEntity(tx, {
      entityType: 'opportunity',
      entityId: id,
      to: input.to,
      reason,
      expectedStage: current.phase,
      at,
    });
    const defaults = phaseForecast(settings, input.to as Phase);
    const closed = input.to === 'won' || input.to === 'lost';
    const competitors = current.competitors as string[];
    const updated = (await opportunitiesStore.update(tx, id, input.version, {
      probability: defaults.probability,
      forecastCategory: defaults.forecastCategory,
      exitCriteria: checklist,
      ...(closed ? { closedAt: at } : {}),
      ...(input.to === 'lost'
        ? {
            lossReason: input.lossReason ?? null,
            competitors:
              input.competitor && !competitors.includes(input.competitor)
                ? [...competitors, input.competitor]
                : competitors,
          }
        : {}),
    })) as OpportunityRow;
    await appendAudit(tx, {
      action: overridden.length ? 'opportunity.phase_override' : 'opportunity.phase',
      entityType: 'opportunity',
      entityId: id,
      before: { phase: current.phase, probability: current.probability },
      after: { phase: input.to, probability: updated.probability, overridden },
      reason: overridden.length ? (input.overrideReason ?? null) : reason,
    });
    if (input.to === 'won') await onWon(tx, updated, at);
    if (input.to === 'lost')
      await onLost(
        tx,
        updated,
        reason ?? 'lost',
        input.reapproachOn ? new Date(input.reapproachOn) : new Date(at.getTime() + 90 * DAY),
      );
    return updated;
  });
}

async function onWon(tx: RequestContext, opp: OpportunityRow, at: Date): Promise<void> {
  const account = await accountStage(tx, opp.accountId);
  if (account && account.customerStage === null) await recordEntry(tx, 'account', opp.accountId, at);
  for (const contact of await contactsOf(tx, opp)) {
    if (contact.stage === 'opportunity' || contact.stage === 'sql')
      await transitionEntity(tx, { entityType: 'person', entityId: contact.id, to: 'customer', at });
  }
  // The lifecycle engine opens the won → Customer Success hand-off; routing assigns it.
  for (const h of await unassignedWonHandoffs(tx, opp)) await assignHandoff(tx, h.id);
}

async function onLost(
  tx: RequestContext,
  opp: OpportunityRow,
  reason: string,
  reapproachOn: Date,
): Promise<void> {
  for (const contact of await contactsOf(tx, opp)) {
    if (contact.stage === 'opportunity') {
      await transitionEntity(tx, { entityType: 'person', entityId: contact.id, to: 'lost', reason });
    }
    if (contact.stage === 'opportunity' || contact.stage === 'sql') {
      await transitionEntity(tx, {
        entityType: 'person',
        entityId: contact.id,
        to: 'recycled',
        reason: `opportunity lost: ${reason}`,
        reapproachOn,
      });
    }
  }
}
