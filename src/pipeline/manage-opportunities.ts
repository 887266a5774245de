import { recordEntry, transitionEntity } from '../lifecycle/transition-entity.ts';
import { assertCan } from '../platform/access.ts';
import type { RequestContext } from '../platform/context.ts';
import { makeCrudUseCases } from '../platform/crud-use-cases.ts';
import { DomainError, invalid } from '../platform/errors.ts';
import { zonedDate } from '../platform/zoned-time.ts';
import {
  applyChecklist,
  assertCloseDateNotPast,
  type CreateOpportunityInput,
  type ExitCriteriaState,
  type UpdateOpportunityInput,
} from './opportunities.ts';
import { phaseForecast, readPipelineSettings } from './pipeline-settings.ts';
import type { opportunities } from './schema.ts';
import {
  accountStage,
  type OpportunityRow,
  opportunitiesStore,
  personStage,
  pipelineConfig,
  rolesOfUser,
} from './store.ts';

const OWNER_ROLES = ['ae', 'am'];

/** The owner of an opportunity must be Field Sales (AE) or an AM (expansion). */
export async function assertOwnerRole(ctx: RequestContext, userId: string): Promise<void> {
  const roles = (await rolesOfUser(ctx, userId)).map((r) => r.role);
  if (!roles.some((r) => OWNER_ROLES.includes(r))) {
    throw new DomainError(
      'invalid_input',
      'An opportunity is owned by an AE or AM; this member holds neither role.',
      [{ path: 'ownerUserId', message: `holds: ${roles.join(', ') || 'no role'}; needs ae or am` }],
    );
  }
}

/** Unknown account or contact ids are a 400 on the field (the FK names exceed PostgreSQL's 63 characters). */
async function assertReferences(
  ctx: RequestContext,
  input: { accountId?: string | undefined; primaryPersonId?: string | null | undefined },
): Promise<void> {
  if (input.accountId && !(await accountStage(ctx, input.accountId)))
    throw invalid('accountId', 'no account with this id in this workspace');
  if (input.primaryPersonId && (await personStage(ctx, input.primaryPersonId)) === undefined)
    throw invalid('primaryPersonId', 'no person with this id in this workspace');
}

type Prepared = CreateOpportunityInput & { ownerUserId: string | null };

type CreatePrepared = Prepared & { defaults: { probability: number; forecastCategory: string } };

const crud = makeCrudUseCases<typeof opportunities, CreatePrepared, { version: number }>(opportunitiesStore, {
  entity: 'opportunity',
  label: 'Opportunity',
  toInsert: (ctx, input: CreatePrepared) => {
    const { defaults, ...values } = input;
    return {
      ...values,
      phase: 'qualification',
      phaseEnteredAt: ctx.now(),
      probability: defaults.probability,
      forecastCategory: defaults.forecastCategory,
    };
  },
  toUpdate: () => ({}),
  // The opportunity enters its lifecycle; an SQL contact becomes an opportunity contact (AE accepted).
  afterInsert: async (tx, inserted) => {
    const row = inserted as OpportunityRow;
    await recordEntry(tx, 'opportunity', row.id, row.phaseEnteredAt);
    if (row.primaryPersonId && (await personStage(tx, row.primaryPersonId)) === 'sql') {
      await transitionEntity(tx, { entityType: 'person', entityId: row.primaryPersonId, to: 'opportunity' });
    }
  },
  constraintFields: {
    opportunities_workspace_id_account_id_accounts_workspace_id_id_fk: {
      path: 'accountId',
      message: 'no account with this id in this workspace',
    },
    opportunities_workspace_id_primary_person_id_people_workspace_id_id_fk: {
      path: 'primaryPersonId',
      message: 'no person with this id in this workspace',
    },
  },
  access: { resource: 'opportunities', ownerKey: 'ownerUserId' },
});

/** Locks an opportunity the actor may change (404 out of sight, 403 read-only); call inside a transaction. */
export function getWritableOpportunity(tx: RequestContext, id: string): Promise<OpportunityRow> {
  return crud.getWritable(tx, id) as Promise<OpportunityRow>;
}

/** Opportunity reads and deletes; creation and updates carry the pipeline rules below. */
export const opportunityUseCases = {
  list: crud.list as (
    ...a: Parameters<typeof crud.list>
  ) => Promise<{ items: OpportunityRow[]; nextCursor: string | null }>,
  get: crud.get as (ctx: RequestContext, id: string) => Promise<OpportunityRow>,
  remove: crud.remove,
  create: createOpportunity,
  update: updateOpportunity,
};

/**
 * Creates an opportunity in qualification with the phase's default probability and
 * forecast category. The close date may not be in the past; the owner (default: the
 * acting AE) must hold the AE or AM role.
 */
export async function createOpportunity(
  ctx: RequestContext,
  input: CreateOpportunityInput,
): Promise<OpportunityRow> {
  // The grant first, so a role that may not create opportunities learns nothing about the references.
  await assertCan(ctx, 'opportunities', 'write');
  const config = await pipelineConfig(ctx);
  assertCloseDateNotPast(input.closeDate, zonedDate(ctx.now(), config.timeZone));
  await assertReferences(ctx, input);
  let owner = input.ownerUserId ?? null;
  if (owner) await assertOwnerRole(ctx, owner);
  else if (
    ctx.actor.userId &&
    (await rolesOfUser(ctx, ctx.actor.userId)).some((r) => OWNER_ROLES.includes(r.role))
  )
    owner = ctx.actor.userId;
  const defaults = phaseForecast(readPipelineSettings(config.settings.pipeline), 'qualification');
  return (await crud.create(ctx, { ...input, ownerUserId: owner, defaults })) as OpportunityRow;
}

/**
 * Edits an opportunity: fields, manual probability / forecast-category overrides, and
 * exit-criteria ticks (keys of the workspace's checklists). Phase moves go through changeOpportunityPhase.
 */
export async function updateOpportunity(
  ctx: RequestContext,
  id: string,
  input: UpdateOpportunityInput,
): Promise<OpportunityRow> {
  const config = await pipelineConfig(ctx);
  const settings = readPipelineSettings(config.settings.pipeline);
  if (input.ownerUserId) await assertOwnerRole(ctx, input.ownerUserId);
  await assertReferences(ctx, input);
  const current = (await crud.get(ctx, id)) as OpportunityRow;
  const { version: _v, exitCriteria, ...fields } = input;
  const checklist = exitCriteria
    ? applyChecklist(
        settings,
        current.exitCriteria as ExitCriteriaState,
        exitCriteria,
        ctx.now(),
        ctx.actor.userId,
      )
    : undefined;
  return updateWith(ctx, id, input.version, { ...fields, ...(checklist ? { exitCriteria: checklist } : {}) });
}

const updateCrud = makeCrudUseCases<
  typeof opportunities,
  never,
  { version: number; values: Partial<OpportunityRow> }
>(opportunitiesStore, {
  entity: 'opportunity',
  label: 'Opportunity',
  toInsert: () => {
    throw new Error('not used');
  },
  toUpdate: (_ctx, { version: _v, values }: { version: number; values: Partial<OpportunityRow> }) => values,
  constraintFields: {
    opportunities_workspace_id_primary_person_id_people_workspace_id_id_fk: {
      path: 'primaryPersonId',
      message: 'no person with this id in this workspace',
    },
  },
  access: { resource: 'opportunities', ownerKey: 'ownerUserId' },
});

export async function updateWith(
  ctx: RequestContext,
  id: string,
  version: number,
  values: Partial<OpportunityRow>,
): Promise<OpportunityRow> {
  return (await updateCrud.update(ctx, id, { version, values })) as OpportunityRow;
}
