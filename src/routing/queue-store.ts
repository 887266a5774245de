import { sql } from 'drizzle-orm';
import { currentDefinition } from '../lifecycle/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import type { QueueReason } from './workbench.ts';

/**
 * The raw work-queue candidates of a rep: leads they own in mql/sal (with the open
 * hand-off's due time), their recycled leads whose re-approach date has come (still
 * recycled, or already woken back to nurturing and not touched since), and leads with a
 * nurture follow-up or cadence step due. The score is the engagement kept for sorting.
 * Several reps' candidates come from one read, each row naming its rep.
 */
export function queueCandidates(ctx: RequestContext, userIds: string[], now: Date) {
  const ws = ctx.workspaceId;
  const at = now.toISOString();
  const score = sql`(select s.engagement from person_scores s where s.workspace_id = p.workspace_id and s.person_id = p.id)`;
  const reps = sql`any(${sql.param(userIds)}::uuid[])`;
  return queryRows<{
    userId: string;
    personId: string;
    reason: QueueReason;
    stage: string;
    handoffDueAt: Date | null;
    stageEnteredAt: Date;
    since: Date;
    score: number | string | null;
  }>(
    ctx.db,
    sql`select p.owner_user_id as "userId", p.id as "personId",
          case when h.due_at is not null then 'handoff' else 'working' end as reason,
          p.lifecycle_stage as stage, h.due_at as "handoffDueAt", p.stage_entered_at as "stageEnteredAt",
          coalesce(h.opened_at, p.stage_entered_at) as since, ${score} as score
        from people p
        left join lateral (select due_at, opened_at from handoffs x where x.workspace_id = p.workspace_id and x.person_id = p.id
          and x.status = 'open' order by x.opened_at desc limit 1) h on true
        where p.workspace_id = ${ws} and p.owner_user_id = ${reps} and p.lifecycle_stage in ('mql', 'sal')
      union all
        select p.owner_user_id, p.id, 'recycled_due', p.lifecycle_stage, null, p.stage_entered_at, r.reapproach_on, ${score}
        from people p
        join lateral (select reapproach_on, s.at from stage_history s where s.workspace_id = p.workspace_id and s.entity_type = 'person'
          and s.entity_id = p.id and s.to_stage = 'recycled' order by s.at desc, s.seq desc limit 1) r on true
        where p.workspace_id = ${ws} and p.owner_user_id = ${reps} and r.reapproach_on <= ${at}
          and (p.lifecycle_stage = 'recycled'
            -- woken up by the recycle job (back in nurturing) and not touched since
            or (p.lifecycle_stage = 'nurturing' and r.at <= p.stage_entered_at and not exists (select 1 from activities a
              where a.workspace_id = p.workspace_id and a.person_id = p.id and a.occurred_at >= p.stage_entered_at)))
      union all
        select t.assignee_user_id, p.id, case when t.kind = 'cadence_step' then 'cadence_task' else 'follow_up' end,
          p.lifecycle_stage, null, p.stage_entered_at, t.due_at, ${score}
        from tasks t join people p on p.workspace_id = t.workspace_id and p.id = t.person_id
        where t.workspace_id = ${ws} and t.assignee_user_id = ${reps} and t.kind in ('nurture_follow_up', 'cadence_step')
          and t.status = 'open' and t.due_at <= ${at}`,
  );
}

/**
 * What a rep sees beside each queued lead: name, account, fit grade, the last activity
 * on the lead and how many have been logged, so a logged call shows on its row at once.
 */
export function queueDetails(ctx: RequestContext, personIds: string[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  const ids = sql.join(
    personIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  return queryRows<{
    personId: string;
    name: string | null;
    email: string | null;
    accountId: string | null;
    accountName: string | null;
    grade: string | null;
    activityCount: number;
    lastType: string | null;
    lastOutcome: string | null;
    lastAt: Date | string | null;
  }>(
    ctx.db,
    sql`select p.id as "personId", nullif(trim(concat(p.last_name, ' ', p.first_name)), '') as name, p.email,
          p.account_id as "accountId", a.name as "accountName", s.grade,
          (select count(*) from activities x where x.workspace_id = p.workspace_id and x.person_id = p.id)::int as "activityCount",
          l.type as "lastType", l.outcome as "lastOutcome", l.occurred_at as "lastAt"
        from people p
        left join accounts a on a.workspace_id = p.workspace_id and a.id = p.account_id
        left join person_scores s on s.workspace_id = p.workspace_id and s.person_id = p.id
        left join lateral (select type, outcome, occurred_at from activities x where x.workspace_id = p.workspace_id
          and x.person_id = p.id order by x.occurred_at desc, x.created_at desc limit 1) l on true
        where p.workspace_id = ${ctx.workspaceId} and p.id in (${ids})`,
  );
}

/** Maximum dwell hours of the lead stages that have an SLA, from the lead lifecycle in force. */
export async function leadSlaHours(ctx: RequestContext): Promise<Map<string, number>> {
  const stages = (await currentDefinition(ctx, 'lead'))?.definition.stages ?? [];
  return new Map(stages.filter((s) => s.maxDwellHours).map((s) => [s.key, s.maxDwellHours!]));
}
