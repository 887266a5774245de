import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { newWorkspace } from '../../test/factories.ts';
import { accountUseCases } from '../crm/manage-accounts.ts';
import { peopleUseCases } from '../crm/manage-people.ts';
import { transitionEntity } from '../lifecycle/transition-entity.ts';
import type { RequestContext } from '../platform/context.ts';
import type { Database } from '../platform/db/open-database.ts';
import { auditLog } from '../platform/schema.ts';
import { createUser } from '../workspace/manage-users.ts';
import { insertOpportunity } from './store.ts';

/** A workspace with an ONB, a CSM and an AM, and a clock the test moves. */
export async function successWorkspace(database: Database, start = '2025-04-10T03:00:00Z') {
  const ws = await newWorkspace(database);
  let now = new Date(start);
  const ctx: RequestContext = { ...ws.ctx, now: () => now };
  const user = async (role: 'onb' | 'csm' | 'am') =>
    (
      await createUser(ctx, {
        email: `${role}-${randomUUID().slice(0, 8)}@example.co.jp`,
        displayName: role,
        roles: [{ role }],
      })
    ).id;
  const team = { onb: await user('onb'), csm: await user('csm'), am: await user('am') };
  return {
    ctx,
    team,
    setNow: (iso: string) => {
      now = new Date(iso);
    },
  };
}

/** An account with contacts: `customers` of them already customers, `others` still nurturing. */
export async function customerAccount(ctx: RequestContext, o: { customers?: number; others?: number } = {}) {
  const account = await accountUseCases.create(ctx, { name: `顧客 ${randomUUID().slice(0, 6)}` });
  const people: string[] = [];
  for (let i = 0; i < (o.customers ?? 2) + (o.others ?? 1); i++) {
    const p = await peopleUseCases.create(ctx, {
      email: `p${randomUUID().slice(0, 8)}@example.co.jp`,
      accountId: account.id as string,
    });
    const to = i < (o.customers ?? 2) ? 'customer' : 'nurturing';
    await transitionEntity(ctx, { entityType: 'person', entityId: p.id as string, to });
    people.push(p.id as string);
  }
  return { accountId: account.id as string, people };
}

/** A won deal, as the sales floor leaves it. */
export function wonDeal(
  ctx: RequestContext,
  accountId: string,
  o: { type?: string; amountMrr: number; closedAt?: Date },
) {
  return insertOpportunity(ctx, {
    accountId,
    name: `deal ${o.type ?? 'new'}`,
    type: o.type ?? 'new',
    phase: 'won',
    amountMrr: o.amountMrr,
    closedAt: o.closedAt ?? ctx.now(),
  });
}

export async function auditCount(ctx: RequestContext): Promise<number> {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(auditLog)
    .where(eq(auditLog.workspaceId, ctx.workspaceId));
  return Number(row!.n);
}
