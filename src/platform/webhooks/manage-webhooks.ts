import { randomBytes } from 'node:crypto';
import { assertCan } from '../access.ts';
import { appendAudit } from '../audit/store.ts';
import type { RequestContext } from '../context.ts';
import { DomainError, notFound } from '../errors.ts';
import { inTransaction } from '../transaction.ts';
import type { WebhookEvent } from './emit-event.ts';
import {
  deleteSubscription,
  getSubscription,
  insertSubscription,
  listDeliveries,
  listSubscriptions,
  type SubscriptionRow,
  updateSubscription,
} from './store.ts';
import { checkTarget } from './target-url.ts';

/** Private targets are refused unless the operator allows them (tests, on-premise installs). */
const allowPrivate = () => process.env.BATON_WEBHOOK_ALLOW_PRIVATE === '1';

/** A subscription as the API shows it: never the secret, except once at creation. */
export function subscriptionView(s: SubscriptionRow) {
  return {
    id: s.id,
    url: s.url,
    events: s.events as string[],
    description: s.description,
    active: s.active,
    version: s.version,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

export function createWebhook(
  ctx: RequestContext,
  input: { url: string; events: WebhookEvent[]; description?: string | undefined },
) {
  return inTransaction(ctx, async (tx) => {
    await assertCan(tx, 'settings', 'write', 'all');
    await checkTarget(input.url, allowPrivate());
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    const row = await insertSubscription(tx, {
      url: input.url,
      events: [...new Set(input.events)],
      secret,
      description: input.description ?? null,
    });
    await appendAudit(tx, {
      action: 'webhook.create',
      entityType: 'webhook_subscription',
      entityId: row.id,
      after: subscriptionView(row),
    });
    return { ...subscriptionView(row), secret };
  });
}

export async function listWebhooks(ctx: RequestContext) {
  await assertCan(ctx, 'settings', 'read', 'all');
  return (await listSubscriptions(ctx)).map(subscriptionView);
}

export function updateWebhook(
  ctx: RequestContext,
  id: string,
  input: {
    version: number;
    url?: string | undefined;
    events?: WebhookEvent[] | undefined;
    active?: boolean | undefined;
    description?: string | null | undefined;
  },
) {
  return inTransaction(ctx, async (tx) => {
    await assertCan(tx, 'settings', 'write', 'all');
    const before = await getSubscription(tx, id);
    if (!before) throw notFound('Webhook', id);
    if (input.url) await checkTarget(input.url, allowPrivate());
    const { version, ...values } = input;
    const row = await updateSubscription(tx, id, version, values);
    if (!row) {
      throw new DomainError(
        'version_conflict',
        `Webhook ${id} was changed meanwhile (now version ${before.version}).`,
        [{ path: 'version', message: `current version is ${before.version}` }],
      );
    }
    await appendAudit(tx, {
      action: 'webhook.update',
      entityType: 'webhook_subscription',
      entityId: id,
      before: subscriptionView(before),
      after: subscriptionView(row),
    });
    return subscriptionView(row);
  });
}

export function deleteWebhook(ctx: RequestContext, id: string) {
  return inTransaction(ctx, async (tx) => {
    await assertCan(tx, 'settings', 'write', 'all');
    const before = await getSubscription(tx, id);
    if (!before || !(await deleteSubscription(tx, id))) throw notFound('Webhook', id);
    await appendAudit(tx, {
      action: 'webhook.delete',
      entityType: 'webhook_subscription',
      entityId: id,
      before: subscriptionView(before),
    });
  });
}

export async function webhookDeliveries(ctx: RequestContext, id: string, limit: number) {
  await assertCan(ctx, 'settings', 'read', 'all');
  if (!(await getSubscription(ctx, id))) throw notFound('Webhook', id);
  return listDeliveries(ctx, id, limit);
}
