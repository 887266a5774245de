import { randomUUID } from 'node:crypto';
import { DEFAULT_SCORING_RULES } from '../../../src/scoring/rules.ts';
import { made, patchName, type RouteSpec, versionQuery } from './matrix.ts';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const settingsWrite = { kind: 'whole', resource: 'settings', action: 'write', need: 'all' } as const;
/** Marketing's own configuration (tracking write keys, scoring rules): marketing and admins. */
const marketingSetup = { kind: 'whole', resource: 'campaigns', action: 'write', need: 'all' } as const;
/** Team administration: roles come with memberships, so it is user administration (admins). */
const usersWrite = { kind: 'whole', resource: 'users', action: 'write', need: 'all' } as const;

/** Marketing capture (forms, members, write keys, import, export), scoring and the sales floor. */
export const FLOOR_ROUTES: Record<string, RouteSpec> = {
  // Forms are campaign material: everyone reads, marketing and admins write.
  'GET /api/v1/forms': { kind: 'whole', resource: 'campaigns', action: 'read', need: 'any' },
  'POST /api/v1/forms': {
    kind: 'whole',
    resource: 'campaigns',
    action: 'write',
    need: 'all',
    body: () => ({ name: `matrix ${randomUUID().slice(0, 6)}`, kind: 'contact' }),
  },
  'GET /api/v1/forms/{id}': {
    kind: 'whole',
    resource: 'campaigns',
    action: 'read',
    need: 'any',
    url: () => `/api/v1/forms/${randomUUID()}`,
    allowedStatus: 404,
  },
  'PATCH /api/v1/forms/{id}': {
    kind: 'whole',
    resource: 'campaigns',
    action: 'write',
    need: 'all',
    url: () => `/api/v1/forms/${randomUUID()}`,
    body: () => ({ version: 1, name: 'x' }),
    allowedStatus: 404,
  },
  'DELETE /api/v1/forms/{id}': {
    kind: 'whole',
    resource: 'campaigns',
    action: 'write',
    need: 'all',
    url: () => `/api/v1/forms/${randomUUID()}?version=1`,
    allowedStatus: 404,
  },
  // Members are people: each role lists the members in its people scope (access-matrix.test.ts).
  'GET /api/v1/campaigns/{id}/members': { kind: 'record', resource: 'campaigns', action: 'read' },
  'PUT /api/v1/campaigns/{id}/members': {
    kind: 'record',
    resource: 'campaigns',
    action: 'write',
    // An unknown person: past the campaign write check, the 400 naming the member.
    body: () => ({ members: [{ personId: randomUUID(), status: 'sent' }] }),
    allowedStatus: 400,
  },
  'GET /api/v1/tracking/write-keys': { kind: 'whole', resource: 'campaigns', action: 'write', need: 'all' },
  'POST /api/v1/tracking/write-keys': { ...marketingSetup, body: () => ({ name: 'matrix site' }) },
  'DELETE /api/v1/tracking/write-keys/{id}': {
    ...marketingSetup,
    url: () => `/api/v1/tracking/write-keys/${randomUUID()}`,
    allowedStatus: 404,
  },
  // Everyone may read how scores are made; changing or rerunning them is Marketing's (and admins').
  'GET /api/v1/scoring/rules': { kind: 'member' },
  'PUT /api/v1/scoring/rules': {
    ...marketingSetup,
    body: () => ({ expectedVersion: 999_999, rules: DEFAULT_SCORING_RULES }),
    allowedStatus: 409,
  },
  'POST /api/v1/scoring/recompute': marketingSetup,
  'POST /api/v1/scoring/preview': { ...marketingSetup, body: () => ({ rules: DEFAULT_SCORING_RULES }) },
  'GET /api/v1/scoring/recompute-jobs/{id}': {
    kind: 'whole',
    resource: 'settings',
    action: 'read',
    need: 'all',
    url: () => `/api/v1/scoring/recompute-jobs/${randomUUID()}`,
    allowedStatus: 404,
  },
  'GET /api/v1/people/{id}/score': { kind: 'record', resource: 'people', action: 'read' },
  // Imports write people for anyone's book: a grant on every person (marketing, admins).
  'POST /api/v1/import/{format}': {
    kind: 'whole',
    resource: 'people',
    action: 'write',
    need: 'all',
    url: () => '/api/v1/import/people?dryRun=true',
    body: () => `email,lastName\n${randomUUID().slice(0, 8)}@import.example.jp,山田\n`,
  },
  'POST /api/v1/import/{format}/runs': {
    kind: 'whole',
    resource: 'people',
    action: 'write',
    need: 'all',
    url: () => '/api/v1/import/people/runs?dryRun=true',
    body: () => `email,lastName\n${randomUUID().slice(0, 8)}@import.example.jp,山田\n`,
  },
  'GET /api/v1/import/runs/{id}': {
    kind: 'whole',
    resource: 'people',
    action: 'write',
    need: 'all',
    url: () => `/api/v1/import/runs/${randomUUID()}`,
    allowedStatus: 404,
  },
  // Each role exports its own book (access-matrix.test.ts checks the rows).
  'GET /api/v1/export/{entity}': {
    kind: 'whole',
    resource: 'people',
    action: 'read',
    need: 'any',
    url: () => '/api/v1/export/people',
  },

  'GET /api/v1/org-model': { kind: 'member' },
  'PUT /api/v1/org-model': {
    ...settingsWrite,
    body: () => ({ version: 999_999, orgModel: 'pods' }),
    allowedStatus: 409,
  },
  // The team directory is read by everyone, like the user directory.
  'GET /api/v1/teams': { kind: 'member' },
  'POST /api/v1/teams': {
    ...usersWrite,
    body: () => ({ name: `matrix ${randomUUID().slice(0, 6)}`, kind: 'marketing' }),
  },
  'GET /api/v1/teams/{id}': { kind: 'record', resource: 'teams', action: 'read' },
  'PATCH /api/v1/teams/{id}': { kind: 'record', resource: 'teams', action: 'write', body: patchName('name') },
  'DELETE /api/v1/teams/{id}': { kind: 'record', resource: 'teams', action: 'write', query: versionQuery },
  'GET /api/v1/teams/{id}/members': { kind: 'record', resource: 'teams', action: 'read' },
  'POST /api/v1/teams/{id}/members': {
    ...usersWrite,
    url: () => `/api/v1/teams/${randomUUID()}/members`,
    body: () => ({ userId: randomUUID(), role: 'manager' }),
    allowedStatus: 404,
  },
  'DELETE /api/v1/teams/{id}/members/{userId}': {
    ...usersWrite,
    url: () => `/api/v1/teams/${randomUUID()}/members/${randomUUID()}?role=ae`,
    allowedStatus: 404,
  },
  'GET /api/v1/accounts/{id}/segment': { kind: 'record', resource: 'accounts', action: 'read' },
  'POST /api/v1/handoffs/{id}/route': { kind: 'record', resource: 'handoffs', action: 'write' },
  // The manager's override, limited to the hand-offs of their teams; the mdr actor holds the role.
  'POST /api/v1/handoffs/{id}/override': {
    kind: 'record',
    resource: 'handoffs',
    action: 'write',
    onlyRoles: ['manager'],
    body: (_v, { actorId }) => ({ userId: actorId, reason: 'matrix' }),
    // The acting manager or admin does not hold mdr: past access, the role check answers 400.
    allowedStatus: 400,
  },
  // A rep's own workbench; another rep's follows the tasks team scope (access-matrix.test.ts).
  'GET /api/v1/workbench/queue': { kind: 'member' },
  'GET /api/v1/workbench/slots': { kind: 'member' },
  'GET /api/v1/workbench/tasks': { kind: 'member' },
  'POST /api/v1/activities': {
    kind: 'record',
    resource: 'people',
    action: 'write',
    url: () => '/api/v1/activities',
    body: (_v, { id }) => ({ type: 'call', outcome: 'no_answer', personId: id }),
  },
  // The matrix's people are plain leads: an allowed role reaches the stage's 409.
  'POST /api/v1/people/{id}/sql': {
    kind: 'record',
    resource: 'people',
    action: 'write',
    body: () => ({ checklist: {} }),
    allowedStatus: 409,
  },
  'POST /api/v1/people/{id}/follow-up': {
    kind: 'record',
    resource: 'people',
    action: 'write',
    body: () => ({ followUpAt: inDays(7) }),
  },
  'POST /api/v1/people/{id}/opt-out': {
    kind: 'record',
    resource: 'people',
    action: 'write',
    body: () => ({ reason: '配信停止の依頼' }),
  },
  // Cadence templates: everyone reads (to enrol), managers, marketing and admins write.
  'GET /api/v1/cadences': { kind: 'whole', resource: 'cadences', action: 'read', need: 'any' },
  'POST /api/v1/cadences': {
    kind: 'whole',
    resource: 'cadences',
    action: 'write',
    need: 'all',
    body: () => ({
      name: `matrix ${randomUUID().slice(0, 6)}`,
      steps: [{ dayOffset: 0, channel: 'email', instructions: '資料送付' }],
    }),
  },
  'GET /api/v1/cadences/{id}': {
    kind: 'whole',
    resource: 'cadences',
    action: 'read',
    need: 'any',
    url: () => `/api/v1/cadences/${made.cadenceId}`,
  },
  'PATCH /api/v1/cadences/{id}': {
    kind: 'whole',
    resource: 'cadences',
    action: 'write',
    need: 'all',
    url: () => `/api/v1/cadences/${randomUUID()}`,
    body: () => ({ version: 1, name: 'x' }),
    allowedStatus: 404,
  },
  'DELETE /api/v1/cadences/{id}': {
    kind: 'whole',
    resource: 'cadences',
    action: 'write',
    need: 'all',
    url: () => `/api/v1/cadences/${randomUUID()}?version=1`,
    allowedStatus: 404,
  },
  'POST /api/v1/cadences/{id}/enrolments': {
    kind: 'record',
    resource: 'people',
    action: 'write',
    url: () => `/api/v1/cadences/${made.cadenceId}/enrolments`,
    body: (_v, { id }) => ({ personId: id }),
  },
  'POST /api/v1/tasks/{id}/complete': { kind: 'record', resource: 'tasks', action: 'write' },
};
