import { randomUUID } from 'node:crypto';
import { readPipelineSettings } from '../../../src/pipeline/pipeline-settings.ts';
import { type RouteSpec, unknownId, versionQuery } from './matrix.ts';

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Revenue analytics: whole-workspace numbers, for report readers (and Customer Success for MRR). */
const report: RouteSpec = { kind: 'whole', resource: 'reports', action: 'read', need: 'all' };
const revenueReport: RouteSpec = {
  ...report,
  or: { resource: 'customers', action: 'read', need: 'all' },
};
const customersRead: RouteSpec = { kind: 'whole', resource: 'customers', action: 'read', need: 'any' };
/** A customers write on an unknown record: allowed roles get past the grant to the 404. */
const customersWriteUnknown = (path: string, body: () => unknown): RouteSpec => ({
  kind: 'whole',
  resource: 'customers',
  action: 'write',
  need: 'any',
  url: unknownId(path),
  body,
  allowedStatus: 404,
});

/** Analytics, the pipeline (opportunities, quotas, forecast, settings) and Customer Success. */
export const REVENUE_ROUTES: Record<string, RouteSpec> = {
  'GET /api/v1/reports/funnel': report,
  'GET /api/v1/reports/kpis': report,
  'GET /api/v1/reports/scorecards': report,
  'GET /api/v1/reports/attribution': report,
  'GET /api/v1/reports/bottlenecks': report,
  'GET /api/v1/reports/mrr': revenueReport,
  'GET /api/v1/reports/onboarding': revenueReport,

  'GET /api/v1/opportunities': { kind: 'list', resource: 'opportunities' },
  // An unknown account: allowed roles get past the grant to the 400 naming accountId.
  'POST /api/v1/opportunities': {
    kind: 'whole',
    resource: 'opportunities',
    action: 'write',
    need: 'any',
    body: () => ({ accountId: randomUUID(), name: 'matrix', closeDate: inDays(30) }),
    allowedStatus: 400,
  },
  'GET /api/v1/opportunities/{id}': { kind: 'record', resource: 'opportunities', action: 'read' },
  'PATCH /api/v1/opportunities/{id}': {
    kind: 'record',
    resource: 'opportunities',
    action: 'write',
    body: (version) => ({ version, nextStep: `電話 ${randomUUID().slice(0, 4)}` }),
  },
  'DELETE /api/v1/opportunities/{id}': {
    kind: 'record',
    resource: 'opportunities',
    action: 'write',
    query: versionQuery,
  },
  // Exit criteria of qualification are not ticked: an allowed role reaches the gate's 409.
  'POST /api/v1/opportunities/{id}/phase': {
    kind: 'record',
    resource: 'opportunities',
    action: 'write',
    body: (version) => ({ version, to: 'problem_recognition' }),
    allowedStatus: 409,
  },
  // Quotas are part of the plan: managers and admins set them, marketing reads them.
  'GET /api/v1/quotas': { kind: 'whole', resource: 'planning', action: 'read', need: 'all' },
  'POST /api/v1/quotas': {
    kind: 'whole',
    resource: 'planning',
    action: 'write',
    need: 'all',
    body: () => ({ period: 'FY2030', teamId: null, ownerUserId: randomUUID(), amountMrr: 1 }),
  },
  'GET /api/v1/quotas/{id}': {
    kind: 'whole',
    resource: 'planning',
    action: 'read',
    need: 'all',
    url: unknownId('/api/v1/quotas/{id}'),
    allowedStatus: 404,
  },
  'PATCH /api/v1/quotas/{id}': {
    kind: 'whole',
    resource: 'planning',
    action: 'write',
    need: 'all',
    url: unknownId('/api/v1/quotas/{id}'),
    body: () => ({ version: 1, amountMrr: 2 }),
    allowedStatus: 404,
  },
  'DELETE /api/v1/quotas/{id}': {
    kind: 'whole',
    resource: 'planning',
    action: 'write',
    need: 'all',
    url: () => `/api/v1/quotas/${randomUUID()}?version=1`,
    allowedStatus: 404,
  },
  // Everyone with a pipeline sees a forecast; its lines are scoped (access-matrix.test.ts checks that).
  'GET /api/v1/forecast': { kind: 'whole', resource: 'opportunities', action: 'read', need: 'any' },
  'GET /api/v1/pipeline/settings': { kind: 'member' },
  // A stale version: an admin gets past the check to the 409.
  'PUT /api/v1/pipeline/settings': {
    kind: 'whole',
    resource: 'settings',
    action: 'write',
    need: 'all',
    body: () => ({ version: 999_999, settings: readPipelineSettings(undefined) }),
    allowedStatus: 409,
  },

  'GET /api/v1/subscriptions': { kind: 'list', resource: 'subscriptions' },
  'POST /api/v1/subscriptions': {
    kind: 'whole',
    resource: 'customers',
    action: 'write',
    need: 'any',
    body: () => ({ accountId: randomUUID(), plan: 'standard', mrr: 1000, startsOn: today() }),
    allowedStatus: 400,
  },
  'GET /api/v1/subscriptions/{id}': { kind: 'record', resource: 'subscriptions', action: 'read' },
  'PATCH /api/v1/subscriptions/{id}': {
    kind: 'record',
    resource: 'subscriptions',
    action: 'write',
    body: (version) => ({ version, termMonths: 24 }),
  },
  'DELETE /api/v1/subscriptions/{id}': {
    kind: 'record',
    resource: 'subscriptions',
    action: 'write',
    query: versionQuery,
  },
  'POST /api/v1/subscriptions/from-win': customersWriteUnknown('/api/v1/subscriptions/from-win', () => ({
    opportunityId: randomUUID(),
  })),
  'POST /api/v1/subscriptions/{id}/amend': {
    kind: 'record',
    resource: 'subscriptions',
    action: 'write',
    body: (version) => ({ version, mrr: 120_000, effectiveOn: today() }),
  },
  'POST /api/v1/subscriptions/{id}/renew': {
    kind: 'record',
    resource: 'subscriptions',
    action: 'write',
    body: (version) => ({ version }),
  },
  'POST /api/v1/subscriptions/{id}/churn': {
    kind: 'record',
    resource: 'subscriptions',
    action: 'write',
    body: (version) => ({ version, reason: '予算削減' }),
  },

  'GET /api/v1/success/settings': { kind: 'member' },
  // Not a valid configuration: an admin gets past the check to the 400.
  'PUT /api/v1/success/settings': {
    kind: 'whole',
    resource: 'settings',
    action: 'write',
    need: 'all',
    body: () => ({ renewalLeadDays: -1 }),
    allowedStatus: 400,
  },
  'GET /api/v1/success/accounts': { kind: 'list', resource: 'customers' },
  'GET /api/v1/success/accounts/summary': customersRead,
  'GET /api/v1/success/accounts/{id}': { kind: 'record', resource: 'customers', action: 'read' },
  'GET /api/v1/success/renewals': { kind: 'list', resource: 'subscriptions' },
  'GET /api/v1/success/renewals/calendar': customersRead,
  'GET /api/v1/success/tasks': { kind: 'list', resource: 'cs_tasks' },
  'GET /api/v1/success/expansion-signals': customersRead,
  // Without account ids it rescoring every customer: a grant on all of them.
  'POST /api/v1/success/health/recompute': {
    kind: 'whole',
    resource: 'customers',
    action: 'write',
    need: 'all',
    body: () => ({}),
  },
  'POST /api/v1/success/renewals/run': { kind: 'whole', resource: 'customers', action: 'write', need: 'all' },
  // A renewal task is not an onboarding item: an allowed role reaches the 400.
  'POST /api/v1/success/onboarding-tasks/{id}/complete': {
    kind: 'record',
    resource: 'cs_tasks',
    action: 'write',
    allowedStatus: 400,
  },
  // An account of nobody's book is unknown to the rep: 400 naming it; without a grant, 403.
  'POST /api/v1/success/signals': {
    kind: 'whole',
    resource: 'customers',
    action: 'write',
    need: 'any',
    body: () => ({
      items: [{ kind: 'nps', accountId: randomUUID(), occurredAt: new Date().toISOString(), score: 9 }],
    }),
    allowedStatus: 400,
  },
  'POST /api/v1/success/signals/import': {
    kind: 'whole',
    resource: 'customers',
    action: 'write',
    need: 'any',
    body: () => ({ csv: `kind,accountId,occurredAt,score\nnps,${randomUUID()},2026-01-05T00:00:00Z,9` }),
    allowedStatus: 400,
  },
  'POST /api/v1/success/expansion-signals/{id}/accept': customersWriteUnknown(
    '/api/v1/success/expansion-signals/{id}/accept',
    () => ({ version: 1 }),
  ),
  'POST /api/v1/success/expansion-signals/{id}/dismiss': customersWriteUnknown(
    '/api/v1/success/expansion-signals/{id}/dismiss',
    () => ({ version: 1, reason: 'matrix' }),
  ),
};
