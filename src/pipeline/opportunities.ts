import { z } from 'zod';
import { DomainError } from '../platform/errors.ts';
import {
  FORECAST_CATEGORIES,
  OPEN_PHASES,
  OPPORTUNITY_TYPES,
  type OpenPhase,
  PHASES,
  type Phase,
  type PipelineSettings,
} from './pipeline-settings.ts';

const money = z.int().min(0, 'must be 0 or more (an amount in the minor unit, e.g. yen)').max(1e13);
const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().max(max);

const editable = {
  name: text(200).min(1),
  type: z.enum(OPPORTUNITY_TYPES),
  primaryPersonId: z.uuid().nullable(),
  amountMrr: money,
  amountOneTime: money,
  closeDate: isoDate,
  ownerUserId: z.uuid().nullable(),
  nextStep: text(500).nullable(),
  competitors: z.array(text(120).min(1)).max(20),
};

export const createOpportunitySchema = z
  .strictObject({ accountId: z.uuid(), ...editable })
  .partial()
  .required({ accountId: true, name: true, closeDate: true });

export const updateOpportunitySchema = z
  .strictObject({
    version: z.int().positive(),
    ...editable,
    /** Manual override of the phase default; cleared again by the next phase change. */
    probability: z.int().min(0).max(100),
    forecastCategory: z.enum(FORECAST_CATEGORIES),
    /** Tick or untick exit-criteria items by key. */
    exitCriteria: z.record(z.string().max(40), z.boolean()),
  })
  .partial()
  .required({ version: true });

export const changePhaseSchema = z.strictObject({
  version: z.int().positive(),
  to: z.enum(PHASES),
  /** Exit-criteria items to tick in the same request, before the gate is checked. */
  check: z.array(z.string().max(40)).max(30).optional(),
  /** A manager may advance past open exit criteria with a reason (audited). */
  overrideReason: text(500).min(1).optional(),
  lossReason: text(40).min(1).optional(),
  competitor: text(120).min(1).optional(),
  /** Lost: when Inside Sales should approach the contacts again (default: in 90 days). */
  reapproachOn: z.iso.datetime({ offset: true }).optional(),
});

export type CreateOpportunityInput = z.infer<typeof createOpportunitySchema>;
export type UpdateOpportunityInput = z.infer<typeof updateOpportunitySchema>;
export type ChangePhaseInput = z.infer<typeof changePhaseSchema>;

/** What the checklist of an opportunity records per item. */
export type ExitCriteriaState = Record<string, { done: boolean; at: string; by: string | null }>;

/** A new opportunity cannot close before today (in the workspace's time zone). */
export function assertCloseDateNotPast(closeDate: string, today: string): void {
  if (closeDate < today) {
    throw new DomainError('invalid_input', `The close date ${closeDate} is in the past; today is ${today}.`, [
      { path: 'closeDate', message: 'a new opportunity must close today or later' },
    ]);
  }
}

/** The phases an opportunity leaves when it moves from `from` to `to` (their checklists must be done). */
export function phasesLeft(from: string, to: string): OpenPhase[] {
  const i = OPEN_PHASES.indexOf(from as OpenPhase);
  if (i < 0) return [];
  if (to === 'lost') return [];
  const j = to === 'won' ? OPEN_PHASES.length : OPEN_PHASES.indexOf(to as OpenPhase);
  return OPEN_PHASES.slice(i, Math.max(i, j));
}

/** Checklist items still open in the phases being left, as `phase.key`. */
export function openExitItems(
  settings: PipelineSettings,
  from: string,
  to: string,
  state: ExitCriteriaState,
): { phase: OpenPhase; key: string; label: string }[] {
  return phasesLeft(from, to).flatMap((phase) =>
    settings.exitCriteria[phase].filter((item) => !state[item.key]?.done).map((item) => ({ phase, ...item })),
  );
}

/**
 * Decides a phase change (pure): forward only; open exit criteria block it (409 naming
 * them) unless a manager overrides with a reason; lost needs a known loss reason.
 */
export function decidePhaseChange(
  settings: PipelineSettings,
  current: string,
  input: ChangePhaseInput,
  state: ExitCriteriaState,
  isManager: boolean,
): { overridden: { phase: string; key: string }[] } {
  if (current === 'won' || current === 'lost') {
    throw new DomainError('conflict', `The opportunity is already ${current}.`, [
      { path: 'to', message: 'closed opportunities do not change phase' },
    ]);
  }
  const from = OPEN_PHASES.indexOf(current as OpenPhase);
  const to = OPEN_PHASES.indexOf(input.to as OpenPhase);
  if (to >= 0 && to <= from) {
    throw new DomainError('conflict', `Phases only move forward: "${current}" cannot go to "${input.to}".`, [
      { path: 'to', message: `move to a later phase, won or lost` },
    ]);
  }
  if (input.to === 'lost') {
    if (!input.lossReason || !settings.lossReasons.includes(input.lossReason)) {
      throw new DomainError('invalid_input', 'A lost opportunity needs a loss reason.', [
        { path: 'lossReason', message: `use one of: ${settings.lossReasons.join(', ')}` },
      ]);
    }
    return { overridden: [] };
  }
  const open = openExitItems(settings, current, input.to, state);
  if (open.length === 0) return { overridden: [] };
  if (!input.overrideReason) {
    throw new DomainError(
      'conflict',
      `Exit criteria are not done: ${open.map((o) => `${o.phase}.${o.key}`).join(', ')}. Complete them, or a manager may override with a reason.`,
      open.map((o) => ({ path: `exitCriteria.${o.key}`, message: `${o.phase}: ${o.label}` })),
    );
  }
  if (!isManager) {
    throw new DomainError('forbidden', 'Only a manager or admin may advance past open exit criteria.', [
      { path: 'overrideReason', message: 'ask your manager to override' },
    ]);
  }
  return { overridden: open.map((o) => ({ phase: o.phase, key: o.key })) };
}

/** Ticks and unticks checklist items; every key must belong to some phase's checklist. */
export function applyChecklist(
  settings: PipelineSettings,
  state: ExitCriteriaState,
  changes: Record<string, boolean>,
  at: Date,
  by: string | null,
): ExitCriteriaState {
  const known = new Set(OPEN_PHASES.flatMap((p) => settings.exitCriteria[p].map((i) => i.key)));
  const next = { ...state };
  for (const [key, done] of Object.entries(changes)) {
    if (!known.has(key)) {
      throw new DomainError('invalid_input', `"${key}" is not an exit-criteria item of this workspace.`, [
        { path: `exitCriteria.${key}`, message: `use one of: ${[...known].join(', ')}` },
      ]);
    }
    next[key] = { done, at: at.toISOString(), by };
  }
  return next;
}

export function isPhase(value: string): value is Phase {
  return (PHASES as readonly string[]).includes(value);
}
