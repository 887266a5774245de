import type { BusinessCalendar } from './business-hours.ts';
import {
  closureOnLeave,
  decideHandoffOnEntry,
  decideResponse,
  type HandoffOpening,
  type HandoffResponse,
  isStale,
  openingFor,
} from './handoffs.ts';
import type { HandoffRule, LifecycleDefinition } from './stages.ts';
import { decideTransition, type TransitionRequest } from './transition-rules.ts';

/**
 * The lifecycle of one record in memory, composed only of the pure decisions the use
 * cases make (transition rules, hand-off contract, SLA, recycle wake-up). The batched demo
 * writes what it computes, and the model-based test runs thousands of command sequences
 * through it; the database use cases make the same decisions in the same order.
 */
export interface EngineHistory {
  from: string | null;
  to: string;
  at: Date;
  skipped: boolean;
  reason: string | null;
  reapproachOn: Date | null;
}

export interface EngineHandoff extends HandoffOpening {
  id: string;
  status: 'open' | 'accepted' | 'rejected';
  respondedAt: Date | null;
  rejectReason: string | null;
  rejectOutcome: string | null;
  staleAt: Date | null;
}

export interface EngineState {
  stage: string;
  source: string | null;
  history: EngineHistory[];
  handoffs: EngineHandoff[];
}

export interface EngineEnv {
  def: LifecycleDefinition;
  cal: BusinessCalendar;
  now: Date;
  newId: () => string;
}

const openHandoff = (env: EngineEnv, o: HandoffOpening): EngineHandoff => ({
  ...o,
  id: env.newId(),
  status: 'open',
  respondedAt: null,
  rejectReason: null,
  rejectOutcome: null,
  staleAt: null,
});

/** A move under the rules; throws the same DomainError the use case would, leaving `s` untouched. */
export function engineTransition(
  env: EngineEnv,
  s: EngineState,
  req: TransitionRequest,
): { state: EngineState; opened: EngineHandoff | null } {
  const inRecycle = env.def.stages.find((x) => x.key === s.stage)?.isRecycle;
  const pending = inRecycle ? (s.history.at(-1)?.reapproachOn ?? null) : null;
  const steps = decideTransition(env.def, s.stage, req, env.now, pending);
  const to = env.def.stages.find((x) => x.key === req.to)!;
  const history = [
    ...s.history,
    ...steps.map((st) => ({
      from: st.from,
      to: st.to,
      at: env.now,
      skipped: st.skipped,
      reason: st.skipped ? null : (req.reason ?? null),
      reapproachOn: st.skipped ? null : (req.reapproachOn ?? null),
    })),
  ];
  const handoffs = s.handoffs.map((h) => {
    if (h.status !== 'open' || h.stage !== s.stage) return h;
    const status = closureOnLeave(to);
    return {
      ...h,
      status,
      respondedAt: env.now,
      ...(status === 'rejected'
        ? { rejectReason: req.reason ?? `moved to ${to.key}`, rejectOutcome: to.key }
        : {}),
    };
  });
  const opening = decideHandoffOnEntry(env.def, to.key, s.source, env.now, env.cal);
  const opened = opening ? openHandoff(env, opening) : null;
  return {
    state: { ...s, stage: to.key, history, handoffs: opened ? [...handoffs, opened] : handoffs },
    opened,
  };
}

/** The receiver's answer: the hand-off closes and a lead moves (sal, recycled or disqualified). */
export function engineRespond(
  env: EngineEnv,
  s: EngineState,
  id: string,
  response: HandoffResponse,
): EngineState {
  const h = s.handoffs.find((x) => x.id === id);
  if (!h) throw new Error(`no hand-off ${id}`);
  const decision = decideResponse({ ...h, personId: 'person' }, response);
  const answered: EngineHandoff = {
    ...h,
    status: decision.status,
    respondedAt: env.now,
    ...(response.decision === 'reject'
      ? { rejectReason: response.reason ?? null, rejectOutcome: decision.move }
      : {}),
  };
  const next = { ...s, handoffs: s.handoffs.map((x) => (x.id === id ? answered : x)) };
  if (!decision.move) return next;
  const reject = response.decision === 'reject' ? response : null;
  return engineTransition(env, next, {
    to: decision.move,
    reason: reject ? `hand-off rejected: ${reject.reason}` : null,
    reapproachOn: reject?.reapproachOn ?? null,
  }).state;
}

/** The SLA check: open hand-offs past due are marked stale once; returns how many were raised now. */
export function engineSlaCheck(env: EngineEnv, s: EngineState): { state: EngineState; raised: number } {
  let raised = 0;
  const handoffs = s.handoffs.map((h) => {
    if (!isStale(h, env.now) || h.staleAt) return h;
    raised++;
    return { ...h, staleAt: env.now };
  });
  return { state: { ...s, handoffs }, raised };
}

/** The recycle stage, where it returns to, and the hand-off a woken lead opens to Inside Sales. */
export function recyclePlan(
  def: LifecycleDefinition,
): { recycle: string; back: string; rule: HandoffRule | null } | null {
  const recycle = def.stages.find((x) => x.isRecycle);
  const back = recycle?.transitions[0];
  if (!recycle || !back) return null;
  const mql = def.stages.find((x) => x.handoff?.kind === 'mql')?.handoff;
  return { recycle: recycle.key, back, rule: mql ? { ...mql, kind: 'recycle' } : null };
}

/** The recycle wake-up: a recycled lead whose re-approach date has come returns and opens a recycle hand-off. */
export function engineWake(env: EngineEnv, s: EngineState): EngineState {
  const plan = recyclePlan(env.def);
  const last = s.history.at(-1);
  if (
    !plan ||
    s.stage !== plan.recycle ||
    !last?.reapproachOn ||
    last.reapproachOn.getTime() > env.now.getTime()
  )
    return s;
  const moved = engineTransition(env, s, {
    to: plan.back,
    reason: `re-approach date ${last.reapproachOn.toISOString().slice(0, 10)} reached`,
  }).state;
  if (!plan.rule) return moved;
  const h = openHandoff(env, openingFor(plan.rule, plan.back, s.source, env.now, env.cal));
  return { ...moved, handoffs: [...moved.handoffs, h] };
}
