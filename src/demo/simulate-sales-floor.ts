import { moveEntities, type TransitionInput } from '../lifecycle/move-entities.ts';
import { listHandoffViews } from '../lifecycle/read-lifecycle.ts';
import { type HandoffAnswer, respondToHandoffs } from '../lifecycle/respond-to-handoff.ts';
import { transitionEntity } from '../lifecycle/transition-entity.ts';
import { changeOpportunityPhase } from '../pipeline/change-opportunity-phase.ts';
import { fiscalPeriod, periodContaining } from '../pipeline/fiscal-periods.ts';
import { createOpportunity } from '../pipeline/manage-opportunities.ts';
import { quotaUseCases } from '../pipeline/manage-quotas.ts';
import { DEFAULT_EXIT_CRITERIA, OPEN_PHASES, type OpenPhase } from '../pipeline/pipeline-settings.ts';
import type { Actor, RequestContext, Role } from '../platform/context.ts';
import { DomainError } from '../platform/errors.ts';
import { zonedDate, zonedParts } from '../platform/zoned-time.ts';
import { assignHandoff, assignLead } from '../routing/assign-handoff.ts';
import { completeTask } from '../routing/complete-task.ts';
import { createSql } from '../routing/create-sql.ts';
import { enrolInCadence } from '../routing/enrol-in-cadence.ts';
import { sweepCadenceExits } from '../routing/exit-cadences.ts';
import { getDueTasksOf, getWorkQueues } from '../routing/get-work-queue.ts';
import { logActivities } from '../routing/log-activity.ts';
import { cadenceUseCases } from '../routing/manage-cadences.ts';
import { scheduleFollowUp } from '../routing/schedule-follow-up.ts';
import { personInfo, unassignedHandoffsOf } from '../routing/work-store.ts';
import type { DemoDay } from './day-steps.ts';
import type { DemoAccount } from './demo-market.ts';

const DAY = 86_400_000;
const IS_REPS = ['ent_mdr1', 'ent_sdr1', 'smb_mdr1', 'smb_mdr2', 'smb_sdr1'];
/** Mean days in each phase (SMB, about 75 days in all; enterprise deals take 1.6× as long) and the share lost there: about 3 in 10 opportunities are won. */
const PHASE_DAYS: Record<OpenPhase, number> = {
  qualification: 12,
  problem_recognition: 18,
  evaluation: 21,
  negotiation: 14,
  approval: 10,
};
const LOSS_SHARE: Record<OpenPhase, number> = {
  qualification: 0.3,
  problem_recognition: 0.25,
  evaluation: 0.2,
  negotiation: 0.15,
  approval: 0.05,
};
const LOSS_REASONS = ['price', 'competitor', 'no_budget', 'timing', 'no_decision', 'product_fit'] as const;
const COMPETITORS = ['Salesforce', 'HubSpot', 'Zoho CRM', 'Senses', 'eセールスマネージャー'];
const FULL_CHECKLIST = { budget: true, authority: true, need: true, timeline: true, appointment: true };

interface OpenDeal {
  id: string;
  version: number;
  phase: OpenPhase;
  owner: string;
  enterprise: boolean;
}

interface FloorState {
  cadenceId: string;
  accounts: Map<string, DemoAccount>;
  touches: Map<string, number>;
  open: OpenDeal[];
  quotaPeriods: Set<string>;
}

const states = new WeakMap<object, FloorState>();

const actors = new WeakMap<RequestContext, Map<string, RequestContext>>();
/** Each rep's actor for the whole run: the access policy is cached per actor, and the demo never changes it. */
const members = new Map<string, Actor>();

/** A rep acting within the day; one context per rep and day, sharing the rep's actor across days. */
function actor(ctx: RequestContext, userId: string, role: Role): RequestContext {
  let mine = actors.get(ctx);
  if (!mine) {
    mine = new Map();
    actors.set(ctx, mine);
  }
  const key = `${userId}:${role}`;
  let found = mine.get(key);
  if (!found) {
    const member = `${ctx.workspaceId}:${key}`;
    let who = members.get(member);
    if (!who) {
      who = { type: 'user', userId, roles: [role] };
      members.set(member, who);
    }
    found = { ...ctx, actor: who };
    mine.set(key, found);
  }
  return found;
}

/** Runs a use case; a rule the simulated rep runs into (someone else moved the lead) is skipped. */
async function attempt<T>(work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof DomainError) return undefined;
    throw err;
  }
}

async function setup(ctx: RequestContext, day: DemoDay): Promise<FloorState> {
  const cadence = (await cadenceUseCases.create(ctx, {
    name: '新規MQLフォロー (5日間)',
    steps: [
      { dayOffset: 0, channel: 'call', instructions: '初回架電：課題と検討状況をヒアリング' },
      { dayOffset: 1, channel: 'email', instructions: 'お礼メールと導入事例の送付' },
      { dayOffset: 3, channel: 'call', instructions: '再架電：打ち合わせ日程の提案' },
      { dayOffset: 5, channel: 'email', instructions: 'セミナー案内と最終フォロー' },
    ],
  })) as { id: string };
  return {
    cadenceId: cadence.id,
    accounts: new Map(day.market.accounts.map((a) => [a.id, a])),
    touches: new Map(),
    open: [],
    quotaPeriods: new Set(),
  };
}

/** Quotas for each AE at the start of every fiscal quarter. */
async function quotas(ctx: RequestContext, day: DemoDay, state: FloorState) {
  const period = periodContaining(day.end, 4, 'Asia/Tokyo');
  for (const key of [period.key, nextQuarter(period.key)]) {
    if (state.quotaPeriods.has(key)) continue;
    state.quotaPeriods.add(key);
    for (const ae of ['ent_ae1', 'ent_ae2', 'smb_ae1', 'smb_ae2', 'smb_ae3']) {
      const owner = day.users.get(ae);
      if (owner)
        await quotaUseCases.create(ctx, {
          period: key,
          ownerUserId: owner,
          amountMrr: ae.startsWith('ent') ? 1_800_000 : 700_000,
        });
    }
  }
}

function nextQuarter(key: string): string {
  const p = fiscalPeriod(key, 4, 'Asia/Tokyo');
  return periodContaining(new Date(p.end.getTime() + DAY), 4, 'Asia/Tokyo').key;
}

/**
 * Hand-raisers among the day's new people reach Inside Sales and are routed: about 0.6
 * inbound leads a day and an outbound one every five days, the pace a five-rep IS team
 * works in this demo. (When the scoring slice raises MQLs first, they are only routed.)
 */
async function newMqls(ctx: RequestContext, day: DemoDay, state: FloorState) {
  const inbound = day.people.filter((p) => p.accountId && p.interest === 'hot' && p.source !== 'outbound');
  const outbound = day.people.filter((p) => p.accountId && p.source === 'outbound');
  const picked = [
    ...(inbound.length && day.rng.chance(0.6) ? [day.rng.pick(inbound)] : []),
    ...(outbound.length && day.rng.chance(0.2) ? [day.rng.pick(outbound)] : []),
  ];
  for (const p of picked) {
    const person = await personInfo(ctx, p.id);
    if (!person) continue;
    if (person.stage === 'lead' || person.stage === 'nurturing')
      await attempt(() =>
        transitionEntity(ctx, { entityType: 'person', entityId: p.id, to: 'mql', reason: 'hand-raise' }),
      );
    else if (person.stage !== 'mql' || person.ownerUserId) continue;
    const open = await unassignedHandoffsOf(ctx, p.id, 'mql');
    const owner = open.length
      ? (await assignHandoff(ctx, open[0]!.id)).toUserId
      : (await assignLead(ctx, p.id, 'mql')).userId;
    if (owner && day.rng.chance(0.25))
      await attempt(() => enrolInCadence(actor(ctx, owner, 'mdr'), state.cadenceId, { personId: p.id }));
  }
}

async function openOpportunity(
  ctx: RequestContext,
  day: DemoDay,
  state: FloorState,
  personId: string,
  accountId: string,
) {
  const routed = await assignLead(ctx, personId, 'sql');
  if (!routed.userId) return;
  const account = state.accounts.get(accountId);
  const enterprise = (account?.employeeCount ?? 0) >= 500;
  const cycle = Object.values(PHASE_DAYS).reduce((a, b) => a + b, 0) * (enterprise ? 1.6 : 1);
  const closeDate = zonedDate(
    new Date(day.end.getTime() + cycle * DAY * (0.8 + day.rng.next() * 0.6)),
    'Asia/Tokyo',
  );
  const mrr = Math.round(day.rng.logNormal(enterprise ? 450_000 : 80_000, 0.5) / 1000) * 1000;
  const opp = await createOpportunity(actor(ctx, routed.userId, 'ae'), {
    accountId,
    name: `${account?.name ?? '取引先'} ${day.rng.pick(['全社導入', '営業部導入', 'MA連携', '追加ライセンス'])}`,
    closeDate,
    amountMrr: mrr,
    amountOneTime: Math.round(mrr * day.rng.pick([0, 1, 2])),
    primaryPersonId: personId,
    nextStep: day.rng.chance(0.8) ? '初回訪問・課題ヒアリング' : null,
    type: 'new',
  });
  state.open.push({
    id: opp.id,
    version: opp.version,
    phase: 'qualification',
    owner: routed.userId,
    enterprise,
  });
}

/**
 * Each IS rep works the top of their queue: a touch per lead (logged together, as a rep
 * logs the morning's calls), then accept, qualify, recycle or follow up. The rep's stage
 * moves of the day go through the lifecycle engine as one batch.
 */
async function workQueues(ctx: RequestContext, day: DemoDay, state: FloorState) {
  const at = (minutes: number) => new Date(day.start.getTime() + minutes * 60_000).toISOString();
  const reps = IS_REPS.flatMap((key) => {
    const rep = day.users.get(key);
    return rep ? [{ rep, ctx: actor(ctx, rep, key.includes('sdr') ? 'sdr' : 'mdr') }] : [];
  });
  // Due tasks first, then every rep's queue from one read: a rep's queue holds only their own leads.
  const due = await getDueTasksOf(
    ctx,
    reps.map((r) => r.rep),
  );
  for (const { rep, ctx: repCtx } of reps)
    for (const task of due.get(rep)!) await attempt(() => completeTask(repCtx, task.id));
  const queues = await getWorkQueues(
    ctx,
    reps.map((r) => r.rep),
    5,
  );
  for (const { rep, ctx: repCtx } of reps) {
    // The simulated day starts at 00:00 UTC, 09:00 in Tokyo.
    const worked = queues.get(rep)!.items.map((item, k) => {
      const touches = (state.touches.get(item.personId) ?? 0) + 1;
      state.touches.set(item.personId, touches);
      const outcome = day.rng.weighted([
        ['connected', 0.35],
        ['no_answer', 0.4],
        ['voicemail', 0.12],
        ['replied', 0.08],
        ['not_interested', 0.05],
      ] as const);
      return { item, touches, outcome, occurredAt: at(25 * (k + 1)) };
    });
    await logActivities(
      repCtx,
      worked.map(({ item, outcome, occurredAt }) => ({
        type: outcome === 'replied' ? 'email' : 'call',
        outcome,
        personId: item.personId,
        occurredAt,
      })),
    );
    const moves: TransitionInput[] = [];
    const move = (personId: string, to: string, more: Partial<TransitionInput> = {}) =>
      moves.push({ entityType: 'person', entityId: personId, to, ...more });
    const recycle = (personId: string, reason: string) =>
      move(personId, 'recycled', {
        reason,
        reapproachOn: new Date(day.end.getTime() + day.rng.int(45, 120) * DAY),
      });
    // The open MQL hand-offs of the rep's leads, from one read (the newest per lead).
    const mqlLeads = worked.flatMap(({ item }) => (item.stage === 'mql' ? [item.personId] : []));
    const openMql = new Map<string, string>();
    if (mqlLeads.length)
      for (const h of await listHandoffViews(ctx, {
        personIds: mqlLeads,
        status: 'open',
        kind: 'mql',
        limit: 500,
      }))
        if (h.personId && !openMql.has(h.personId)) openMql.set(h.personId, h.id);
    const answers: HandoffAnswer[] = [];
    for (const { item, touches, outcome } of worked) {
      if (item.stage === 'recycled') {
        move(item.personId, 'nurturing', { reason: 're-approach' });
        continue;
      }
      if (item.stage === 'mql') {
        // The rep answers the MQL hand-off: most are accepted (→ sal), some sent back with a reason.
        const open = openMql.get(item.personId);
        if (!open) {
          move(item.personId, 'sal');
        } else if (day.rng.chance(0.12)) {
          const recycled = day.rng.chance(0.6);
          answers.push({
            handoffId: open,
            response: {
              decision: 'reject',
              reason: recycled
                ? day.rng.pick(['予算未確保', '導入時期が未定'])
                : day.rng.pick(['学生', '競合他社', '連絡先不備']),
              outcome: recycled ? 'recycled' : 'disqualified',
              reapproachOn: recycled ? new Date(day.end.getTime() + day.rng.int(30, 90) * DAY) : null,
            },
          });
        } else {
          answers.push({ handoffId: open, response: { decision: 'accept' } });
        }
        continue;
      }
      if (item.stage !== 'sal') continue;
      const reachedThem = outcome === 'connected' || outcome === 'replied';
      if (outcome === 'not_interested') recycle(item.personId, 'not_interested');
      else if (reachedThem && day.rng.chance(0.5)) {
        const done = await attempt(() => createSql(repCtx, item.personId, { checklist: FULL_CHECKLIST }));
        if (done && item.accountId) await openOpportunity(ctx, day, state, item.personId, item.accountId);
      } else if (reachedThem && day.rng.chance(0.25))
        recycle(item.personId, day.rng.pick(['timing', 'budget']));
      else if (reachedThem && day.rng.chance(0.2))
        await attempt(() =>
          scheduleFollowUp(repCtx, item.personId, {
            followUpAt: new Date(day.end.getTime() + day.rng.int(14, 40) * DAY).toISOString(),
            note: '検討時期に再連絡',
          }),
        );
      else if (touches >= 4) recycle(item.personId, 'no_response');
    }
    // An answer or move the rules refuse (someone else moved the lead) is skipped, as the rep would.
    await respondToHandoffs(repCtx, answers);
    await moveEntities(repCtx, moves);
  }
}

/** Field Sales moves each open deal on at the pace of its phase: forward with the checklist done, or lost. */
async function workDeals(ctx: RequestContext, day: DemoDay, state: FloorState) {
  const stillOpen: OpenDeal[] = [];
  for (const deal of state.open) {
    const mean = PHASE_DAYS[deal.phase] * (deal.enterprise ? 1.6 : 1);
    if (!day.rng.chance(1 / mean)) {
      stillOpen.push(deal);
      continue;
    }
    const lost = day.rng.chance(LOSS_SHARE[deal.phase]);
    const next = OPEN_PHASES[OPEN_PHASES.indexOf(deal.phase) + 1] ?? 'won';
    const lossReason = day.rng.pick(LOSS_REASONS);
    const row = await attempt(() =>
      changeOpportunityPhase(actor(ctx, deal.owner, 'ae'), deal.id, {
        version: deal.version,
        to: lost ? 'lost' : next,
        ...(lost
          ? { lossReason, ...(lossReason === 'competitor' ? { competitor: day.rng.pick(COMPETITORS) } : {}) }
          : { check: DEFAULT_EXIT_CRITERIA[deal.phase].map((i) => i.key) }),
      }),
    );
    if (!row) continue;
    if (row.phase !== 'won' && row.phase !== 'lost')
      stillOpen.push({ ...deal, version: row.version, phase: row.phase as OpenPhase });
  }
  state.open = stillOpen;
}

/**
 * The sales floor's day in the demo: hand-raisers reach Inside Sales and are routed to
 * their POD, IS reps work their queues on weekdays (calls, emails, cadences, SQLs,
 * recycles, follow-ups), and AEs move opportunities through the phases to won or lost.
 */
export async function simulateSalesFloor(ctx: RequestContext, day: DemoDay): Promise<void> {
  let state = states.get(day.market);
  if (!state) {
    state = await setup(ctx, day);
    states.set(day.market, state);
  }
  await quotas(ctx, day, state);
  await newMqls(ctx, day, state);
  const weekday = zonedParts(day.start, 'Asia/Tokyo').weekday;
  if (weekday < 5) await workQueues(ctx, day, state);
  await workDeals(ctx, day, state);
  await sweepCadenceExits(ctx);
}
