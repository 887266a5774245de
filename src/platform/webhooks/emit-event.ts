import type { RequestContext } from '../context.ts';
import { newId } from '../ids.ts';
import { enqueueJob } from '../jobs/job-store.ts';
import { insertDelivery, subscribersOf } from './store.ts';

/** The events a workspace can subscribe to. */
export const WEBHOOK_EVENTS = [
  'stage.changed',
  'handoff.opened',
  'handoff.accepted',
  'handoff.rejected',
  'sla.breached',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const DELIVER_WEBHOOK_JOB = 'webhook.deliver';

/**
 * Records an event for every subscription that wants it and enqueues its delivery, in the
 * caller's transaction (an outbox): a rolled-back change sends nothing, a committed one
 * is delivered even if the process stops right after.
 */
export async function emitWebhookEvent(
  ctx: RequestContext,
  type: WebhookEvent,
  data: unknown,
): Promise<void> {
  const subs = await subscribersOf(ctx, type);
  for (const sub of subs) {
    const id = newId(ctx);
    const payload = { id, type, workspaceId: ctx.workspaceId, occurredAt: ctx.now().toISOString(), data };
    await insertDelivery(ctx, { id, subscriptionId: sub.id, eventType: type, payload });
    await enqueueJob(ctx.db, {
      workspaceId: ctx.workspaceId,
      kind: DELIVER_WEBHOOK_JOB,
      payload: { deliveryId: id, attempt: 1 },
      runAt: ctx.now(),
      dedupeKey: `webhook:${id}:1`,
      maxAttempts: 1,
    });
  }
}
