import { assertCan } from '../platform/access.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { accountsInScope } from './customer-scope.ts';
import { dayIn, daysBetween } from './fiscal-periods.ts';
import { computeHealth, hasSustainedGrowth } from './health.ts';
import { successConfigOf } from './load-success-config.ts';
import {
  accountsWithOpenSignal,
  insertExpansionSignals,
  insertHealthSnapshots,
  insertTasks,
  loadHealthInputs,
  type NewTask,
  setCurrentHealth,
  usageByWindow,
  usageEventTypes,
  workspaceCalendar,
} from './store.ts';

const DAY = 86_400_000;

export interface HealthRun {
  computed: number;
  bands: { red: number; yellow: number; green: number };
  /** Accounts that turned red in this run: each got one risk task. */
  turnedRed: string[];
  riskTaskIds: string[];
  expansionSignalIds: string[];
}

/** Every account needs a customers write grant on all of them; named ones each need to be writable (404 if not). */
async function assertMayRecompute(tx: RequestContext, accountIds: string[] | undefined): Promise<void> {
  await assertCan(tx, 'customers', 'write', accountIds ? 'any' : 'all');
  if (!accountIds) return;
  const writable = await accountsInScope(tx, accountIds, 'write');
  const missing = accountIds.find((id) => !writable.has(id));
  if (missing) throw notFound('Account', missing);
}

/**
 * Recomputes the health of one, some or all customer accounts (not churned) from the
 * last window of usage events, active users, open tickets, NPS, CS touches and the
 * renewal date. An account turning red opens one risk task for its CSM (once per red
 * episode: again only after it has left red); sustained usage growth opens an expansion
 * signal (one open at a time) and a task for the AM. One transaction, one audit row.
 */
export function recomputeHealth(
  ctx: RequestContext,
  options: { accountIds?: string[] } = {},
): Promise<HealthRun> {
  return inTransaction(ctx, async (tx) => {
    await assertMayRecompute(tx, options.accountIds);
    const { version, config } = await successConfigOf(tx);
    const { timeZone } = await workspaceCalendar(tx);
    const now = tx.now();
    const h = config.health;
    const usageTypes = await usageEventTypes(tx, h.usageEventPrefix);
    const inputs = await loadHealthInputs(tx, {
      ...(options.accountIds ? { accountIds: options.accountIds } : {}),
      since: new Date(now.getTime() - h.windowDays * DAY),
      npsSince: new Date(now.getTime() - 180 * DAY),
      trendSince: new Date(now.getTime() - 7 * DAY),
      usageTypes,
    });
    const today = dayIn(now, timeZone);
    const run: HealthRun = {
      computed: 0,
      bands: { red: 0, yellow: 0, green: 0 },
      turnedRed: [],
      riskTaskIds: [],
      expansionSignalIds: [],
    };
    const tasks: NewTask[] = [];
    const current = inputs.map((x) => {
      const result = computeHealth(
        h,
        {
          usageEvents: Number(x.usageEvents),
          activeUsers: Number(x.activeUsers),
          openTickets: Number(x.openTickets),
          npsScores: (x.npsScores ?? []).map(Number),
          engagements: Number(x.engagements),
          daysToRenewal: x.renewsOn ? daysBetween(today, x.renewsOn) : null,
        },
        x.previousScore === null ? null : Number(x.previousScore),
      );
      run.bands[result.band]++;
      let redSince = result.band === 'red' ? (x.redSince ? new Date(x.redSince) : null) : null;
      if (result.band === 'red' && !redSince) {
        redSince = now;
        run.turnedRed.push(x.accountId);
        tasks.push({
          kind: 'health_risk',
          title: `ヘルススコア低下 (${result.score}): ${x.accountName} / Health turned red`,
          dueAt: new Date(now.getTime() + 2 * DAY),
          assigneeUserId: x.csmUserId ?? x.ownerUserId,
          accountId: x.accountId,
          opportunityId: null,
          details: { score: result.score, summary: result.summary, factors: result.factors },
        });
      }
      return { x, result, redSince };
    });
    run.computed = current.length;
    const growing = await usageByWindow(tx, {
      accountIds: current.map((c) => c.x.accountId),
      windowDays: h.windowDays,
      windows: config.growth.windows + 1,
      usageTypes,
    });
    const withSignal = await accountsWithOpenSignal(tx, [...growing.keys()]);
    const signals = current.filter(
      (c) =>
        !withSignal.has(c.x.accountId) && hasSustainedGrowth(growing.get(c.x.accountId) ?? [], config.growth),
    );
    const created = await insertExpansionSignals(
      tx,
      signals.map((c) => ({
        accountId: c.x.accountId,
        evidence: {
          usageByWindow: growing.get(c.x.accountId),
          windowDays: h.windowDays,
          healthScore: c.result.score,
        },
      })),
    );
    run.expansionSignalIds = created.map((s) => s.id);
    for (const [i, s] of created.entries()) {
      const c = signals[i]!;
      tasks.push({
        kind: 'expansion_signal',
        title: `利用拡大の兆候: ${c.x.accountName} / Usage growing: review the expansion signal`,
        dueAt: new Date(now.getTime() + 5 * DAY),
        assigneeUserId: c.x.amUserId ?? c.x.csmUserId ?? c.x.ownerUserId,
        accountId: c.x.accountId,
        opportunityId: null,
        details: { signalId: s.id, usageByWindow: growing.get(c.x.accountId) },
      });
    }
    const taskRows = await insertTasks(tx, tasks);
    run.riskTaskIds = taskRows.filter((t) => t.kind === 'health_risk').map((t) => t.id);
    await insertHealthSnapshots(
      tx,
      current.map((c) => ({
        accountId: c.x.accountId,
        computedAt: now,
        score: c.result.score,
        band: c.result.band,
        factors: c.result.factors,
        configVersion: version,
      })),
    );
    await setCurrentHealth(
      tx,
      current.map((c) => ({
        accountId: c.x.accountId,
        score: c.result.score,
        band: c.result.band,
        trend: c.result.trend,
        explanation: { summary: c.result.summary, factors: c.result.factors, configVersion: version },
        redSince: c.redSince,
      })),
    );
    if (current.length > 0) {
      await appendAudit(tx, {
        action: 'health.recompute',
        entityType: 'account',
        entityId: options.accountIds?.length === 1 ? options.accountIds[0]! : null,
        after: { ...run, configVersion: version },
      });
    }
    return run;
  });
}
