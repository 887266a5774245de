import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../platform/errors.ts';
import { errorBodySchema } from '../platform/http/error-body.ts';
import { dateTime } from '../platform/http/json-types.ts';
import { requestContext } from '../platform/http/request-context.ts';
import { EXPORT_ENTITIES, exportCsv } from './export-csv.ts';
import { IMPORT_FORMATS } from './import-formats.ts';
import { importPeople } from './import-people.ts';
import { importRunOf, startImportRun } from './import-runs.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 413: errorBodySchema };
const lineError = z.object({ line: z.int(), column: z.string(), message: z.string() });
const importRun = z.object({
  id: z.uuid(),
  format: z.enum(IMPORT_FORMATS),
  dryRun: z.boolean(),
  skipInvalid: z.boolean(),
  status: z.enum(['running', 'done', 'failed']),
  phase: z.enum(['importing']).nullable(),
  bytesDone: z.int(),
  totalBytes: z.int(),
  startedAt: dateTime,
  finishedAt: dateTime.nullable(),
  report: z
    .object({
      rows: z.int(),
      valid: z.int(),
      invalid: z.int(),
      duplicatesInFile: z.int(),
      committed: z.boolean(),
      created: z.int(),
      updated: z.int(),
      historyRows: z.int(),
      campaignsCreated: z.int(),
      memberships: z.int(),
      errors: z.array(lineError),
    })
    .nullable(),
  error: z
    .object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })),
    })
    .nullable(),
});

/** CSV upload (`text/csv` body) and CSV export. Large files belong to the CLI, which streams from disk. */
export async function registerImportExportRoutes(app: FastifyInstance): Promise<void> {
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'text/csv',
      { parseAs: 'string', bodyLimit: 50 * 1024 * 1024 },
      (_req, body, done) => done(null, body),
    );
    const typed = scope.withTypeProvider<ZodTypeProvider>();
    typed.post(
      '/api/v1/import/:format',
      {
        bodyLimit: 50 * 1024 * 1024,
        schema: {
          tags: ['Import'],
          summary: 'Import a CSV (HubSpot contacts, Salesforce leads, Baton people); send it as text/csv',
          params: z.strictObject({ format: z.enum(IMPORT_FORMATS) }),
          querystring: z.strictObject({
            dryRun: z.enum(['true', 'false']).optional(),
            skipInvalid: z.enum(['true', 'false']).optional(),
          }),
          response: { 200: z.looseObject({ rows: z.int() }), ...errors },
        },
      },
      async (req, reply) => {
        const text = typeof req.body === 'string' ? req.body : '';
        const report = await importPeople(requestContext(req), {
          format: req.params.format,
          open: () => Readable.from([text]),
          dryRun: req.query.dryRun === 'true',
          skipInvalid: req.query.skipInvalid === 'true',
        });
        if (report.invalid > 0 && req.query.skipInvalid !== 'true') {
          throw new DomainError(
            'invalid_input',
            `${report.invalid} of ${report.rows} lines are invalid; nothing was imported. Fix them or send ?skipInvalid=true.`,
            report.errors.map((e) => ({ path: `line ${e.line}, column ${e.column}`, message: e.message })),
          );
        }
        return reply.code(200).send({ ...report });
      },
    );
    typed.post(
      '/api/v1/import/:format/runs',
      {
        bodyLimit: 50 * 1024 * 1024,
        schema: {
          tags: ['Import'],
          summary:
            'Start checking (dryRun) or importing a CSV in the background; poll GET /api/v1/import/runs/{id} for progress and the report',
          params: z.strictObject({ format: z.enum(IMPORT_FORMATS) }),
          querystring: z.strictObject({
            dryRun: z.enum(['true', 'false']).optional(),
            skipInvalid: z.enum(['true', 'false']).optional(),
          }),
          response: { 202: importRun, ...errors },
        },
      },
      async (req, reply) => {
        const run = await startImportRun(requestContext(req), {
          format: req.params.format,
          text: typeof req.body === 'string' ? req.body : '',
          dryRun: req.query.dryRun === 'true',
          skipInvalid: req.query.skipInvalid === 'true',
        });
        return reply.code(202).send(run);
      },
    );
    typed.get(
      '/api/v1/import/runs/:id',
      {
        schema: {
          tags: ['Import'],
          summary: 'Where a background import stands: phase, bytes checked or written, then its report',
          params: z.strictObject({ id: z.uuid() }),
          response: { 200: importRun, 404: errorBodySchema, ...errors },
        },
      },
      (req) => importRunOf(requestContext(req), req.params.id),
    );
    typed.get(
      '/api/v1/export/:entity',
      {
        schema: {
          tags: ['Import'],
          summary: 'Export people, accounts or opportunities as CSV',
          params: z.strictObject({ entity: z.enum(EXPORT_ENTITIES) }),
        },
      },
      async (req, reply) => {
        const chunks: string[] = [];
        await exportCsv(requestContext(req), req.params.entity, (c) => {
          chunks.push(c);
        });
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${req.params.entity}.csv"`)
          .send(chunks.join(''));
      },
    );
  });
}
