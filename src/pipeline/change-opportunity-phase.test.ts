import { and, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.ts';
import { newWorkspace } from '../../test/factories.ts';
import { newAccount, newHandoff, newMember, newPerson, newTeam } from '../../test/sales-floor.ts';
import { accounts, people } from '../crm/schema.ts';
import { handoffs, stageHistory } from '../lifecycle/schema.ts';
import { transitionEntity } from '../lifecycle/transition-entity.ts';
import type { RequestContext } from '../platform/context.ts';
import type { Database } from '../platform/db/open-database.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { changeOpportunityPhase } from './change-opportunity-phase.ts';
import { createOpportunity, updateOpportunity } from './manage-opportunities.ts';
import { opportunities } from './schema.ts';

let database: Database;
let ctx: RequestContext;
let aeCtx: RequestContext;
let ae: string;
beforeEach(async () => {
  database = await createTestDatabase();
  ctx = (await newWorkspace(database)).ctx;
  const pod = await newTeam(ctx, {
    name: 'ALL',
    segmentRule: { field: 'employeeCount', op: 'gte', value: 0 },
  });
  ae = await newMember(ctx, 'ae', pod.id);
  aeCtx = { ...ctx, actor: { type: 'user', userId: ae, roles: ['ae'] } };
});
afterEach(() => database.close());

const future = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const count = async (q: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(ctx.db, q))[0]!.n;

async function dealWithContact() {
  const account = await newAccount(ctx, { employeeCount: 300 });
  const person = await newPerson(ctx, { accountId: account.id });
  await transitionEntity(ctx, { entityType: 'person', entityId: person.id, to: 'sql' });
  const opp = await createOpportunity(aeCtx, {
    accountId: account.id,
    name: '全社導入',
    closeDate: future(),
    amountMrr: 300_000,
    primaryPersonId: person.id,
  });
  return { account, person, opp };
}

describe('opportunity phases', () => {
  it('starts in qualification with phase defaults, owned by the acting AE; the SQL contact becomes an opportunity contact', async () => {
    const { opp, person } = await dealWithContact();
    expect(opp).toMatchObject({
      phase: 'qualification',
      probability: 10,
      forecastCategory: 'pipeline',
      ownerUserId: ae,
    });
    const [p] = await ctx.db.select().from(people).where(eq(people.id, person.id));
    expect(p!.lifecycleStage).toBe('opportunity');
  });

  it('blocks advancing with open exit criteria (409 naming them) and changes nothing', async () => {
    const { opp } = await dealWithContact();
    const history = sql`select count(*) as n from stage_history where entity_id = ${opp.id}`;
    const audits = sql`select count(*) as n from audit_log`;
    const [h0, a0] = [await count(history), await count(audits)];
    await expect(
      changeOpportunityPhase(aeCtx, opp.id, { version: opp.version, to: 'problem_recognition' }),
    ).rejects.toMatchObject({
      code: 'conflict',
      details: [{ path: 'exitCriteria.meeting_held' }, { path: 'exitCriteria.problem_hypothesis' }],
    });
    const [same] = await ctx.db.select().from(opportunities).where(eq(opportunities.id, opp.id));
    expect(same).toMatchObject({ phase: 'qualification', version: opp.version });
    expect([await count(history), await count(audits)]).toEqual([h0, a0]);

    const ticked = await updateOpportunity(aeCtx, opp.id, {
      version: opp.version,
      exitCriteria: { meeting_held: true, problem_hypothesis: true },
    });
    const moved = await changeOpportunityPhase(aeCtx, opp.id, {
      version: ticked.version,
      to: 'problem_recognition',
    });
    expect(moved).toMatchObject({
      phase: 'problem_recognition',
      probability: 20,
      forecastCategory: 'pipeline',
    });
  });

  it('lets a manager override open exit criteria with a reason, audited; an AE may not', async () => {
    const { opp } = await dealWithContact();
    await expect(
      changeOpportunityPhase(aeCtx, opp.id, {
        version: opp.version,
        to: 'evaluation',
        overrideReason: 'urgent',
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    // A manager without a team manages the whole workspace (and so may move any deal).
    const manager = await newMember(ctx, 'manager', null);
    const managerCtx: RequestContext = {
      ...ctx,
      actor: { type: 'user', userId: manager, roles: ['manager'] },
    };
    const moved = await changeOpportunityPhase(managerCtx, opp.id, {
      version: opp.version,
      to: 'evaluation',
      overrideReason: 'the customer skipped the discovery call',
    });
    expect(moved).toMatchObject({ phase: 'evaluation', probability: 40, forecastCategory: 'best_case' });
    const [audit] = await queryRows<{ reason: string; after: { overridden: unknown[] } }>(
      ctx.db,
      sql`select reason, after from audit_log where action = 'opportunity.phase_override'`,
    );
    expect(audit!.reason).toBe('the customer skipped the discovery call');
    expect(audit!.after.overridden).toHaveLength(4);
    const skipped = await ctx.db
      .select()
      .from(stageHistory)
      .where(and(eq(stageHistory.entityId, opp.id), eq(stageHistory.skipped, true)));
    expect(skipped.map((s) => s.toStage)).toEqual(['problem_recognition']);
  });

  it('won: the account enters the customer lifecycle, contacts become customers, the CS hand-off is routed', async () => {
    const onbTeam = await newTeam(ctx, { name: 'CS', kind: 'function', function: 'onb' });
    const onb = await newMember(ctx, 'onb', onbTeam.id, 8);
    const { opp, account, person } = await dealWithContact();
    // The lifecycle engine opens this hand-off on won; routing assigns it.
    const cs = await newHandoff(ctx, {
      kind: 'won',
      toRole: 'onb',
      fromRole: 'ae',
      accountId: account.id,
      opportunityId: opp.id,
    });
    const admin: RequestContext = ctx;
    const won = await changeOpportunityPhase(admin, opp.id, {
      version: opp.version,
      to: 'won',
      overrideReason: 'signed early',
    });
    expect(won).toMatchObject({ phase: 'won', probability: 100, forecastCategory: 'closed' });
    expect(won.closedAt).not.toBeNull();
    const [a] = await ctx.db.select().from(accounts).where(eq(accounts.id, account.id));
    expect(a!.customerStage).toBe('onboarding');
    const [p] = await ctx.db.select().from(people).where(eq(people.id, person.id));
    expect(p!.lifecycleStage).toBe('customer');
    const [h] = await ctx.db.select().from(handoffs).where(eq(handoffs.id, cs.id));
    expect(h!.toUserId).toBe(onb);
  });

  it('lost: needs a loss reason; the contacts are recycled with the reason and a re-approach date', async () => {
    const { opp, person } = await dealWithContact();
    await expect(
      changeOpportunityPhase(aeCtx, opp.id, { version: opp.version, to: 'lost' }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      details: [{ path: 'lossReason' }],
    });
    const reapproachOn = new Date(Date.now() + 120 * 86_400_000).toISOString();
    const lost = await changeOpportunityPhase(aeCtx, opp.id, {
      version: opp.version,
      to: 'lost',
      lossReason: 'competitor',
      competitor: 'Sales Cloud',
      reapproachOn,
    });
    expect(lost).toMatchObject({
      phase: 'lost',
      lossReason: 'competitor',
      competitors: ['Sales Cloud'],
      probability: 0,
    });
    const [p] = await ctx.db.select().from(people).where(eq(people.id, person.id));
    expect(p!.lifecycleStage).toBe('recycled');
    const rows = await ctx.db
      .select()
      .from(stageHistory)
      .where(eq(stageHistory.entityId, person.id))
      .orderBy(stageHistory.seq);
    const tail = rows.slice(-2);
    expect(tail.map((r) => r.toStage)).toEqual(['lost', 'recycled']);
    expect(tail[1]!.reason).toBe('opportunity lost: competitor: Sales Cloud');
    expect(tail[1]!.reapproachOn!.toISOString()).toBe(reapproachOn);
  });

  it('rejects a past close date and an owner without the AE role, changing nothing', async () => {
    const account = await newAccount(ctx);
    const before = await count(sql`select count(*) as n from opportunities`);
    await expect(
      createOpportunity(aeCtx, { accountId: account.id, name: 'x', closeDate: '2020-01-01' }),
    ).rejects.toMatchObject({ code: 'invalid_input', details: [{ path: 'closeDate' }] });
    const mdr = await newMember(ctx, 'mdr', null);
    await expect(
      createOpportunity(aeCtx, { accountId: account.id, name: 'x', closeDate: future(), ownerUserId: mdr }),
    ).rejects.toMatchObject({ code: 'invalid_input', details: [{ path: 'ownerUserId' }] });
    expect(await count(sql`select count(*) as n from opportunities`)).toBe(before);
  });
});
