import { randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { campaigns } from '../src/capture/schema.ts';
import type { RequestContext } from '../src/platform/context.ts';
import type { Db } from '../src/platform/db/open-database.ts';
import { queryRows } from '../src/platform/db/query-rows.ts';
import { memberships, users } from '../src/workspace/schema.ts';

export interface Scale {
  people: number;
  events: number;
  opportunities: number;
}

const DAY = 86_400_000;
const LEAD_PATH = ['lead', 'nurturing', 'mql', 'sal', 'sql', 'opportunity', 'customer'];
/** Chance of passing each lead step; tuned so 1M people and 100k deals give ~4M history rows. */
const PASS = [0.85, 0.6, 0.8, 0.7, 0.75, 0.3];
const OPP_PATH = ['qualification', 'problem_recognition', 'evaluation', 'negotiation', 'approval', 'won'];
const BATCH = 100_000;

const arr = (values: unknown[], type: string) => sql`${sql.param(values)}::${sql.raw(type)}[]`;

/**
 * A large synthetic workspace generated inside the database (generate_series, random()),
 * so 1M people and 10M events load in minutes, not hours: accounts; people with a year of
 * lead-stage history (exponential gaps, a chance to pass each step, recycling and
 * disqualification); a first-touch campaign each; deals from SQL people with their phase
 * history; one hand-off per SQL person; page-view events. Raw rows only: the rollups are
 * then built by rebuildRollups, timed apart. Ids derive from md5(workspace, kind, number),
 * so rows can reference each other without a lookup table.
 */
export async function generateBenchData(
  ctx: RequestContext,
  scale: Scale,
  anchor: Date,
  log: (s: string) => void,
) {
  const ws = ctx.workspaceId;
  const start = new Date(anchor.getTime() - 365 * DAY).toISOString();
  const end = anchor.toISOString();
  const byRole: Record<string, string[]> = {};
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
      byRole[role] = [...(byRole[role] ?? []), id];
    }
  }
  const aes = arr(byRole.ae!, 'uuid');
  const campaignIds = Array.from({ length: 100 }, () => randomUUID());
  await ctx.db.insert(campaigns).values(
    campaignIds.map((id, i) => ({
      workspaceId: ws,
      id,
      name: `Campaign ${i}`,
      channel: ['web_ads', 'seminar', 'email', 'content'][i % 4]!,
      cost: 100_000 + i * 10_000,
    })),
  );
  const uid = (kind: string, n: SQL) => sql`md5(${ws}::text || ${`:${kind}:`} || ${n})::uuid`;
  const pick = (values: SQL, n: number) => sql`(${values})[1 + floor(random() * ${n})::int]`;
  const accountCount = Math.max(100, Math.floor(scale.people / 20));
  await ctx.db.execute(sql`insert into accounts (workspace_id, id, name, employee_count)
    select ${ws}, ${uid('a', sql`g`)}, 'Account ' || g, 5 + floor(random() * 4996)::int
    from generate_series(1, ${accountCount}::int) g`);
  log(`accounts ${accountCount}`);

  for (let lo = 1; lo <= scale.people; lo += BATCH) {
    const hi = Math.min(scale.people, lo + BATCH - 1);
    await ctx.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      // Each person's six possible steps: cumulative exponential gaps (mean 6 days) and draws.
      await tx.execute(sql`create temporary table bench_steps on commit drop as
        select p.i, p.id, p.created, k,
          date_trunc('milliseconds', p.created + sum(-ln(1 - random()) * 6) over (partition by p.i order by k) * interval '1 day') as at,
          random() as pass, random() as recycle, random() as dq
        from (select g as i, ${uid('p', sql`g`)} as id,
                date_trunc('milliseconds', ${start}::timestamptz + random() * interval '360 days') as created
              from generate_series(${lo}::int, ${hi}::int) g) p cross join generate_series(0, 5) k`);
      // Entry, passed steps, then at the first failed step recycled (from MQL on, 70%) or disqualified (half of the rest).
      await tx.execute(sql`create temporary table bench_history on commit drop as
        with stop as (select i, coalesce(min(k) filter (where at > ${end}::timestamptz
            or pass >= (${arr(PASS, 'float8')})[k + 1]), 6) as k from bench_steps group by i)
        select id, null::text as from_stage, 'lead' as to_stage, created as at, null::timestamptz as reapproach_on
          from bench_steps where k = 0
        union all
        select s.id, (${arr(LEAD_PATH, 'text')})[s.k + 1], (${arr(LEAD_PATH, 'text')})[s.k + 2], s.at, null
          from bench_steps s join stop using (i) where s.k < stop.k
        union all
        select s.id, (${arr(LEAD_PATH, 'text')})[s.k + 1],
          case when s.k >= 2 and s.recycle < 0.7 then 'recycled' else 'disqualified' end, s.at,
          case when s.k >= 2 and s.recycle < 0.7 then s.at + interval '30 days' end
          from bench_steps s join stop using (i)
          where s.k = stop.k and s.at <= ${end}::timestamptz and ((s.k >= 2 and s.recycle < 0.7) or s.dq < 0.5)`);
      await tx.execute(sql`insert into stage_history (workspace_id, id, entity_type, entity_id, lifecycle, from_stage,
          to_stage, at, reason, definition_version, skipped, reapproach_on)
        select ${ws}, gen_random_uuid(), 'person', id, 'lead', from_stage, to_stage, at,
          case when to_stage in ('recycled', 'disqualified') then 'bench' end, 1, false, reapproach_on
        from bench_history order by id, at`);
      await tx.execute(sql`insert into people (workspace_id, id, account_id, last_name, source, owner_user_id,
          lifecycle_stage, stage_entered_at, created_at, updated_at)
        select ${ws}, s.id, ${uid('a', sql`(1 + floor(random() * ${accountCount})::int)`)}, 'Person ' || s.i,
          ${pick(arr(['web', 'seminar', 'referral', 'import'], 'text'), 4)}, ${pick(aes, byRole.ae!.length)},
          l.to_stage, l.at, s.created, s.created
        from bench_steps s join (select distinct on (id) id, to_stage, at from bench_history order by id, at desc) l
          using (id) where s.k = 0`);
      await tx.execute(sql`insert into campaign_members (workspace_id, campaign_id, person_id, status, first_touch_at, updated_at)
        select ${ws}, ${pick(arr(campaignIds, 'uuid'), campaignIds.length)}, id, 'responded',
          created - interval '1 hour', created from bench_steps where k = 0`);
    });
    log(`people ${hi}`);
  }

  await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    // Deals from SQL people (a day after SQL) in id order, then synthetic ones; phase steps ~10 days apart, 70% pass.
    await tx.execute(sql`create temporary table bench_opp_steps on commit drop as
      select o.j, o.id, o.person_id, o.created, k,
        date_trunc('milliseconds', o.created + coalesce(sum(-ln(1 - random()) * 10) filter (where k > 0)
          over (partition by o.j order by k), 0) * interval '1 day') as at,
        random() as pass
      from (select g as j, ${uid('o', sql`g`)} as id, s.person_id,
              date_trunc('milliseconds', coalesce(s.at + interval '1 day',
                ${start}::timestamptz + random() * interval '350 days')) as created
            from generate_series(1, ${scale.opportunities}::int) g
            left join (select entity_id as person_id, at, row_number() over (order by entity_id) as j from stage_history
              where workspace_id = ${ws} and lifecycle = 'lead' and to_stage = 'sql') s on s.j = g) o
      cross join generate_series(0, 5) k`);
    await tx.execute(sql`create temporary table bench_opp_history on commit drop as
      with stop as (select j, coalesce(min(k) filter (where k > 0 and (at > ${end}::timestamptz or pass >= 0.7)), 6) as k
        from bench_opp_steps group by j)
      select s.id, case when s.k > 0 then (${arr(OPP_PATH, 'text')})[s.k] end as from_stage,
        (${arr(OPP_PATH, 'text')})[s.k + 1] as to_stage, s.at from bench_opp_steps s join stop using (j) where s.k < stop.k
      union all
      select s.id, (${arr(OPP_PATH, 'text')})[s.k], 'lost', s.at from bench_opp_steps s join stop using (j)
        where s.k = stop.k and s.at <= ${end}::timestamptz`);
    await tx.execute(sql`insert into stage_history (workspace_id, id, entity_type, entity_id, lifecycle, from_stage,
        to_stage, at, reason, definition_version, skipped)
      select ${ws}, gen_random_uuid(), 'opportunity', id, 'opportunity', from_stage, to_stage, at,
        case when to_stage = 'lost' then 'bench' end, 1, false
      from bench_opp_history order by id, at`);
    await tx.execute(sql`insert into opportunities (workspace_id, id, account_id, primary_person_id, name, phase,
        phase_entered_at, amount_mrr, close_date, next_step, owner_user_id, closed_at, created_at, updated_at)
      select ${ws}, s.id, coalesce(p.account_id, ${uid('a', sql`(1 + floor(random() * ${accountCount})::int)`)}),
        s.person_id, 'Deal ' || s.j, l.to_stage, l.at,
        round(80000 * exp(0.6 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()))),
        (l.at + interval '20 days')::date, case when random() < 0.8 then 'follow up' end, ${pick(aes, byRole.ae!.length)},
        case when l.to_stage in ('won', 'lost') then l.at end, s.created, l.at
      from bench_opp_steps s
      join (select distinct on (id) id, to_stage, at from bench_opp_history order by id, at desc) l using (id)
      left join people p on p.workspace_id = ${ws} and p.id = s.person_id
      where s.k = 0`);
  });
  log(`opportunities ${scale.opportunities}`);
  // Hand-offs: one per SQL person to an AE, due in two days; those of the last five days still open.
  await ctx.db.execute(sql`insert into handoffs (workspace_id, id, kind, person_id, entity_type, entity_id, from_role,
      from_user_id, to_role, status, opened_at, due_at, responded_at)
    select ${ws}, gen_random_uuid(), 'sql', entity_id, 'person', entity_id, 'mdr', ${byRole.mdr![0]!}::uuid, 'ae',
      case when open then 'open' when random() < 0.85 then 'accepted' else 'rejected' end, at, at + interval '2 days',
      case when not open then at + -ln(1 - random()) * 1.5 * interval '1 day' end
    from (select entity_id, at, at > ${end}::timestamptz - interval '5 days' as open from stage_history
      where workspace_id = ${ws} and lifecycle = 'lead' and to_stage = 'sql') h`);
  // Events: page views spread over people, the year, and (one in ten) the first campaign.
  for (let done = 0; done < scale.events; done += 1_000_000) {
    const n = Math.min(1_000_000, scale.events - done);
    await ctx.db.execute(sql`insert into events (workspace_id, id, idempotency_key, type, occurred_at, received_at,
        person_id, campaign_id, properties)
      select ${ws}, gen_random_uuid(), 'bench:' || g, 'page_view',
        ${start}::timestamptz + (g % 31536000) * interval '1 second', now(), ${uid('p', sql`(g % ${scale.people}::int) + 1`)},
        case when g % 10 = 0 then ${campaignIds[0]!}::uuid end, '{}'::jsonb
      from generate_series(${done + 1}::bigint, ${done + n}::bigint) g`);
    log(`events ${done + n}`);
  }
  await ctx.db.execute(sql`analyze`);
  const [c] = await queryRows<{ history: number; handoffs: number; opportunities: number }>(
    ctx.db,
    sql`select (select count(*) from stage_history where workspace_id = ${ws}) as history,
      (select count(*) from handoffs where workspace_id = ${ws}) as handoffs,
      (select count(*) from opportunities where workspace_id = ${ws}) as opportunities`,
  );
  return {
    historyRows: Number(c?.history),
    opportunities: Number(c?.opportunities),
    handoffs: Number(c?.handoffs),
  };
}
