import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { campaigns } from '../src/capture/schema.ts';
import { accounts, people } from '../src/crm/schema.ts';
import { handoffs, stageHistory } from '../src/lifecycle/schema.ts';
import { ENTITY_LIFECYCLE, type NewHistoryRow } from '../src/lifecycle/store.ts';
import { opportunities } from '../src/pipeline/schema.ts';
import type { RequestContext } from '../src/platform/context.ts';
import { bulkInsert } from '../src/platform/db/bulk-insert.ts';
import { Rng } from '../src/platform/random.ts';
import { memberships, users } from '../src/workspace/schema.ts';

export interface Scale {
  people: number;
  events: number;
  opportunities: number;
}

const DAY = 86_400_000;
const LEAD_PATH = ['lead', 'nurturing', 'mql', 'sal', 'sql', 'opportunity', 'customer'];
const PASS = [0.8, 0.45, 0.8, 0.65, 0.75, 0.3];
const OPP_PATH = ['qualification', 'problem_recognition', 'evaluation', 'negotiation', 'approval', 'won'];

/**
 * A large synthetic workspace written with bulk inserts: people with a year of lead-stage
 * history (through appendHistoryBulk, so the rollups are maintained as in production),
 * opportunities with their phase history, hand-offs, and behaviour events generated in SQL.
 */
export async function generateBenchData(
  ctx: RequestContext,
  scale: Scale,
  anchor: Date,
  log: (s: string) => void,
) {
  const rng = new Rng(42);
  const ws = ctx.workspaceId;
  const start = anchor.getTime() - 365 * DAY;
  const userIds: { id: string; role: string }[] = [];
  for (const [role, n, cap] of [
    ['mdr', 6, 40],
    ['ae', 10, 25],
    ['onb', 3, 20],
    ['marketing', 3, null],
  ] as const) {
    for (let i = 0; i < n; i++) {
      const id = randomUUID();
      await ctx.db
        .insert(users)
        .values({ workspaceId: ws, id, email: `${role}${i}@bench.example`, displayName: `${role} ${i}` });
      await ctx.db
        .insert(memberships)
        .values({ workspaceId: ws, id: randomUUID(), userId: id, role, capacity: cap });
      userIds.push({ id, role });
    }
  }
  const aes = userIds.filter((u) => u.role === 'ae').map((u) => u.id);
  const campaignIds = Array.from({ length: 100 }, () => randomUUID());
  await bulkInsert(
    ctx.db,
    campaigns,
    campaignIds.map((id, i) => ({
      workspaceId: ws,
      id,
      name: `Campaign ${i}`,
      channel: ['web_ads', 'seminar', 'email', 'content'][i % 4]!,
      cost: 100_000 + i * 10_000,
    })),
  );
  const accountCount = Math.max(100, Math.floor(scale.people / 20));
  const accountIds = Array.from({ length: accountCount }, () => randomUUID());
  for (let i = 0; i < accountIds.length; i += 20_000) {
    await bulkInsert(
      ctx.db,
      accounts,
      accountIds
        .slice(i, i + 20_000)
        .map((id, j) => ({ workspaceId: ws, id, name: `Account ${i + j}`, employeeCount: rng.int(5, 5000) })),
    );
  }
  log(`accounts ${accountCount}`);
  let historyRows = 0;
  const sqlPeople: { id: string; account: string; at: number }[] = [];
  const batch = 10_000;
  for (let i = 0; i < scale.people; i += batch) {
    const n = Math.min(batch, scale.people - i);
    const persons = [];
    const history: NewHistoryRow[] = [];
    for (let j = 0; j < n; j++) {
      const id = randomUUID();
      const account = accountIds[rng.int(0, accountIds.length - 1)]!;
      let at = start + rng.next() * 360 * DAY;
      const created = new Date(at);
      let stage = 'lead';
      history.push(row('person', id, null, 'lead', created));
      for (let k = 0; k < PASS.length; k++) {
        at += rng.exponential(6) * DAY;
        if (at > anchor.getTime()) break;
        if (!rng.chance(PASS[k]!)) {
          if (k >= 2 && rng.chance(0.7))
            history.push(row('person', id, stage, 'recycled', new Date(at), new Date(at + 30 * DAY)));
          else if (rng.chance(0.5)) history.push(row('person', id, stage, 'disqualified', new Date(at)));
          break;
        }
        const next = LEAD_PATH[k + 1]!;
        history.push(row('person', id, stage, next, new Date(at)));
        stage = next;
        if (stage === 'sql') sqlPeople.push({ id, account, at });
      }
      persons.push({
        workspaceId: ws,
        id,
        accountId: account,
        lastName: `Person ${i + j}`,
        source: ['web', 'seminar', 'referral', 'import'][rng.int(0, 3)]!,
        ownerUserId: aes[rng.int(0, aes.length - 1)]!,
        lifecycleStage: history.at(-1)!.toStage,
        stageEnteredAt: history.at(-1)!.at,
        createdAt: created,
        updatedAt: created,
      });
    }
    await bulkInsert(ctx.db, people, persons);
    await bulkInsert(
      ctx.db,
      // First touch: one campaign membership per person, just before creation.
      (await import('../src/capture/schema.ts')).campaignMembers,
      persons.map((p) => ({
        workspaceId: ws,
        campaignId: campaignIds[rng.int(0, campaignIds.length - 1)]!,
        personId: p.id,
        status: 'responded',
        firstTouchAt: new Date((p.createdAt as Date).getTime() - 3_600_000),
        updatedAt: p.createdAt,
      })),
    );
    await writeHistory(ctx, history);
    historyRows += history.length;
    if ((i / batch) % 10 === 0) log(`people ${i + n}, history ${historyRows}`);
  }
  // Opportunities: from SQL people first, then synthetic ones to reach the target.
  const opps = [];
  const oppHistory: NewHistoryRow[] = [];
  for (let i = 0; i < scale.opportunities; i++) {
    const src = sqlPeople[i];
    const id = randomUUID();
    let at = src ? src.at + DAY : start + rng.next() * 350 * DAY;
    const created = new Date(at);
    let phase = 'qualification';
    oppHistory.push(row('opportunity', id, null, phase, created));
    let closedAt: Date | null = null;
    for (let k = 1; k < OPP_PATH.length; k++) {
      at += rng.exponential(10) * DAY;
      if (at > anchor.getTime()) break;
      if (!rng.chance(0.7)) {
        oppHistory.push(row('opportunity', id, phase, 'lost', new Date(at)));
        phase = 'lost';
        closedAt = new Date(at);
        break;
      }
      oppHistory.push(row('opportunity', id, phase, OPP_PATH[k]!, new Date(at)));
      phase = OPP_PATH[k]!;
      if (phase === 'won') closedAt = new Date(at);
    }
    opps.push({
      workspaceId: ws,
      id,
      accountId: src?.account ?? accountIds[rng.int(0, accountIds.length - 1)]!,
      primaryPersonId: src?.id ?? null,
      name: `Deal ${i}`,
      phase,
      phaseEnteredAt: new Date(at),
      amountMrr: Math.round(rng.logNormal(80_000, 0.6)),
      closeDate: new Date(at + 20 * DAY).toISOString().slice(0, 10),
      nextStep: rng.chance(0.8) ? 'follow up' : null,
      ownerUserId: aes[rng.int(0, aes.length - 1)]!,
      closedAt,
      createdAt: created,
      updatedAt: new Date(Math.min(at, anchor.getTime())),
    });
  }
  for (let i = 0; i < opps.length; i += 10_000)
    await bulkInsert(ctx.db, opportunities, opps.slice(i, i + 10_000));
  for (let i = 0; i < oppHistory.length; i += 50_000)
    await writeHistory(ctx, oppHistory.slice(i, i + 50_000));
  historyRows += oppHistory.length;
  log(`opportunities ${opps.length}, history ${historyRows}`);
  // Hand-offs: one per SQL person, some open past due.
  const mdrs = userIds.filter((u) => u.role === 'mdr').map((u) => u.id);
  const hos = sqlPeople.slice(0, 50_000).map((p) => {
    const opened = new Date(p.at);
    const open = p.at > anchor.getTime() - 5 * DAY;
    return {
      workspaceId: ws,
      id: randomUUID(),
      kind: 'sql',
      personId: p.id,
      fromRole: 'mdr',
      fromUserId: mdrs[0]!,
      toRole: 'ae',
      status: open ? 'open' : rng.chance(0.85) ? 'accepted' : 'rejected',
      openedAt: opened,
      dueAt: new Date(p.at + 2 * DAY),
      respondedAt: open ? null : new Date(p.at + rng.exponential(1.5) * DAY),
    };
  });
  for (let i = 0; i < hos.length; i += 10_000) await bulkInsert(ctx.db, handoffs, hos.slice(i, i + 10_000));
  // Events, generated in the database: page views spread over people, campaigns and the year.
  await ctx.db.execute(
    sql`create temporary table bench_people as select row_number() over () as i, id from people where workspace_id = ${ws}`,
  );
  const chunk = 1_000_000;
  for (let done = 0; done < scale.events; done += chunk) {
    const n = Math.min(chunk, scale.events - done);
    await ctx.db.execute(sql`insert into events (workspace_id, id, idempotency_key, type, occurred_at, received_at, person_id, campaign_id, properties)
      select ${ws}, gen_random_uuid(), 'bench:' || (g + ${done}), 'page_view',
        ${new Date(start).toISOString()}::timestamptz + (g % 31536000) * interval '1 second', now(), p.id,
        case when g % 10 = 0 then ${campaignIds[0]!}::uuid end, '{}'::jsonb
      from generate_series(1, ${n}) g join bench_people p on p.i = (g % ${scale.people}) + 1`);
    log(`events ${done + n}`);
  }
  await ctx.db.execute(sql`drop table bench_people`);
  await ctx.db.execute(sql`analyze`);
  return { historyRows, opportunities: opps.length, handoffs: hos.length };
}

function row(
  entityType: 'person' | 'opportunity',
  entityId: string,
  from: string | null,
  to: string,
  at: Date,
  reapproachOn: Date | null = null,
): NewHistoryRow {
  return {
    entityType,
    entityId,
    fromStage: from,
    toStage: to,
    at,
    reason: from && (to === 'recycled' || to === 'disqualified' || to === 'lost') ? 'bench' : null,
    causeEventId: null,
    definitionVersion: 1,
    skipped: false,
    reapproachOn,
  };
}

/** Raw history rows in bulk (the rollups are then built once by rebuildRollups, timed apart). */
async function writeHistory(ctx: RequestContext, rows: NewHistoryRow[]): Promise<void> {
  await bulkInsert(
    ctx.db,
    stageHistory,
    rows.map((r) => ({
      ...r,
      id: randomUUID(),
      workspaceId: ctx.workspaceId,
      lifecycle: ENTITY_LIFECYCLE[r.entityType],
      actorUserId: null,
    })),
  );
}
