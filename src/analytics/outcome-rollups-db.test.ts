import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.ts';
import { newWorkspace } from '../../test/factories.ts';
import { newAccount, newMember, newPerson, newTeam } from '../../test/sales-floor.ts';
import { generateDemo } from '../demo/generate-demo.ts';
import { respondToHandoff } from '../lifecycle/respond-to-handoff.ts';
import { moveEntity, transitionEntity } from '../lifecycle/transition-entity.ts';
import { changeOpportunityPhase } from '../pipeline/change-opportunity-phase.ts';
import { createOpportunity, updateOpportunity } from '../pipeline/manage-opportunities.ts';
import { readPipelineSettings } from '../pipeline/pipeline-settings.ts';
import type { RequestContext } from '../platform/context.ts';
import { systemContext } from '../platform/context.ts';
import type { Database } from '../platform/db/open-database.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { closedByPeriod, dealStats, handoffStats } from './metrics-store.ts';
import { type Calendar, type Grain, localDay } from './periods.ts';
import {
  closedByPeriodFromDeals,
  dealStatsFromDeals,
  handoffStatsFromHandoffs,
} from './raw-outcome-store.ts';
import { rebuildOutcomeRollups } from './rebuild-rollups.ts';
import { workspaceCalendar } from './store.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const HOUR = 3_600_000;
const BASE = new Date('2025-04-01T00:30:00Z').getTime();
const PHASES = ['qualification', 'problem_recognition', 'evaluation', 'negotiation', 'approval'];

/** A deal's random life: created on a day, advanced, maybe closed some hours later, maybe re-priced. */
const dealArbitrary = fc.record({
  hour: fc.integer({ min: 0, max: 24 * 300 }),
  advance: fc.integer({ min: 0, max: 4 }),
  end: fc.constantFrom('won', 'lost', 'open'),
  closeAfterHours: fc.integer({ min: 1, max: 24 * 60 }),
  amount: fc.integer({ min: 0, max: 900_000 }),
  reprice: fc.option(fc.integer({ min: 0, max: 900_000 }), { nil: null }),
});
/** A lead's hand-off: opened at MQL, then accepted, rejected, moved past directly, or left open. */
const handoffArbitrary = fc.record({
  hour: fc.integer({ min: 0, max: 24 * 300 }),
  outcome: fc.constantFrom('accept', 'reject', 'direct', 'open'),
  afterHours: fc.integer({ min: 0, max: 24 * 10 }),
  thenSql: fc.boolean(),
});

type DealLife = typeof dealArbitrary extends fc.Arbitrary<infer T> ? T : never;
type HandoffLife = typeof handoffArbitrary extends fc.Arbitrary<infer T> ? T : never;

async function setUp() {
  const { ctx: system } = await newWorkspace(database);
  const pod = await newTeam(system, {
    name: 'ALL',
    segmentRule: { field: 'employeeCount', op: 'gte', value: 0 },
  });
  const ae = await newMember(system, 'ae', pod.id);
  await newMember(system, 'mdr', pod.id);
  await newMember(system, 'csm', pod.id);
  return { system, ae };
}

async function writeDeals(system: RequestContext, ae: string, deals: DealLife[]) {
  const lossReason = readPipelineSettings({}).lossReasons[0]!;
  for (const d of deals) {
    let clock = new Date(BASE + d.hour * HOUR);
    const as = (): RequestContext => ({
      ...system,
      now: () => clock,
      actor: { type: 'user', userId: ae, roles: ['ae', 'manager'] },
    });
    const account = await newAccount(as(), { employeeCount: 50 });
    let opp = await createOpportunity(as(), {
      accountId: account.id,
      name: '導入',
      closeDate: localDay(new Date(clock.getTime() + 90 * 24 * HOUR), {
        timeZone: 'Asia/Tokyo',
        fiscalYearStartMonth: 4,
      }),
      amountMrr: d.amount,
    });
    for (const to of PHASES.slice(1, 1 + d.advance)) {
      clock = new Date(clock.getTime() + 24 * HOUR);
      opp = await changeOpportunityPhase(as(), opp.id, {
        version: opp.version,
        to: to as never,
        overrideReason: 'test',
      });
    }
    if (d.end !== 'open') {
      clock = new Date(clock.getTime() + d.closeAfterHours * HOUR);
      opp = await changeOpportunityPhase(as(), opp.id, {
        version: opp.version,
        to: d.end as never,
        overrideReason: 'test',
        ...(d.end === 'lost' ? { lossReason } : {}),
      });
    }
    if (d.reprice !== null) {
      clock = new Date(clock.getTime() + HOUR);
      opp = (await updateOpportunity(as(), opp.id, {
        version: opp.version,
        amountMrr: d.reprice,
      })) as typeof opp;
    }
  }
}

async function writeHandoffs(system: RequestContext, hs: HandoffLife[]) {
  for (const h of hs) {
    let clock = new Date(BASE + h.hour * HOUR);
    const at = (): RequestContext => ({ ...system, now: () => clock });
    const person = await newPerson(at());
    await transitionEntity(at(), { entityType: 'person', entityId: person.id, to: 'nurturing' });
    const { handoff } = await moveEntity(at(), { entityType: 'person', entityId: person.id, to: 'mql' });
    clock = new Date(clock.getTime() + h.afterHours * HOUR);
    if (h.outcome === 'accept') await respondToHandoff(at(), handoff!.id, { decision: 'accept' });
    if (h.outcome === 'reject')
      await respondToHandoff(at(), handoff!.id, {
        decision: 'reject',
        reason: 'no budget',
        outcome: 'disqualified',
      });
    if (h.outcome === 'direct')
      await transitionEntity(at(), { entityType: 'person', entityId: person.id, to: 'sal' });
    if (h.thenSql && h.outcome !== 'reject') {
      clock = new Date(clock.getTime() + HOUR);
      await transitionEntity(at(), { entityType: 'person', entityId: person.id, to: 'sql' });
    }
  }
}

/** Every outcome rollup row of a workspace, in one order: what a rebuild must reproduce. */
async function outcomeRows(ctx: RequestContext) {
  const ws = ctx.workspaceId;
  return {
    deals: await queryRows(
      ctx.db,
      sql`select type, to_char(day, 'YYYY-MM-DD') as day, outcome, n::bigint::text as n, mrr::bigint::text as mrr
          from analytics_deal_rollup where workspace_id = ${ws} order by 1, 2, 3`,
    ),
    handoffs: await queryRows(
      ctx.db,
      sql`select to_char(day, 'YYYY-MM-DD') as day, kind, measure, n::bigint::text as n
          from analytics_handoff_rollup where workspace_id = ${ws} order by 1, 2, 3`,
    ),
  };
}

const RANGES: [string, string][] = [
  ['2025-04-01', '2026-03-31'],
  ['2025-06-15', '2025-09-10'],
  ['2025-11-01', '2026-06-30'],
];
const GRAINS: Grain[] = ['day', 'week', 'month', 'fiscal_quarter'];
const byStart = <T extends { start: string }>(rows: T[]) =>
  [...rows].sort((a, b) => (a.start < b.start ? -1 : 1));
const byKind = <T extends { kind: string }>(rows: T[]) =>
  [...rows]
    .map((r) => ({
      kind: r.kind,
      accepted: Number((r as never as { accepted: number }).accepted),
      rejected: Number((r as never as { rejected: number }).rejected),
      due: Number((r as never as { due: number }).due),
      on_time: Number((r as never as { on_time: number }).on_time),
    }))
    .sort((a, b) => (a.kind < b.kind ? -1 : 1));

/** The rollup reads equal the raw counts for every range, grain and reading time. */
async function expectRollupsEqualRaw(ctx: RequestContext, cal: Calendar, nows: Date[]) {
  for (const [from, to] of RANGES) {
    for (const grain of GRAINS)
      expect(byStart(await closedByPeriod(ctx, cal, grain, from, to))).toEqual(
        byStart(await closedByPeriodFromDeals(ctx, cal, grain, from, to)),
      );
    expect(await dealStats(ctx, cal, from, to)).toEqual(await dealStatsFromDeals(ctx, cal, from, to));
    for (const now of nows) {
      const at = { ...ctx, now: () => now };
      expect(byKind(await handoffStats(at, cal, from, to, localDay(now, cal)))).toEqual(
        byKind(await handoffStatsFromHandoffs(at, cal, from, to)),
      );
    }
  }
}

describe('closed-deal and hand-off rollups', () => {
  it('equal the raw counts on random deals and hand-offs, and rebuild to the same rows', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(dealArbitrary, { minLength: 1, maxLength: 6 }),
        fc.array(handoffArbitrary, { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 24 * 420 }), { minLength: 1, maxLength: 3 }),
        async (deals, hs, nowHours) => {
          const { system, ae } = await setUp();
          await writeDeals(system, ae, deals);
          await writeHandoffs(system, hs);
          const cal = await workspaceCalendar(system);
          await expectRollupsEqualRaw(
            system,
            cal,
            nowHours.map((h) => new Date(BASE + h * HOUR)),
          );
          const incremental = await outcomeRows(system);
          expect(incremental.handoffs.length).toBeGreaterThan(0);
          await rebuildOutcomeRollups(system);
          expect(await outcomeRows(system)).toEqual(incremental);
        },
      ),
      { numRuns: 6 },
    );
  });

  it('equal the raw counts on the demo workspace, and rebuild to the same rows', async () => {
    const anchor = new Date('2026-03-31T15:00:00Z');
    const demo = await generateDemo(database.db, {
      seed: 11,
      people: 300,
      months: 6,
      anchor,
      slug: 'demo-outcomes',
    });
    const ctx = { ...systemContext(database.db, demo.workspaceId), now: () => anchor };
    const cal = await workspaceCalendar(ctx);
    await expectRollupsEqualRaw(ctx, cal, [anchor, new Date('2026-02-10T03:00:00Z')]);
    const incremental = await outcomeRows(ctx);
    expect(incremental.deals.length).toBeGreaterThan(0);
    expect(incremental.handoffs.length).toBeGreaterThan(0);
    await rebuildOutcomeRollups(ctx);
    expect(await outcomeRows(ctx)).toEqual(incremental);
  });
});
