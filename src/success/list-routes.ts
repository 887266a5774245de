import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requestContext } from '../platform/http/request-context.ts';
import {
  customerListQuerySchema,
  customerSummaryQuerySchema,
  listCustomers,
  summariseCustomers,
} from './list-customers.ts';
import {
  listRenewals,
  renewalCalendar,
  renewalCalendarQuerySchema,
  renewalListQuerySchema,
} from './list-renewals.ts';
import { listSuccessTasks, successTaskQuerySchema } from './list-success-tasks.ts';

const spec = <Q>(summary: string, querystring: Q) => ({
  schema: { tags: ['Customer success'], summary, querystring },
});

/** The Customer Success lists: customer accounts by health, renewals by month, CS tasks. */
export function registerSuccessListRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cs = '/api/v1/success';
  r.get(
    `${cs}/accounts`,
    spec(
      'Customer accounts with health, trend, MRR, next renewal, team and onboarding progress',
      customerListQuerySchema,
    ),
    (req) => listCustomers(requestContext(req), req.query),
  );
  r.get(
    `${cs}/accounts/summary`,
    spec('Health mix (accounts and MRR per band) and the ONB/CSM/AM members', customerSummaryQuerySchema),
    (req) => summariseCustomers(requestContext(req), req.query),
  );
  r.get(
    `${cs}/renewals`,
    spec('Active subscriptions renewing in a range (default: the next 12 months)', renewalListQuerySchema),
    (req) => listRenewals(requestContext(req), req.query),
  );
  r.get(
    `${cs}/renewals/calendar`,
    spec('Renewals per month: count and MRR, by health band', renewalCalendarQuerySchema),
    (req) => renewalCalendar(requestContext(req), req.query),
  );
  r.get(
    `${cs}/tasks`,
    spec(
      'Customer Success tasks (red health, expansion, renewal, onboarding, hand-off)',
      successTaskQuerySchema,
    ),
    (req) => listSuccessTasks(requestContext(req), req.query),
  );
}
