import { workspaceCalendar } from '../lifecycle/business-hours.ts';
import { DEFAULT_LEAD_LIFECYCLE } from '../lifecycle/default-stages.ts';
import type { HandoffResponse } from '../lifecycle/handoffs.ts';
import {
  type EngineEnv,
  type EngineHandoff,
  engineRespond,
  engineSlaCheck,
  engineTransition,
  engineWake,
} from '../lifecycle/lifecycle-engine.ts';
import { recordEngineBatch, type TrackedPerson } from '../lifecycle/record-engine-batch.ts';
import type { RequestContext } from '../platform/context.ts';
import { DomainError } from '../platform/errors.ts';
import type { NewNotification } from '../platform/notifications/store.ts';
import type { Rng } from '../platform/random.ts';
import type { DemoDay } from './day-steps.ts';
import { type DemoMarket, seededUuid } from './demo-market.ts';
import { DEMO_WORKSPACE } from './demo-org.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Something a department does at a time: answer a hand-off, move a lead on, wake a recycle. */
type Plan =
  | { at: number; personId: string; kind: 'respond'; handoffId: string; response: HandoffResponse }
  | { at: number; personId: string; kind: 'move'; to: string; reason?: string; reapproachDays?: number }
  | { at: number; personId: string; kind: 'wake' };

interface Sim {
  env: EngineEnv;
  people: Map<string, TrackedPerson>;
  sources: Map<string, string | null>;
  pods: Map<string, 'ent' | 'smb'>;
  plans: Plan[];
  withOpen: Set<string>;
  revops: string | null;
}

/** The simulation of one demo market, kept across its days. */
const sims = new WeakMap<DemoMarket, Sim>();

function simOf(day: DemoDay): Sim {
  let sim = sims.get(day.market);
  if (!sim) {
    const employees = new Map(day.market.accounts.map((a) => [a.id, a.employeeCount]));
    const pods = new Map<string, 'ent' | 'smb'>();
    const sources = new Map<string, string | null>();
    for (const p of day.market.people) {
      pods.set(p.id, (employees.get(p.accountId ?? '') ?? 0) >= 500 ? 'ent' : 'smb');
      sources.set(p.id, p.source);
    }
    sim = {
      env: {
        def: DEFAULT_LEAD_LIFECYCLE,
        cal: workspaceCalendar(DEMO_WORKSPACE.timeZone, {}),
        now: day.start,
        newId: () => seededUuid(day.rng),
      },
      people: new Map(),
      sources,
      pods,
      plans: [],
      withOpen: new Set(),
      revops: day.users.get('revops') ?? null,
    };
    sims.set(day.market, sim);
  }
  return sim;
}

const REJECT_RECYCLE = [
  '予算が取れない (no budget this year)',
  '時期尚早 (timing)',
  '担当者が異動 (contact moved)',
];
const REJECT_DQ = ['競合他社 (competitor)', '学生 (student)', '個人利用 (not a business)'];
const HAND_RAISE = new Set(['demo_request', 'contact']);

function receiver(day: DemoDay, sim: Sim, personId: string, role: string): string | null {
  const pod = sim.pods.get(personId) ?? 'smb';
  const keys = [...day.users.keys()].filter((k) => k.startsWith(`${pod}_${role}`));
  return keys.length ? (day.users.get(day.rng.pick(keys)) ?? null) : null;
}

/** How an Inside Sales or Field Sales rep answers a new hand-off, and when (some late: stale). */
function planAnswer(rng: Rng, h: EngineHandoff, personId: string): Plan {
  const late = rng.next();
  const delay = late < 0.7 ? rng.int(1, 8) : late < 0.9 ? rng.int(10, 40) : rng.int(48, 120);
  const at = h.openedAt.getTime() + delay * HOUR;
  const roll = rng.next();
  let response: HandoffResponse;
  if (h.kind === 'recycle') {
    response =
      roll < 0.35
        ? { decision: 'accept' }
        : { decision: 'reject', reason: 'まだ検討段階 (still no project)' };
  } else if (h.kind === 'sql') {
    response =
      roll < 0.8
        ? { decision: 'accept' }
        : {
            decision: 'reject',
            reason: '商談定義を満たさない (does not meet the opportunity definition)',
            outcome: 'recycled',
            reapproachOn: new Date(at + 90 * DAY),
          };
  } else {
    response =
      roll < 0.65
        ? { decision: 'accept' }
        : roll < 0.9
          ? {
              decision: 'reject',
              reason: rng.pick(REJECT_RECYCLE),
              outcome: 'recycled',
              reapproachOn: new Date(at + rng.int(30, 120) * DAY),
            }
          : { decision: 'reject', reason: rng.pick(REJECT_DQ), outcome: 'disqualified' };
  }
  return { at, personId, kind: 'respond', handoffId: h.id, response };
}

/**
 * Interim hand-raise rule until scoring lands: a demo request or contact form moves the
 * person to MQL (DOMAIN.md 5: any hand-raise event). Then the departments work the
 * hand-offs with seeded behaviour — most answered in time, some late (stale), some
 * rejected (recycled with a re-approach date, or disqualified); recycles wake up and some
 * leads come back (re-entries). Everything goes through the lifecycle engine's pure rules
 * and is stored set-based at the end of each day.
 */
export async function simulateHandoffs(ctx: RequestContext, day: DemoDay): Promise<void> {
  const sim = simOf(day);
  const notices: NewNotification[] = [];
  for (const p of day.people) {
    sim.people.set(p.id, {
      id: p.id,
      accountId: p.accountId,
      state: {
        stage: 'lead',
        source: p.source,
        history: [
          { from: null, to: 'lead', at: p.createdAt, skipped: false, reason: null, reapproachOn: null },
        ],
        handoffs: [],
      },
      storedHistory: 1,
      storedHandoffs: new Map(),
      assignee: new Map(),
      contexts: new Map(),
    });
  }
  const end = day.end.getTime();
  const today: Plan[] = [];
  if (day.mqlCrossings) {
    // The scoring step decided who crossed the MQL rule today.
    for (const c of day.mqlCrossings) {
      today.push({ at: end, personId: c.personId, kind: 'move', to: 'mql', reason: c.reason });
    }
  } else {
    // Without scoring, DOMAIN.md 5's other MQL rule: any hand-raise event.
    for (const e of day.events) {
      if (e.type !== 'form_submit' || !e.personId || !HAND_RAISE.has(String(e.properties.form))) continue;
      today.push({
        at: e.occurredAt.getTime(),
        personId: e.personId,
        kind: 'move',
        to: 'mql',
        reason: String(e.properties.form),
      });
    }
  }
  const later: Plan[] = [];
  for (const p of sim.plans) (p.at <= end ? today : later).push(p);
  sim.plans = later;
  today.sort((a, b) => a.at - b.at);

  const touched = new Set<string>();
  for (const plan of today) {
    const person = sim.people.get(plan.personId);
    if (!person) continue;
    raiseBreaches(sim, person, plan.at, notices);
    sim.env.now = new Date(plan.at);
    const before = person.state.handoffs.length;
    try {
      act(sim, person, plan);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      continue; // the lead moved on meanwhile: the rules refuse, nothing happens
    }
    touched.add(person.id);
    for (const h of person.state.handoffs.slice(before)) {
      person.assignee.set(h.id, receiver(day, sim, person.id, h.toRole));
      sim.plans.push(planAnswer(day.rng, h, person.id));
      sim.withOpen.add(person.id);
    }
    const last = person.state.history.at(-1)!;
    if (last.to === 'recycled' && last.reapproachOn && last.at.getTime() === plan.at) {
      // The recycle wake-up job runs every 15 minutes.
      sim.plans.push({ at: last.reapproachOn.getTime() + 15 * 60_000, personId: person.id, kind: 'wake' });
    }
    if (plan.kind === 'respond' && plan.response.decision === 'accept')
      planNext(day.rng, sim, person, plan.at);
  }
  for (const id of sim.withOpen) {
    const person = sim.people.get(id)!;
    raiseBreaches(sim, person, end, notices);
    if (!person.state.handoffs.some((h) => h.status === 'open')) sim.withOpen.delete(id);
    touched.add(id);
  }
  await recordEngineBatch(
    ctx,
    [...touched].map((id) => sim.people.get(id)!),
    1,
    notices,
  );
}

function act(sim: Sim, person: TrackedPerson, plan: Plan): void {
  const { env } = sim;
  if (plan.kind === 'wake') {
    person.state = engineWake(env, person.state);
  } else if (plan.kind === 'respond') {
    if (person.state.handoffs.find((h) => h.id === plan.handoffId)?.status !== 'open') return;
    person.state = engineRespond(env, person.state, plan.handoffId, plan.response);
  } else if (plan.to === 'mql') {
    const s = person.state.stage;
    if (s === 'recycled') {
      person.state = engineTransition(env, person.state, {
        to: 'nurturing',
        reason: `hand-raise: ${plan.reason}`,
      }).state;
    } else if (s !== 'lead' && s !== 'nurturing') return;
    const r = engineTransition(env, person.state, { to: 'mql' });
    person.state = r.state;
    if (r.opened)
      person.contexts.set(r.opened.id, {
        behaviour: [{ type: 'form_submit', form: plan.reason, at: env.now }],
        notes: `hand-raise: ${plan.reason}`,
      });
  } else {
    const reapproachOn = plan.reapproachDays ? new Date(plan.at + plan.reapproachDays * DAY) : null;
    const r = engineTransition(env, person.state, { to: plan.to, reason: plan.reason ?? null, reapproachOn });
    person.state = r.state;
  }
}

/** After IS accepts: most SQLs are made within days, some go back; after AE accepts, the opportunity. */
function planNext(rng: Rng, sim: Sim, person: TrackedPerson, at: number): void {
  const stage = person.state.stage;
  if (stage === 'sal') {
    const roll = rng.next();
    const when = at + rng.int(2, 10) * DAY + rng.int(0, 8) * HOUR;
    sim.plans.push(
      roll < 0.45
        ? { at: when, personId: person.id, kind: 'move', to: 'sql' }
        : roll < 0.8
          ? {
              at: when,
              personId: person.id,
              kind: 'move',
              to: 'recycled',
              reason: '検討時期が未定 (no timeline)',
              reapproachDays: rng.int(60, 180),
            }
          : { at: when, personId: person.id, kind: 'move', to: 'disqualified', reason: '対象外 (no fit)' },
    );
  } else if (stage === 'sql') {
    sim.plans.push({ at: at + rng.int(1, 24) * HOUR, personId: person.id, kind: 'move', to: 'opportunity' });
  }
}

/** The SLA check, as the every-minute job would have run it: stale once, receiver and RevOps told. */
function raiseBreaches(sim: Sim, person: TrackedPerson, upTo: number, notices: NewNotification[]): void {
  for (const h of person.state.handoffs) {
    if (h.status !== 'open' || h.staleAt || h.dueAt.getTime() > upTo) continue;
    sim.env.now = new Date(Math.min(h.dueAt.getTime() + 60_000, upTo));
    person.state = engineSlaCheck(sim.env, person.state).state;
    for (const userId of new Set([person.assignee.get(h.id), sim.revops])) {
      if (!userId) continue;
      notices.push({
        userId,
        kind: 'sla.breached',
        title: `${h.kind.toUpperCase()} hand-off to ${h.toRole} is past its SLA`,
        entityType: 'handoff',
        entityId: h.id,
        data: { dueAt: h.dueAt },
        dedupeKey: `sla.breached:${h.id}`,
      });
    }
  }
}
