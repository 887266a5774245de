import { DomainError } from '../platform/errors.ts';
import { type LifecycleDefinition, nextStages, type StageDefinition } from './stages.ts';

/** What a caller asks for: move to `to`, with the reason and date the rules may need. */
export interface TransitionRequest {
  to: string;
  reason?: string | null | undefined;
  /** Required when `to` is a recycle stage: when to approach the lead again. */
  reapproachOn?: Date | null | undefined;
}

/** One stage-history row to append; `skipped` marks stages passed on the way. */
export interface HistoryStep {
  from: string | null;
  to: string;
  skipped: boolean;
}

function stageOf(def: LifecycleDefinition, key: string, path: string): StageDefinition {
  const stage = def.stages.find((s) => s.key === key);
  if (!stage) {
    throw new DomainError('invalid_input', `"${key}" is not a stage of the ${def.lifecycle} lifecycle.`, [
      { path, message: `use one of: ${def.stages.map((s) => s.key).join(', ')}` },
    ]);
  }
  return stage;
}

/** Success-path stages strictly between two orders, in order: the ones a skip passes. */
function passedBetween(def: LifecycleDefinition, fromOrder: number, toOrder: number): StageDefinition[] {
  return def.stages
    .filter((s) => s.path === 'success' && s.order > fromOrder && s.order < toOrder)
    .sort((a, b) => a.order - b.order);
}

/**
 * Decides a stage change under a lifecycle definition (pure): the move must be allowed,
 * an off-ramp needs a reason, a recycle needs a future re-approach date. Forward skips
 * along the success path record every passed stage, so cohort funnels stay consistent.
 */
export function decideTransition(
  def: LifecycleDefinition,
  current: string,
  request: TransitionRequest,
  now: Date,
  /** The re-approach date of the recycle the record is in, if it is in one. */
  pendingReapproachOn: Date | null = null,
): HistoryStep[] {
  const from = stageOf(def, current, 'from');
  const to = stageOf(def, request.to, 'to');
  if (
    from.isRecycle &&
    pendingReapproachOn &&
    pendingReapproachOn.getTime() > now.getTime() &&
    !request.reason?.trim()
  ) {
    throw new DomainError(
      'invalid_input',
      `This lead is recycled until ${pendingReapproachOn.toISOString()}; bringing it back early needs a reason.`,
      [{ path: 'reason', message: 'say why it returns before its re-approach date (e.g. requested a demo)' }],
    );
  }
  if (from.key === to.key) {
    throw new DomainError('conflict', `Already in "${to.key}".`, [
      { path: 'to', message: 'the record is already in this stage' },
    ]);
  }
  if (!nextStages(def, from.key).includes(to.key)) {
    throw new DomainError(
      'conflict',
      `Moving from "${from.key}" to "${to.key}" is not allowed by the ${def.lifecycle} lifecycle.`,
      [
        {
          path: 'to',
          message: `from "${from.key}" the allowed moves are: ${nextStages(def, from.key).join(', ') || 'none (an end)'}`,
        },
      ],
    );
  }
  if (to.path === 'off_ramp' && !request.reason?.trim()) {
    throw new DomainError('invalid_input', `Moving to the off-ramp "${to.key}" needs a reason.`, [
      { path: 'reason', message: 'say why (e.g. budget, timing, competitor)' },
    ]);
  }
  if (to.isRecycle) {
    if (!request.reapproachOn) {
      throw new DomainError('invalid_input', `Recycling needs a re-approach date.`, [
        { path: 'reapproachOn', message: 'the date Inside Sales should approach this lead again' },
      ]);
    }
    if (request.reapproachOn.getTime() <= now.getTime()) {
      throw new DomainError('invalid_input', 'The re-approach date must be in the future.', [
        {
          path: 'reapproachOn',
          message: `it is ${request.reapproachOn.toISOString()}, now is ${now.toISOString()}`,
        },
      ]);
    }
  }
  const isSkip = !from.transitions.includes(to.key);
  const passed = isSkip ? passedBetween(def, from.order, to.order) : [];
  const steps: HistoryStep[] = [];
  let prev = from.key;
  for (const s of passed) {
    steps.push({ from: prev, to: s.key, skipped: true });
    prev = s.key;
  }
  steps.push({ from: prev, to: to.key, skipped: false });
  return steps;
}

/**
 * The history of a new record entering at `stage` (default: the definition's entry):
 * success-path stages before it, from the entry on, are recorded as passed.
 */
export function decideEntry(def: LifecycleDefinition, stage: string = def.entry): HistoryStep[] {
  const target = stageOf(def, stage, 'lifecycleStage');
  const entry = stageOf(def, def.entry, 'entry');
  if (target.path !== 'success' || target.order < entry.order) {
    throw new DomainError('invalid_input', `A new record cannot start in "${stage}".`, [
      { path: 'lifecycleStage', message: `start at "${def.entry}" or a later success-path stage` },
    ]);
  }
  const steps: HistoryStep[] = [];
  let prev: string | null = null;
  for (const s of [entry, ...passedBetween(def, entry.order, target.order)]) {
    if (s.key === target.key) break;
    steps.push({ from: prev, to: s.key, skipped: true });
    prev = s.key;
  }
  steps.push({ from: prev, to: target.key, skipped: false });
  return steps;
}
