import { events } from '../capture/schema.ts';
import { recordEntry, transitionEntity } from '../lifecycle/transition-entity.ts';
import type { RequestContext } from '../platform/context.ts';
import { bulkInsert } from '../platform/db/bulk-insert.ts';
import { Rng } from '../platform/random.ts';
import { activities } from '../routing/schema.ts';
import { amendSubscription } from '../success/amend-subscription.ts';
import { churnSubscription } from '../success/churn-subscription.ts';
import { completeOnboardingTask } from '../success/complete-onboarding-task.ts';
import { createSubscriptionFromWin } from '../success/create-subscription-from-win.ts';
import { enterRenewals } from '../success/enter-renewals.ts';
import { dayIn } from '../success/fiscal-periods.ts';
import { updateSuccessConfig } from '../success/load-success-config.ts';
import { recomputeHealth } from '../success/recompute-health.ts';
import { type CustomerSignalInput, recordCustomerSignals } from '../success/record-customer-signals.ts';
import { renewSubscription } from '../success/renew-subscription.ts';
import { acceptExpansionSignal } from '../success/respond-expansion-signal.ts';
import { startRevenueFromWins } from '../success/start-revenue-from-wins.ts';
import { insertOpportunity, personStage, type SubscriptionRow, tasksOfAccount } from '../success/store.ts';
import { DEFAULT_SUCCESS_CONFIG } from '../success/success-config.ts';
import type { DemoDay } from './day-steps.ts';
import {
  type DemoAccount,
  type DemoMarket,
  type DemoPerson,
  seededUuid,
  seededUuidAt,
} from './demo-market.ts';

const DAY = 86_400_000;
/** Events from an account's people before a deal is likely; the most engaged accounts buy. */
const ENGAGED = 5;
/** About one new customer every other day, whatever the market's size. */
const WIN_CHANCE = 0.4;
/** Weekly chores (renewal window, the won-deal safety net) run on this weekday of the simulation. */
const WEEKLY = 6;
const HEALTH_EVERY_DAYS = 14;
const USAGE = [
  'product.login',
  'product.dashboard_viewed',
  'product.report_viewed',
  'product.record_created',
  'product.export',
];
const CHURN_REASONS = [
  '予算削減 / budget cut',
  '利用定着せず / never adopted',
  '競合へ乗り換え / moved to a competitor',
  '事業縮小 / downsized',
];

type Path = 'grow' | 'steady' | 'decline';
interface Customer {
  accountId: string;
  sub: SubscriptionRow;
  enterprise: boolean;
  path: Path;
  /** Usage events a day, drifting with the path. */
  usage: number;
  onboarding: { id: string; due: number }[];
  /** Day index of the next monthly look (contraction, NPS, tickets, CSM meeting). */
  nextLook: number;
  expansionDealDue?: { opportunityId: string; day: number };
  openTickets: string[];
}
interface State {
  rng: Rng;
  engagement: Map<string, number>;
  accounts: Map<string, DemoAccount>;
  peopleOf: Map<string, DemoPerson[]>;
  customers: Map<string, Customer>;
  churnedOn: Map<string, number>;
  won: Set<string>;
  /** Deals the sales floor closed; while there are none, this step closes deals itself. */
  foreignWins: number;
}

const states = new WeakMap<DemoMarket, State>();

function stateOf(market: DemoMarket): State {
  let s = states.get(market);
  if (!s) {
    const peopleOf = new Map<string, DemoPerson[]>();
    for (const p of market.people)
      if (p.accountId) peopleOf.set(p.accountId, [...(peopleOf.get(p.accountId) ?? []), p]);
    s = {
      rng: new Rng(market.accounts.length * 7919 + market.people.length),
      engagement: new Map(),
      accounts: new Map(market.accounts.map((a) => [a.id, a])),
      peopleOf,
      customers: new Map(),
      churnedOn: new Map(),
      won: new Set(),
      foreignWins: 0,
    };
    states.set(market, s);
  }
  return s;
}

const round = (yen: number) => Math.max(10_000, Math.round(yen / 1000) * 1000);

/**
 * Customer Success over the simulated year, through the production use cases: won deals
 * become subscriptions and onboarding checklists that ONB works through to the CSM
 * hand-off; customers use the product (usage events with account context), answer NPS,
 * open tickets; health is recomputed every two weeks (risk tasks, expansion signals the
 * AM accepts and wins); renewals are entered and renewed or churned; some churned
 * accounts come back. Until the sales floor closes deals, the most engaged accounts buy.
 */
export async function simulateSuccess(ctx: RequestContext, day: DemoDay): Promise<void> {
  const s = stateOf(day.market);
  const rng = s.rng;
  if (day.index === 0) await updateSuccessConfig(ctx, demoConfig());
  const team = (key: string) => day.users.get(key) ?? null;
  const teamFor = (enterprise: boolean) =>
    enterprise
      ? { onbUserId: team('ent_onb1'), csmUserId: team('ent_csm1'), amUserId: team('am1') }
      : {
          onbUserId: team('smb_onb1'),
          csmUserId: team(rng.chance(0.5) ? 'smb_csm1' : 'smb_csm2'),
          amUserId: team('am1'),
        };

  // 1. Wins: the sales floor's first, else the most engaged accounts.
  for (const e of day.events)
    if (e.accountId) s.engagement.set(e.accountId, (s.engagement.get(e.accountId) ?? 0) + 1);
  const weekly = day.index % 7 === WEEKLY;
  const foreign = weekly ? await startRevenueFromWins(ctx, new Date(day.start.getTime() - 7 * DAY)) : [];
  s.foreignWins += foreign.length;
  for (const sub of foreign) await adopt(ctx, s, sub, day, rng);
  if (s.foreignWins === 0) {
    if (rng.chance(WIN_CHANCE)) {
      // The most engaged account not yet a customer buys.
      let best: [string, number] | undefined;
      for (const entry of s.engagement)
        if (entry[1] >= ENGAGED && !s.won.has(entry[0]) && (!best || entry[1] > best[1])) best = entry;
      if (best) await win(ctx, s, best[0], day, rng, teamFor, 'new');
    }
  }
  for (const [accountId, on] of s.churnedOn) {
    if (day.index - on > 45 && rng.chance(0.015)) {
      s.churnedOn.delete(accountId);
      await win(ctx, s, accountId, day, rng, teamFor, 'new');
    }
  }

  // 2. Product usage and onboarding.
  const usage: object[] = [];
  for (const c of s.customers.values()) {
    const people = (s.peopleOf.get(c.accountId) ?? []).filter(
      (p) => p.createdAt.getTime() <= day.end.getTime(),
    );
    const n = Math.floor(c.usage + rng.next());
    for (let i = 0; i < n && people.length; i++) {
      const at = new Date(day.start.getTime() + rng.next() * (day.end.getTime() - day.start.getTime()));
      usage.push({
        id: seededUuidAt(rng, at),
        workspaceId: ctx.workspaceId,
        idempotencyKey: `demo:cs:${day.index}:${c.accountId}:${i}`,
        type: rng.pick(USAGE),
        occurredAt: at,
        receivedAt: at,
        personId: rng.pick(people).id,
        accountId: c.accountId,
      });
    }
    const due = c.onboarding.filter((t) => t.due <= day.index && rng.chance(0.5));
    for (const t of due) {
      await completeOnboardingTask(ctx, t.id);
      c.onboarding = c.onboarding.filter((x) => x.id !== t.id);
    }
  }
  await bulkInsert(ctx.db, events, usage as (typeof events.$inferInsert)[]);

  // 3. Monthly life of each customer: usage drift, contraction, NPS, tickets, a CSM meeting.
  const signals: CustomerSignalInput[] = [];
  const meetings: object[] = [];
  for (const c of [...s.customers.values()]) {
    for (const id of c.openTickets.splice(0)) {
      signals.push({
        kind: 'support_ticket',
        accountId: c.accountId,
        externalId: id,
        occurredAt: day.start,
        status: 'closed',
        closedAt: day.end,
      });
    }
    if (c.expansionDealDue && c.expansionDealDue.day <= day.index) {
      const { opportunityId } = c.expansionDealDue;
      c.expansionDealDue = undefined;
      await transitionEntity(ctx, { entityType: 'opportunity', entityId: opportunityId, to: 'won' });
      const row = await createSubscriptionFromWin(ctx, opportunityId);
      if (row.id === c.sub.id) c.sub = row;
    }
    if (day.index < c.nextLook) continue;
    c.nextLook = day.index + 30;
    c.usage *= c.path === 'grow' ? 1.3 : c.path === 'decline' ? 0.6 : 1 + (rng.next() - 0.5) * 0.2;
    const nps = c.path === 'grow' ? rng.int(8, 10) : c.path === 'steady' ? rng.int(6, 10) : rng.int(1, 7);
    if (rng.chance(0.5))
      signals.push({ kind: 'nps', accountId: c.accountId, occurredAt: day.end, score: nps });
    if (rng.chance(c.path === 'decline' ? 0.7 : 0.2)) {
      const id = `DEMO-${seededUuid(rng).slice(0, 8)}`;
      signals.push({
        kind: 'support_ticket',
        accountId: c.accountId,
        externalId: id,
        occurredAt: day.start,
        priority: rng.int(1, 4),
        status: 'open',
      });
      if (rng.chance(0.5)) c.openTickets.push(id);
    }
    if (c.path !== 'decline' || rng.chance(0.3)) {
      meetings.push({
        id: seededUuid(rng),
        workspaceId: ctx.workspaceId,
        type: 'meeting',
        outcome: 'connected',
        accountId: c.accountId,
        userId: team(c.enterprise ? 'ent_csm1' : 'smb_csm1'),
        occurredAt: day.start,
        createdAt: day.start,
      });
    }
    if (c.path === 'decline' && rng.chance(0.25)) {
      const sub = c.sub;
      if (sub.status === 'active' && sub.mrr > 20_000)
        c.sub = await amendSubscription(ctx, sub.id, {
          version: sub.version,
          mrr: round(sub.mrr * 0.7),
          effectiveOn: dayIn(day.end, 'Asia/Tokyo'),
          reason: '利用部門の縮小 / fewer seats',
        });
    }
  }
  if (signals.length) await recordCustomerSignals(ctx, { items: signals });
  if (meetings.length) await bulkInsert(ctx.db, activities, meetings as (typeof activities.$inferInsert)[]);

  // 4. Renewals: enter the window, then renew or churn on the date.
  if (weekly) await enterRenewals(ctx);
  const today = dayIn(day.end, 'Asia/Tokyo');
  for (const c of [...s.customers.values()]) {
    const sub = c.sub;
    if (sub.status !== 'active' || !sub.renewsOn || sub.renewsOn > today) continue;
    if (c.path === 'decline' && rng.chance(0.7)) {
      await churnSubscription(ctx, sub.id, {
        version: sub.version,
        reason: rng.pick(CHURN_REASONS),
        endsOn: sub.renewsOn,
      });
      s.customers.delete(c.accountId);
      s.churnedOn.set(c.accountId, day.index);
    } else {
      c.sub = await renewSubscription(ctx, sub.id, {
        version: sub.version,
        ...(c.path === 'grow' ? { mrr: round(sub.mrr * 1.1) } : {}),
      });
    }
  }
  // A few leave mid-term (declining, no renewal in sight).
  for (const c of [...s.customers.values()]) {
    if (c.path !== 'decline' || c.usage > 0.12 || !rng.chance(0.01)) continue;
    const sub = c.sub;
    if (sub.status !== 'active' || sub.startsOn >= today) continue;
    await churnSubscription(ctx, sub.id, {
      version: sub.version,
      reason: rng.pick(CHURN_REASONS),
      endsOn: today,
    });
    s.customers.delete(c.accountId);
    s.churnedOn.set(c.accountId, day.index);
  }

  // 5. Health every two weeks: red accounts get risk tasks, growing ones expansion signals.
  if (day.index % HEALTH_EVERY_DAYS === HEALTH_EVERY_DAYS - 1 && s.customers.size > 0) {
    const run = await recomputeHealth(ctx);
    for (const signalId of run.expansionSignalIds) {
      if (!rng.chance(0.6)) continue;
      const { opportunity, signal } = await acceptExpansionSignal(ctx, signalId, {
        version: 1,
        ownerUserId: team('am1') ?? undefined,
        amountMrr: round(rng.int(20, 80) * 1000),
      });
      const c = s.customers.get(signal.accountId);
      if (c && rng.chance(0.7))
        c.expansionDealDue = { opportunityId: opportunity.id, day: day.index + rng.int(14, 45) };
    }
  }
}

/** A deal this step closes itself: the won opportunity, its contacts become customers, revenue starts. */
async function win(
  ctx: RequestContext,
  s: State,
  accountId: string,
  day: DemoDay,
  rng: Rng,
  teamFor: (enterprise: boolean) => {
    onbUserId: string | null;
    csmUserId: string | null;
    amUserId: string | null;
  },
  type: 'new',
) {
  const account = s.accounts.get(accountId);
  if (!account) return;
  s.won.add(accountId);
  const enterprise = account.employeeCount >= 500;
  const opp = await insertOpportunity(ctx, {
    accountId,
    name: `${account.name} ${enterprise ? 'エンタープライズ' : 'スタンダード'}導入`,
    type,
    phase: 'won',
    phaseEnteredAt: day.end,
    amountMrr: round(enterprise ? rng.logNormal(250_000, 0.5) : rng.logNormal(45_000, 0.5)),
    closeDate: dayIn(day.end, 'Asia/Tokyo'),
    closedAt: day.end,
    ownerUserId: null,
  });
  await recordEntry(ctx, 'opportunity', opp.id, day.end, 'won');
  const contacts = (s.peopleOf.get(accountId) ?? [])
    .filter((p) => p.createdAt.getTime() <= day.end.getTime())
    .slice(0, 2);
  for (const p of contacts) {
    const stage = await personStage(ctx, p.id);
    if (stage && !['customer', 'disqualified', 'recycled', 'churned', 'lost'].includes(stage))
      await transitionEntity(ctx, { entityType: 'person', entityId: p.id, to: 'customer' });
  }
  const sub = await createSubscriptionFromWin(ctx, opp.id, {
    plan: enterprise ? 'enterprise' : 'standard',
    termMonths: enterprise ? 12 : rng.chance(0.4) ? 6 : 12,
    ...teamFor(enterprise),
  });
  await adopt(ctx, s, sub, day, rng);
}

/** Starts following a new customer: its path through the year and its onboarding checklist. */
async function adopt(ctx: RequestContext, s: State, sub: SubscriptionRow, day: DemoDay, rng: Rng) {
  const accountId = sub.accountId;
  const account = s.accounts.get(accountId);
  s.won.add(accountId);
  // A churned account the sales floor wins back is a customer again, not a win-back candidate.
  s.churnedOn.delete(accountId);
  const path: Path = rng.weighted([
    ['grow', 0.25],
    ['steady', 0.55],
    ['decline', 0.2],
  ] as const);
  const items = (await tasksOfAccount(ctx, accountId, 'onboarding')).filter((t) => t.status === 'open');
  s.customers.set(accountId, {
    accountId,
    sub,
    enterprise: (account?.employeeCount ?? 0) >= 500,
    path,
    usage: path === 'decline' ? rng.next() * 0.3 + 0.15 : rng.next() * 0.4 + 0.3,
    onboarding: items.map((t) => ({
      id: t.id,
      due: day.index + Math.round(((t.dueAt?.getTime() ?? day.end.getTime()) - day.end.getTime()) / DAY),
    })),
    nextLook: day.index + rng.int(20, 40),
    openTickets: [],
  });
}

/** The defaults, with targets scaled to the demo's small customers. */
function demoConfig() {
  return {
    ...DEFAULT_SUCCESS_CONFIG,
    health: {
      ...DEFAULT_SUCCESS_CONFIG.health,
      factors: DEFAULT_SUCCESS_CONFIG.health.factors.map((f) =>
        f.key === 'usage_events'
          ? { ...f, target: 15 }
          : f.key === 'active_users'
            ? { ...f, target: 3 }
            : f.key === 'engagement'
              ? { ...f, target: 1 }
              : f,
      ),
    },
    growth: { windows: 2, minGrowth: 0.2, minEvents: 10 },
    onboarding: [
      { plan: '*', items: [0, 3, 4].map((i) => DEFAULT_SUCCESS_CONFIG.onboarding[0]!.items[i]!) },
      { plan: 'enterprise', items: [0, 1, 4, 5].map((i) => DEFAULT_SUCCESS_CONFIG.onboarding[1]!.items[i]!) },
    ],
  };
}
