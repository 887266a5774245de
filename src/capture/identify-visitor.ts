import { sql } from 'drizzle-orm';
import type { RequestContext } from '../platform/context.ts';
import { arrayParam } from '../platform/db/array-param.ts';

export interface Identification {
  visitorId: string;
  personId: string;
  accountId: string | null;
  at: Date;
}

/**
 * Anonymous visitors identify (form submit, tracked email link): each visitor and every
 * anonymous event it made are attached to the person, so the person's history starts
 * with the browsing that came before the form. Set-based, so a batch costs two statements.
 */
export async function mergeVisitorsIntoPeople(ctx: RequestContext, ids: Identification[]): Promise<void> {
  if (ids.length === 0) return;
  const column = <T>(value: (i: Identification) => T, type: string) => arrayParam(ids.map(value), type);
  const visitorIds = column((i) => i.visitorId, 'uuid');
  const personIds = column((i) => i.personId, 'uuid');
  const accountIds = column((i) => i.accountId, 'uuid');
  const ats = column((i) => i.at, 'timestamptz');
  await ctx.db.execute(sql`
    update visitors v set person_id = m.person_id, identified_at = m.at
    from unnest(${visitorIds}, ${personIds}, ${ats}) as m(visitor_id, person_id, at)
    where v.workspace_id = ${ctx.workspaceId} and v.id = m.visitor_id and v.person_id is null`);
  await ctx.db.execute(sql`
    update events e set person_id = m.person_id, account_id = m.account_id
    from unnest(${visitorIds}, ${personIds}, ${accountIds}) as m(visitor_id, person_id, account_id)
    where e.workspace_id = ${ctx.workspaceId} and e.visitor_id = m.visitor_id and e.person_id is null`);
}
