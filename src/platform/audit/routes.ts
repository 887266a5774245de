import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { csvLine } from '../csv-cell.ts';
import { errorBodySchema } from '../http/error-body.ts';
import { dateTime } from '../http/json-types.ts';
import { requestContext } from '../http/request-context.ts';
import type { AuditRow } from './store.ts';
import { verifyAuditChain } from './verify-audit.ts';
import { listAudit, openAuditExport } from './view-audit.ts';

const filters = {
  entityType: z.string().max(60).optional(),
  entityId: z.uuid().optional(),
  actorId: z.uuid().optional(),
  action: z.string().max(80).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
};

const auditRow = z.object({
  id: z.uuid(),
  seq: z.int(),
  at: dateTime,
  actorType: z.string(),
  actorId: z.uuid().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.uuid().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  hash: z.string().nullable(),
  redactedAt: dateTime.nullable(),
});

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema };
const COLUMNS = [
  'seq',
  'at',
  'actorType',
  'actorId',
  'action',
  'entityType',
  'entityId',
  'reason',
  'before',
  'after',
  'hash',
] as const;

function toFilter(q: { [K in keyof typeof filters]?: string }) {
  return {
    entityType: q.entityType,
    entityId: q.entityId,
    actorId: q.actorId,
    action: q.action,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
  };
}

async function* asCsv(rows: AsyncGenerator<AuditRow>): AsyncGenerator<string> {
  yield csvLine(COLUMNS);
  for await (const row of rows) yield csvLine(COLUMNS.map((c) => row[c]));
}

async function* asJson(rows: AsyncGenerator<AuditRow>): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const row of rows) {
    yield `${first ? '' : ','}\n${JSON.stringify(row)}`;
    first = false;
  }
  yield '\n]\n';
}

/** The audit viewer, its export and the chain check (admins). */
export function registerAuditRoutes(app: FastifyInstance): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['Audit'],
        summary:
          'The audit log, newest first; filter by entity, actor, action (exact or prefix "person.") and time',
        querystring: z.strictObject({
          ...filters,
          limit: z.coerce.number().int().min(1).max(500).default(50),
          cursor: z.string().max(100).optional(),
        }),
        response: {
          200: z.object({ items: z.array(auditRow), nextCursor: z.string().nullable() }),
          ...errors,
        },
      },
    },
    (req) => {
      const { limit, cursor, ...rest } = req.query;
      return listAudit(requestContext(req), toFilter(rest), { limit, cursor });
    },
  );
  typed.get(
    '/api/v1/audit/export',
    {
      schema: {
        tags: ['Audit'],
        summary: 'Export the filtered audit log, oldest first, as CSV (formula-safe) or JSON',
        querystring: z.strictObject({ ...filters, format: z.enum(['csv', 'json']).default('csv') }),
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (req, reply) => {
      const { format, ...rest } = req.query;
      const rows = await openAuditExport(requestContext(req), toFilter(rest));
      const stamp = new Date().toISOString().slice(0, 10);
      reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${stamp}.${format}"`);
      return reply.send(Readable.from(format === 'csv' ? asCsv(rows) : asJson(rows)));
    },
  );
  typed.get(
    '/api/v1/audit/verify',
    {
      schema: {
        tags: ['Audit'],
        summary: 'Re-compute the hash chain; names the first row that does not check out',
        response: {
          200: z.object({
            rows: z.int(),
            redacted: z.int(),
            broken: z
              .object({ seq: z.int(), id: z.uuid(), problem: z.string(), action: z.string(), at: dateTime })
              .nullable(),
          }),
          ...errors,
        },
      },
    },
    (req) => verifyAuditChain(requestContext(req)),
  );
}
