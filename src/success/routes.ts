import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listQuerySchema, toListQuery } from '../platform/http/list-query.ts';
import { requestContext } from '../platform/http/request-context.ts';
import { amendSubscription } from './amend-subscription.ts';
import { churnSubscription } from './churn-subscription.ts';
import { completeOnboardingTask } from './complete-onboarding-task.ts';
import { createSubscription } from './create-subscription.ts';
import { createSubscriptionFromWin } from './create-subscription-from-win.ts';
import { enterRenewals } from './enter-renewals.ts';
import { registerSuccessListRoutes } from './list-routes.ts';
import { successConfigOf, updateSuccessConfig } from './load-success-config.ts';
import { recomputeHealth } from './recompute-health.ts';
import {
  customerSignalsSchema,
  importCustomerSignalsCsv,
  recordCustomerSignals,
} from './record-customer-signals.ts';
import { renewSubscription } from './renew-subscription.ts';
import { mrrReportQuerySchema, reportMrr } from './report-mrr.ts';
import { reportOnboarding } from './report-onboarding.ts';
import {
  acceptExpansionSignal,
  acceptSignalSchema,
  dismissExpansionSignal,
  dismissSignalSchema,
} from './respond-expansion-signal.ts';
import {
  amendSubscriptionSchema,
  churnSubscriptionSchema,
  createSubscriptionSchema,
  isoDay,
  renewSubscriptionSchema,
  updateSubscriptionSchema,
} from './subscriptions.ts';
import { deleteSubscription, updateSubscriptionTerms } from './update-subscription.ts';
import {
  customerSuccessView,
  getSubscription,
  listExpansionSignals,
  listSubscriptions,
} from './view-success.ts';

const idParams = z.strictObject({ id: z.uuid() });

/** Route options: the OpenAPI tag and summary plus the request schemas, keeping their types. */
function spec<T extends object = Record<never, never>>(summary: string, extra?: T) {
  return { schema: { tags: [S], summary, ...(extra ?? ({} as T)) } };
}
const S = 'Customer success';
const fromWinSchema = z.strictObject({
  opportunityId: z.uuid(),
  plan: z.string().trim().min(1).max(80).optional(),
  startsOn: isoDay.optional(),
  termMonths: z.int().min(1).max(120).optional(),
});

/** Subscriptions, MRR report, onboarding, health, renewals and expansion signals: parse, call one use case, reply. */
export function registerSuccessRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/subscriptions';

  r.get(
    base,
    spec('List subscriptions', {
      querystring: listQuerySchema({
        accountId: z.uuid().optional(),
        status: z.string().max(20).optional(),
        plan: z.string().max(80).optional(),
      }),
    }),
    (req) =>
      listSubscriptions(requestContext(req), toListQuery(req.query as Record<string, unknown>, '-createdAt')),
  );
  r.get(`${base}/:id`, spec('A subscription with its change log', { params: idParams }), (req) =>
    getSubscription(requestContext(req), req.params.id),
  );
  r.post(base, spec('Create a subscription', { body: createSubscriptionSchema }), async (req, reply) =>
    reply.code(201).send(await createSubscription(requestContext(req), req.body)),
  );
  r.post(
    `${base}/from-win`,
    spec('Start revenue from a won opportunity (new, cross-sell, expansion or renewal)', {
      body: fromWinSchema,
    }),
    async (req, reply) => {
      const { opportunityId, ...options } = req.body;
      return reply
        .code(201)
        .send(await createSubscriptionFromWin(requestContext(req), opportunityId, options));
    },
  );
  r.patch(
    `${base}/:id`,
    spec('Edit term, renewal date or source deal; send the version you read', {
      params: idParams,
      body: updateSubscriptionSchema,
    }),
    (req) => updateSubscriptionTerms(requestContext(req), req.params.id, req.body),
  );
  r.delete(
    `${base}/:id`,
    spec(
      'Delete a subscription entered by mistake (with its change log); ?version= is the version you read',
      {
        params: idParams,
        querystring: z.strictObject({ version: z.coerce.number().int().positive() }),
      },
    ),
    async (req, reply) => {
      await deleteSubscription(requestContext(req), req.params.id, req.query.version);
      return reply.code(204).send();
    },
  );
  r.post(
    `${base}/:id/amend`,
    spec('Amend MRR and/or plan from a day on (expansion, contraction)', {
      params: idParams,
      body: amendSubscriptionSchema,
    }),
    (req) => amendSubscription(requestContext(req), req.params.id, req.body),
  );
  r.post(
    `${base}/:id/renew`,
    spec('Renew for another term', { params: idParams, body: renewSubscriptionSchema }),
    (req) => renewSubscription(requestContext(req), req.params.id, req.body),
  );
  r.post(
    `${base}/:id/churn`,
    spec('Churn: record the reason, end billing, recycle the contacts', {
      params: idParams,
      body: churnSubscriptionSchema,
    }),
    (req) => churnSubscription(requestContext(req), req.params.id, req.body),
  );

  r.get(
    '/api/v1/reports/mrr',
    spec('MRR movements per month, fiscal quarter or fiscal year; GRR, NRR, logo churn, ARR', {
      querystring: mrrReportQuerySchema,
    }),
    (req) => reportMrr(requestContext(req), req.query),
  );
  r.get(
    '/api/v1/reports/onboarding',
    spec('Onboarding KPIs: time to first value', {
      querystring: z.strictObject({ days: z.coerce.number().int().min(1).max(3650).default(365) }),
    }),
    (req) => reportOnboarding(requestContext(req), req.query.days),
  );

  const cs = '/api/v1/success';
  registerSuccessListRoutes(app);
  r.get(
    `${cs}/settings`,
    spec('Customer Success settings in force (health factors, renewal lead days, checklists)'),
    (req) => successConfigOf(requestContext(req)),
  );
  r.put(
    `${cs}/settings`,
    spec('Save a new version of the settings (factor weights must sum to 100)', {
      body: z.record(z.string(), z.unknown()),
    }),
    (req) => updateSuccessConfig(requestContext(req), req.body),
  );
  r.get(
    `${cs}/accounts/:id`,
    spec('A customer: team, onboarding, health with history, subscriptions, signals', { params: idParams }),
    (req) => customerSuccessView(requestContext(req), req.params.id),
  );
  r.post(
    `${cs}/health/recompute`,
    spec('Recompute health for some accounts, or all', {
      body: z.strictObject({ accountIds: z.array(z.uuid()).min(1).max(1000).optional() }),
    }),
    (req) =>
      recomputeHealth(requestContext(req), req.body.accountIds ? { accountIds: req.body.accountIds } : {}),
  );
  r.post(
    `${cs}/renewals/run`,
    spec('Move accounts whose renewal is within the lead days into renewal'),
    (req) => enterRenewals(requestContext(req)),
  );
  r.post(
    `${cs}/onboarding-tasks/:id/complete`,
    spec('Complete an onboarding checklist item', { params: idParams }),
    (req) => completeOnboardingTask(requestContext(req), req.params.id),
  );
  r.post(
    `${cs}/signals`,
    spec('Record support tickets and NPS answers', { body: customerSignalsSchema }),
    async (req, reply) => reply.code(201).send(await recordCustomerSignals(requestContext(req), req.body)),
  );
  r.post(
    `${cs}/signals/import`,
    spec('Import support tickets and NPS answers from CSV text', {
      body: z.strictObject({ csv: z.string().min(1).max(5_000_000) }),
    }),
    async (req, reply) =>
      reply.code(201).send(await importCustomerSignalsCsv(requestContext(req), req.body.csv)),
  );
  r.get(
    `${cs}/expansion-signals`,
    spec("List expansion signals, each with its account's name, health, CSM and AM", {
      querystring: listQuerySchema({
        accountId: z.uuid().optional(),
        status: z.enum(['open', 'accepted', 'dismissed']).optional(),
        csmUserId: z.uuid().optional(),
        amUserId: z.uuid().optional(),
      }),
    }),
    (req) =>
      listExpansionSignals(
        requestContext(req),
        toListQuery(req.query as Record<string, unknown>, '-detectedAt'),
      ),
  );
  r.post(
    `${cs}/expansion-signals/:id/accept`,
    spec('Accept: create an expansion opportunity for an AE or AM', {
      params: idParams,
      body: acceptSignalSchema,
    }),
    (req) => acceptExpansionSignal(requestContext(req), req.params.id, req.body),
  );
  r.post(
    `${cs}/expansion-signals/:id/dismiss`,
    spec('Dismiss with a reason', { params: idParams, body: dismissSignalSchema }),
    (req) => dismissExpansionSignal(requestContext(req), req.params.id, req.body),
  );
}
