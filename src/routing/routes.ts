import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../platform/context.ts';
import { registerCrudRoutes } from '../platform/http/crud-routes.ts';
import { recordMeta } from '../platform/http/json-types.ts';
import { requestContext } from '../platform/http/request-context.ts';
import { overrideHandoffAssignment, routeHandoff } from './assign-handoff.ts';
import { createCadenceSchema, enrolSchema, updateCadenceSchema } from './cadences.ts';
import { completeTask } from './complete-task.ts';
import { getOrgModel, setOrgModel, setOrgModelSchema } from './configure-org-model.ts';
import { createSql } from './create-sql.ts';
import { enrolInCadence } from './enrol-in-cadence.ts';
import { optOutPerson } from './exit-cadences.ts';
import { getDueTasks, getSlotUsage, getWorkQueue } from './get-work-queue.ts';
import { logActivity } from './log-activity.ts';
import { cadenceUseCases } from './manage-cadences.ts';
import {
  addMemberSchema,
  addTeamMember,
  createTeamSchema,
  listTeamMembers,
  removeTeamMember,
  segmentOfAccount,
  TEAM_KINDS,
  teamUseCases,
  updateTeamSchema,
} from './manage-teams.ts';
import { followUpSchema, scheduleFollowUp } from './schedule-follow-up.ts';
import { createSqlSchema, logActivitySchema } from './workbench.ts';

const id = z.strictObject({ id: z.uuid() });
const forUser = z.strictObject({ userId: z.uuid().optional() });
const me = (req: Parameters<typeof requestContext>[0], userId?: string) => {
  const ctx = requestContext(req);
  return { ctx, userId: userId ?? ctx.actor.userId ?? '' };
};

export function registerRoutingRoutes(app: FastifyInstance): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Sales floor'];

  typed.get(
    '/api/v1/org-model',
    { schema: { tags, summary: 'The org model and sales-floor settings' } },
    (req) => getOrgModel(requestContext(req)),
  );
  typed.put(
    '/api/v1/org-model',
    {
      schema: {
        tags,
        summary: 'Set the org model (islands, assembly_line, pods) and sales-floor settings (admin)',
        body: setOrgModelSchema,
      },
    },
    (req) => setOrgModel(requestContext(req), req.body),
  );

  registerCrudRoutes(app, {
    path: 'teams',
    tag: 'Sales floor',
    defaultSort: 'name',
    filters: { kind: z.enum(TEAM_KINDS).optional() },
    create: createTeamSchema,
    update: updateTeamSchema,
    row: z.object({
      ...recordMeta,
      name: z.string(),
      kind: z.string(),
      function: z.string().nullable(),
      segmentRule: z.unknown(),
    }),
    useCases: teamUseCases,
  });
  typed.get(
    '/api/v1/teams/:id/members',
    { schema: { tags, summary: 'Members of a team with roles and capacity', params: id } },
    (req) => listTeamMembers(requestContext(req), req.params.id),
  );
  typed.post(
    '/api/v1/teams/:id/members',
    { schema: { tags, summary: 'Add a member to a team in a role', params: id, body: addMemberSchema } },
    async (req, reply) =>
      reply.code(201).send(await addTeamMember(requestContext(req), req.params.id, req.body)),
  );
  typed.delete(
    '/api/v1/teams/:id/members/:userId',
    {
      schema: {
        tags,
        summary: 'Remove a member role from a team',
        params: z.strictObject({ id: z.uuid(), userId: z.uuid() }),
        querystring: z.strictObject({ role: z.enum(ROLES) }),
      },
    },
    async (req, reply) => {
      await removeTeamMember(requestContext(req), req.params.id, req.params.userId, req.query.role);
      return reply.code(204).send();
    },
  );
  typed.get(
    '/api/v1/accounts/:id/segment',
    { schema: { tags, summary: "An account's tier and POD", params: id } },
    (req) => segmentOfAccount(requestContext(req), req.params.id),
  );

  typed.post(
    '/api/v1/handoffs/:id/route',
    {
      schema: {
        tags,
        summary: 'Route an open hand-off by the rules (segment → POD or queue → member by free capacity)',
        params: id,
      },
    },
    (req) => routeHandoff(requestContext(req), req.params.id),
  );
  typed.post(
    '/api/v1/handoffs/:id/override',
    {
      schema: {
        tags,
        summary: 'Assign an open hand-off by hand (manager; reason required, audited)',
        params: id,
        body: z.strictObject({ userId: z.uuid(), reason: z.string().trim().min(1).max(500) }),
      },
    },
    (req) => overrideHandoffAssignment(requestContext(req), req.params.id, req.body),
  );

  typed.get(
    '/api/v1/workbench/queue',
    {
      schema: {
        tags,
        summary:
          "A rep's work queue: SLA urgency, then score, then recency (another rep's: their team's manager)",
        querystring: forUser.extend({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      },
    },
    (req) => {
      const { ctx, userId } = me(req, req.query.userId);
      return getWorkQueue(ctx, userId, req.query.limit);
    },
  );
  typed.get(
    '/api/v1/workbench/slots',
    { schema: { tags, summary: 'Half-hour slots used this week against capacity', querystring: forUser } },
    (req) => {
      const { ctx, userId } = me(req, req.query.userId);
      return getSlotUsage(ctx, userId);
    },
  );
  typed.get(
    '/api/v1/workbench/tasks',
    {
      schema: {
        tags,
        summary: 'Open tasks due by the end of today (cadence steps, follow-ups)',
        querystring: forUser,
      },
    },
    (req) => {
      const { ctx, userId } = me(req, req.query.userId);
      return getDueTasks(ctx, userId);
    },
  );
  typed.post(
    '/api/v1/activities',
    {
      schema: {
        tags,
        summary: 'Log a call, email, meeting or note with its outcome',
        body: logActivitySchema,
      },
    },
    async (req, reply) => reply.code(201).send(await logActivity(requestContext(req), req.body)),
  );
  typed.post(
    '/api/v1/people/:id/sql',
    {
      schema: {
        tags,
        summary: "Create an SQL: the checklist must meet the workspace's opportunity definition",
        params: id,
        body: createSqlSchema,
      },
    },
    (req) => createSql(requestContext(req), req.params.id, req.body),
  );
  typed.post(
    '/api/v1/people/:id/follow-up',
    {
      schema: {
        tags,
        summary: 'Schedule a nurture follow-up for a lead that is not ready',
        params: id,
        body: followUpSchema,
      },
    },
    async (req, reply) =>
      reply.code(201).send(await scheduleFollowUp(requestContext(req), req.params.id, req.body)),
  );
  typed.post(
    '/api/v1/people/:id/opt-out',
    {
      schema: {
        tags,
        summary: 'The person opts out of contact; their cadences end',
        params: id,
        body: z.strictObject({ reason: z.string().trim().min(1).max(500) }),
      },
    },
    (req) => optOutPerson(requestContext(req), req.params.id, req.body.reason),
  );

  registerCrudRoutes(app, {
    path: 'cadences',
    tag: 'Sales floor',
    defaultSort: 'name',
    filters: { status: z.enum(['active', 'archived']).optional() },
    create: createCadenceSchema,
    update: updateCadenceSchema,
    row: z.object({ ...recordMeta, name: z.string(), status: z.string(), steps: z.unknown() }),
    useCases: cadenceUseCases,
  });
  typed.post(
    '/api/v1/cadences/:id/enrolments',
    {
      schema: {
        tags,
        summary: 'Enrol a lead in a cadence (opted-out leads are refused)',
        params: id,
        body: enrolSchema,
      },
    },
    async (req, reply) =>
      reply.code(201).send(await enrolInCadence(requestContext(req), req.params.id, req.body)),
  );
  typed.post(
    '/api/v1/tasks/:id/complete',
    { schema: { tags, summary: 'Complete a task; a cadence step schedules the next', params: id } },
    (req) => completeTask(requestContext(req), req.params.id),
  );
}
