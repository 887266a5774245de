import { z } from 'zod';
import type { RequestContext } from '../context.ts';
import { retryAt } from '../jobs/backoff.ts';
import type { JobHandler } from '../jobs/job-runner.ts';
import { enqueueJob } from '../jobs/job-store.ts';
import { DELIVER_WEBHOOK_JOB } from './emit-event.ts';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signBody, TIMESTAMP_HEADER } from './signature.ts';
import { getDelivery, getSubscription, recordAttempt } from './store.ts';
import { checkTarget } from './target-url.ts';

/** Attempts per delivery: 5 s, 10 s, 20 s … apart (the jobs backoff), then failed. */
export const MAX_DELIVERY_ATTEMPTS = 8;
const TIMEOUT_MS = 5_000;

const payloadSchema = z.object({ deliveryId: z.uuid(), attempt: z.int().min(1) });

/**
 * Delivers one webhook attempt. Every attempt is logged (the log commits with the job), and
 * a failed one schedules the next attempt as a new job with exponential backoff, so the
 * delivery log shows each try. Receivers deduplicate by the delivery id header.
 */
export function deliverWebhookHandler(options: { allowPrivateTargets?: boolean } = {}): JobHandler {
  return async (ctx: RequestContext, raw: unknown) => {
    const { deliveryId, attempt } = payloadSchema.parse(raw);
    const delivery = await getDelivery(ctx, deliveryId);
    if (!delivery || delivery.status === 'succeeded' || delivery.status === 'failed') return undefined;
    const sub = await getSubscription(ctx, delivery.subscriptionId);
    if (!sub?.active) {
      await recordAttempt(ctx, deliveryId, {
        status: 'failed',
        statusCode: null,
        error: 'subscription removed or paused',
        at: ctx.now(),
        delivered: false,
      });
      return undefined;
    }
    const body = JSON.stringify(delivery.payload);
    const timestamp = Math.floor(ctx.now().getTime() / 1000);
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const url = await checkTarget(sub.url, options.allowPrivateTargets ?? false);
      const res = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Baton-Webhooks/1',
          [SIGNATURE_HEADER]: signBody(sub.secret, timestamp, body),
          [TIMESTAMP_HEADER]: String(timestamp),
          [DELIVERY_HEADER]: deliveryId,
          [EVENT_HEADER]: delivery.eventType,
        },
        body,
      });
      statusCode = res.status;
      await res.body?.cancel();
      if (res.status < 200 || res.status >= 300) error = `the endpoint answered ${res.status}`;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    const delivered = error === null;
    const last = attempt >= MAX_DELIVERY_ATTEMPTS;
    await recordAttempt(ctx, deliveryId, {
      status: delivered ? 'succeeded' : last ? 'failed' : 'retrying',
      statusCode,
      error,
      at: ctx.now(),
      delivered,
    });
    if (!delivered && !last) {
      await enqueueJob(ctx.db, {
        workspaceId: ctx.workspaceId,
        kind: DELIVER_WEBHOOK_JOB,
        payload: { deliveryId, attempt: attempt + 1 },
        runAt: retryAt(attempt, ctx.now()),
        dedupeKey: `webhook:${deliveryId}:${attempt + 1}`,
        maxAttempts: 1,
      });
    }
    return undefined;
  };
}
