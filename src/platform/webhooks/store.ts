import { and, desc, eq, sql } from 'drizzle-orm';
import type { RequestContext } from '../context.ts';
import { newId } from '../ids.ts';
import { webhookDeliveries, webhookSubscriptions } from '../schema.ts';
import { forgetMemo, memoInTransaction } from '../transaction-memo.ts';

export type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

const sub = (ctx: RequestContext, id: string) =>
  and(eq(webhookSubscriptions.workspaceId, ctx.workspaceId), eq(webhookSubscriptions.id, id));

export async function insertSubscription(
  ctx: RequestContext,
  values: { url: string; events: string[]; secret: string; description: string | null },
): Promise<SubscriptionRow> {
  forgetMemo(ctx);
  const [row] = await ctx.db
    .insert(webhookSubscriptions)
    .values({
      ...values,
      id: newId(ctx),
      workspaceId: ctx.workspaceId,
      createdAt: ctx.now(),
      updatedAt: ctx.now(),
    })
    .returning();
  return row!;
}

export function listSubscriptions(ctx: RequestContext): Promise<SubscriptionRow[]> {
  return ctx.db
    .select()
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.workspaceId, ctx.workspaceId))
    .orderBy(webhookSubscriptions.createdAt);
}

export async function getSubscription(ctx: RequestContext, id: string): Promise<SubscriptionRow | undefined> {
  const [row] = await ctx.db.select().from(webhookSubscriptions).where(sub(ctx, id));
  return row;
}

export async function updateSubscription(
  ctx: RequestContext,
  id: string,
  version: number,
  values: Partial<Pick<SubscriptionRow, 'url' | 'events' | 'active' | 'description'>>,
): Promise<SubscriptionRow | undefined> {
  forgetMemo(ctx);
  const [row] = await ctx.db
    .update(webhookSubscriptions)
    .set({ ...values, version: sql`${webhookSubscriptions.version} + 1`, updatedAt: ctx.now() })
    .where(and(sub(ctx, id), eq(webhookSubscriptions.version, version)))
    .returning();
  return row;
}

export async function deleteSubscription(ctx: RequestContext, id: string): Promise<boolean> {
  forgetMemo(ctx);
  const rows = await ctx.db
    .delete(webhookSubscriptions)
    .where(sub(ctx, id))
    .returning({ id: webhookSubscriptions.id });
  return rows.length > 0;
}

/** Active subscriptions that want an event type (events is a JSON array of types). */
export function subscribersOf(ctx: RequestContext, eventType: string): Promise<SubscriptionRow[]> {
  return memoInTransaction(ctx, `webhooks:${eventType}`, () =>
    ctx.db
      .select()
      .from(webhookSubscriptions)
      .where(
        and(
          eq(webhookSubscriptions.workspaceId, ctx.workspaceId),
          eq(webhookSubscriptions.active, true),
          sql`${webhookSubscriptions.events} @> ${JSON.stringify([eventType])}::jsonb`,
        ),
      ),
  );
}

export async function insertDelivery(
  ctx: RequestContext,
  values: { id: string; subscriptionId: string; eventType: string; payload: unknown },
): Promise<void> {
  await ctx.db
    .insert(webhookDeliveries)
    .values({ ...values, workspaceId: ctx.workspaceId, createdAt: ctx.now() });
}

export async function getDelivery(ctx: RequestContext, id: string): Promise<DeliveryRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.workspaceId, ctx.workspaceId), eq(webhookDeliveries.id, id)));
  return row;
}

export async function recordAttempt(
  ctx: RequestContext,
  id: string,
  values: { status: string; statusCode: number | null; error: string | null; at: Date; delivered: boolean },
): Promise<void> {
  await ctx.db
    .update(webhookDeliveries)
    .set({
      status: values.status,
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      lastStatusCode: values.statusCode,
      lastError: values.error,
      lastAttemptAt: values.at,
      ...(values.delivered ? { deliveredAt: values.at } : {}),
    })
    .where(and(eq(webhookDeliveries.workspaceId, ctx.workspaceId), eq(webhookDeliveries.id, id)));
}

export function listDeliveries(
  ctx: RequestContext,
  subscriptionId: string,
  limit: number,
): Promise<DeliveryRow[]> {
  return ctx.db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.workspaceId, ctx.workspaceId),
        eq(webhookDeliveries.subscriptionId, subscriptionId),
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(limit);
}
